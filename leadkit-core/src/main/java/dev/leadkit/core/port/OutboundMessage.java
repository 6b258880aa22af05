package dev.leadkit.core.port;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A message leadkit decided to send: to whom, what, as whom, and from when. The host's
 * {@link Mailer} renders and delivers it.
 *
 * @param key stable idempotency key
 * @param lead the recipient lead
 * @param channel the channel (usually e-mail)
 * @param template the host's template id
 * @param sender the sales rep to send as, or empty for the company
 * @param data template variables decided by leadkit (e.g. tracking token, journey, step)
 * @param notBefore earliest hand-over time (quiet hours move this)
 * @param operational true for operational mail (double opt-in confirmation, receipts) that is
 *     exempt from frequency caps, never from an unsubscribe
 */
public record OutboundMessage(
    MessageKey key,
    LeadId lead,
    Channel channel,
    String template,
    Optional<OwnerId> sender,
    Map<String, String> data,
    Instant notBefore,
    boolean operational) {

  /** Validates and copies. */
  public OutboundMessage {
    if (key == null || lead == null || channel == null || template == null || sender == null
        || data == null || notBefore == null) {
      throw new InvalidValueException("outbound message fields must not be null (" + key + ")");
    }
    if (template.isBlank() || template.length() > 200) {
      throw new InvalidValueException("template id must have 1 to 200 characters: \""
          + template + "\"");
    }
    data = ImmutableSortedMap.copyOf(data);
  }
}
