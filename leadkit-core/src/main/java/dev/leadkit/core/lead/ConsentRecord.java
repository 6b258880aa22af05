package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;

/**
 * A lead's consent on one channel, with where it came from and when.
 *
 * @param channel the channel
 * @param status the consent status
 * @param source where the consent was given or withdrawn (e.g. "newsletter-form",
 *     "unsubscribe-link", "business-card")
 * @param at when
 */
public record ConsentRecord(Channel channel, ConsentStatus status, String source, Instant at) {
  /** Validates the record. */
  public ConsentRecord {
    if (channel == null || status == null || source == null || at == null) {
      throw new InvalidValueException("consent fields must not be null");
    }
    if (source.isBlank() || source.length() > 128) {
      throw new InvalidValueException("consent source must have 1 to 128 characters: \""
          + source + "\"");
    }
  }

  /** True if the lead may be contacted on this channel. */
  public boolean permitsContact() {
    return status == ConsentStatus.SUBSCRIBED;
  }
}
