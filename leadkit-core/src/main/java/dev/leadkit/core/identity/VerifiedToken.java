package dev.leadkit.core.identity;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What an authentic tagged-link token says.
 *
 * @param lead the lead the link was sent to
 * @param message the message the link was in, if the token names it
 * @param keyId the id of the key that signed it
 * @param expiresAt when it stops being accepted, if ever
 */
public record VerifiedToken(LeadId lead, Optional<MessageKey> message, String keyId,
    Optional<Instant> expiresAt) {}
