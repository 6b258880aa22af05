package dev.leadkit.core.mail;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;

/**
 * A message was handed to the host's mailer successfully.
 *
 * @param message the message
 * @param providerId the provider's id
 * @param at when
 */
public record MessageSent(OutboundMessage message, String providerId, Instant at)
    implements LeadkitEvent {}
