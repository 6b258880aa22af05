/**
 * Journey simulation: backtests of one or two journey versions over recorded history, and
 * previews of a new version against the current population, run on an isolated in-memory copy
 * of the engine with the same plugins as production. Start with {@link
 * dev.leadkit.journey.simulation.JourneySimulation#custom()}.
 */
@NullMarked
package dev.leadkit.journey.simulation;

import org.jspecify.annotations.NullMarked;
