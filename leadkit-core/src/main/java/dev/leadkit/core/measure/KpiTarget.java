package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * A target (KGI or KPI) for one metric over one period, e.g. 40 opportunities in April, or an
 * inquiry rate of 5% (written {@code 0.05}). Every target is a floor: achievement is the actual
 * value over the target.
 *
 * @param metric what is measured
 * @param period over which period
 * @param target the value to reach, positive (a rate as a fraction)
 */
public record KpiTarget(Metric metric, ReportPeriod period, double target) {
  /** Validates. */
  public KpiTarget {
    if (metric == null || period == null) {
      throw new InvalidValueException("KPI target metric and period must not be null");
    }
    if (!(target > 0) || Double.isInfinite(target)) {
      throw new InvalidValueException("KPI target for " + metric.name() + " must be positive: "
          + target);
    }
  }

  /** The target {@code target} for {@code metric} in {@code period}. */
  public static KpiTarget of(Metric metric, ReportPeriod period, double target) {
    return new KpiTarget(metric, period, target);
  }
}
