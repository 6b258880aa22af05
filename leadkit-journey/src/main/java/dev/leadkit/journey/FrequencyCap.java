package dev.leadkit.journey;

import dev.leadkit.core.lead.Channel;
import java.time.Duration;

/**
 * At most {@code max} non-operational messages per lead on {@code channel} in any window of
 * length {@code window}, across all journeys and manual sends (e.g. 2 mails in 7 days). The
 * times compared are the scheduled send times; a message that would break the cap is moved to
 * the first time it fits.
 *
 * @param channel the channel
 * @param max the most messages, 1 or more
 * @param window the window length, positive
 */
public record FrequencyCap(Channel channel, int max, Duration window) {
  /** Validates. */
  public FrequencyCap {
    Checks.notNull(channel, window);
    Checks.positive(window, "cap window");
    if (max < 1) {
      throw new InvalidJourneyException("a frequency cap allows at least 1 message: " + max);
    }
  }

  /** {@code max} messages on {@code channel} per {@code window}. */
  public static FrequencyCap of(Channel channel, int max, Duration window) {
    return new FrequencyCap(channel, max, window);
  }
}
