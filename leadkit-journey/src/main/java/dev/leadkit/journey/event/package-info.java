/**
 * Events the journey engine publishes on the core event bus ({@code kit.events()}). Register
 * with {@code kit.events().on(SalesTaskCreated.class, ...)} or the typed helpers on
 * {@link dev.leadkit.journey.Journeys}.
 */
@NullMarked
package dev.leadkit.journey.event;

import org.jspecify.annotations.NullMarked;
