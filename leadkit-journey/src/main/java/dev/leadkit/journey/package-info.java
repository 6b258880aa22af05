/**
 * Journeys: versioned, state-machine programs that decide which communication each lead gets
 * next and when (welcome, nurture, accelerate, re-engage, renewal, onboarding, adoption),
 * with entry, exit and re-entry rules, send policies, content streams and exactly-once sends
 * through the core outbox. Start with {@link dev.leadkit.journey.Journeys} and
 * {@link dev.leadkit.journey.Journey#builder(String)}.
 */
@NullMarked
package dev.leadkit.journey;

import org.jspecify.annotations.NullMarked;
