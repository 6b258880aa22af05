package dev.leadkit.core.mail;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;

/**
 * A hand-over failed or was cancelled.
 *
 * @param message the message
 * @param reason why
 * @param finalFailure true if it will not be retried (dead or cancelled)
 * @param at when
 */
public record MessageFailed(OutboundMessage message, String reason, boolean finalFailure,
    Instant at) implements LeadkitEvent {}
