package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;

/**
 * A message passed the send policies and was put in the outbox.
 *
 * @param message the message (its {@code notBefore} reflects quiet hours, caps and the sales
 *     collision rule)
 * @param journey the journey id, or "manual"
 * @param step the step id, or the manual send's label
 * @param at when
 */
public record MessageQueued(OutboundMessage message, String journey, String step, Instant at)
    implements LeadkitEvent {}
