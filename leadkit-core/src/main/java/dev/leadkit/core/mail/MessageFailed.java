package dev.leadkit.core.mail;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;

/**
 * A hand-over failed or was cancelled.
 *
 * @param message the message
 * @param reason why, typed: {@link NotSentReason#MAILER_FAILED} for a failure that will be
 *     retried, otherwise the reason the entry was cancelled or marked dead with
 * @param detail the text that goes with it: the mailer's error message, or what the dispatcher
 *     found (e.g. {@code no consent on email})
 * @param finalFailure true if it will not be retried (dead or cancelled)
 * @param at when
 */
public record MessageFailed(OutboundMessage message, NotSentReason reason, String detail,
    boolean finalFailure, Instant at) implements LeadkitEvent {}
