package dev.leadkit.core.event;

import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;

/**
 * A touchpoint was stored for the first time (duplicates publish nothing).
 *
 * @param touchpoint the touchpoint as stored
 * @param at when it was recorded (the touchpoint's own time is {@code touchpoint.at()})
 */
public record TouchpointRecorded(Touchpoint touchpoint, Instant at) implements LeadkitEvent {}
