package dev.leadkit.core;

import dev.leadkit.core.touch.Touchpoint;

/**
 * The outcome of tracking a touchpoint.
 *
 * @param touchpoint the touchpoint as stored (after identity resolution), or as given if it was
 *     a duplicate
 * @param recorded true if it was new; false if its id had been recorded before
 */
public record TrackResult(Touchpoint touchpoint, boolean recorded) {}
