/**
 * Lead scoring for leadkit: behaviour and fit models with caps, lazy decay, thresholds that
 * hand leads to sales, 2D grades, explanations, calibration from outcomes and backtests.
 *
 * <p>Start with {@link dev.leadkit.scoring.ScoringModel#custom(String)} and install a
 * {@link dev.leadkit.scoring.ScoringPlugin} into the engine.
 */
@NullMarked
package dev.leadkit.scoring;

import org.jspecify.annotations.NullMarked;
