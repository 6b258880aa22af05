package dev.leadkit.journey;

import dev.leadkit.core.port.MessageKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What the send policies decided for one message.
 *
 * @param key the message key
 * @param queued true if it is in the outbox (now or from an earlier identical decision)
 * @param notBefore when it may be handed over, if queued
 * @param reason why it was suppressed, if not queued ({@code no_consent},
 *     {@code duplicate_template}, {@code capped}, {@code invalid_time_zone})
 */
public record SendDecision(MessageKey key, boolean queued, Optional<Instant> notBefore,
    Optional<String> reason) {
  static SendDecision queued(MessageKey key, Instant notBefore) {
    return new SendDecision(key, true, Optional.of(notBefore), Optional.empty());
  }

  static SendDecision suppressed(MessageKey key, String reason) {
    return new SendDecision(key, false, Optional.empty(), Optional.of(reason));
  }
}
