package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * Subscriber numbers on one channel (the newsletter's circulation), read from each lead's
 * current consent record. The store keeps the latest consent per channel, not its history, so
 * for a past period these are the numbers as far as the current records show: a lead that
 * subscribed before the period and unsubscribed after it is not counted at the period's end.
 *
 * @param subscribedAtEnd leads whose consent is {@code SUBSCRIBED}, given before the period's end
 * @param newSubscribers leads whose consent became {@code SUBSCRIBED} within the period
 * @param unsubscribed leads whose consent became {@code UNSUBSCRIBED} within the period
 */
public record SubscriberCounts(long subscribedAtEnd, long newSubscribers, long unsubscribed) {
  /** Validates the counts. */
  public SubscriberCounts {
    if (subscribedAtEnd < 0 || newSubscribers < 0 || unsubscribed < 0
        || newSubscribers > subscribedAtEnd) {
      throw new InvalidValueException("bad subscriber counts: " + subscribedAtEnd + ", "
          + newSubscribers + ", " + unsubscribed);
    }
  }
}
