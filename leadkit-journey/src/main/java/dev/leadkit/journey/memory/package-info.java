/**
 * Thread-safe in-memory adapters of the journey ports: the defaults of
 * {@link dev.leadkit.journey.Journeys}, and what tests run on. They keep nothing across
 * restarts. Create them with {@link dev.leadkit.journey.memory.JourneyMemory}.
 */
@NullMarked
package dev.leadkit.journey.memory;

import org.jspecify.annotations.NullMarked;
