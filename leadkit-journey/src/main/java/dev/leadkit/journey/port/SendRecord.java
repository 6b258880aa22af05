package dev.leadkit.journey.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A message the journey engine decided to send (queued to the outbox), as the send policies
 * see it.
 *
 * @param key the message key
 * @param lead the recipient
 * @param channel the channel
 * @param template the template
 * @param at the scheduled send time (the outbox {@code notBefore})
 * @param operational true if exempt from caps
 * @param journey the journey id, or "manual"
 * @param step the step id, or the manual send's label
 */
public record SendRecord(MessageKey key, LeadId lead, Channel channel, String template,
    Instant at, boolean operational, String journey, String step) {
  /** Validates. */
  public SendRecord {
    if (key == null || lead == null || channel == null || template == null || at == null
        || journey == null || step == null) {
      throw new InvalidValueException("send record fields must not be null (" + key + ")");
    }
  }

  /** The journey id, if the message came from a journey. */
  public Optional<String> journeyId() {
    return journey.equals("manual") ? Optional.empty() : Optional.of(journey);
  }
}
