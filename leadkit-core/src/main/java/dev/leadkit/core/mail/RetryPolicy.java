package dev.leadkit.core.mail;

import dev.leadkit.core.InvalidValueException;
import java.time.Duration;

/**
 * How the dispatcher retries a failed hand-over: exponential backoff from {@code initialDelay},
 * doubling up to {@code maxDelay}, and dead-letter after {@code maxAttempts} attempts.
 *
 * @param maxAttempts attempts before an entry is dead (at least 1)
 * @param initialDelay delay after the first failure
 * @param maxDelay longest delay between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
  /** Validates. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new InvalidValueException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialDelay == null || maxDelay == null || initialDelay.isNegative()
        || maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidValueException("need 0 <= initialDelay <= maxDelay: " + initialDelay
          + ", " + maxDelay);
    }
  }

  /** 6 attempts, 1 minute doubling to 1 hour. */
  public static RetryPolicy ofDefaults() {
    return new RetryPolicy(6, Duration.ofMinutes(1), Duration.ofHours(1));
  }

  /** The delay after attempt number {@code attempt} (1-based) failed. */
  public Duration delayAfter(int attempt) {
    Duration d = initialDelay;
    for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
