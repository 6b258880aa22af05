package dev.leadkit.core;

import java.time.Duration;

/**
 * How much one {@link LeadKit#runDue(DueLimits)} may do: at most {@code maxItems} due items
 * (journey steps, decay checks, window exits) and at most {@code maxTime} by the engine's clock.
 * Work is checked against the limits between batches, so a run may go over by one batch. What is
 * left stays due for the next run; {@link DueReport#complete()} says whether anything was left.
 *
 * @param maxItems the most items to process; {@link Integer#MAX_VALUE} for no limit
 * @param maxTime the longest the run may take; {@code null} for no limit
 */
public record DueLimits(int maxItems, @org.jspecify.annotations.Nullable Duration maxTime) {
  /** Validates. */
  public DueLimits {
    if (maxItems < 1) {
      throw new InvalidValueException("maxItems must be at least 1: " + maxItems);
    }
    if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
      throw new InvalidValueException("maxTime must be positive: " + maxTime);
    }
  }

  /** No limit: everything due is processed. */
  public static DueLimits none() {
    return new DueLimits(Integer.MAX_VALUE, null);
  }

  /** At most {@code n} items. */
  public static DueLimits items(int n) {
    return new DueLimits(n, null);
  }

  /** At most {@code d} by the engine's clock. */
  public static DueLimits time(Duration d) {
    if (d == null) {
      throw new InvalidValueException("maxTime must not be null");
    }
    return new DueLimits(Integer.MAX_VALUE, d);
  }

  /** These limits with at most {@code d} by the engine's clock as well. */
  public DueLimits andTime(Duration d) {
    if (d == null) {
      throw new InvalidValueException("maxTime must not be null");
    }
    return new DueLimits(maxItems, d);
  }
}
