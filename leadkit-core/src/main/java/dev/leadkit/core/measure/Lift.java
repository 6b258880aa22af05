package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.Optional;

/**
 * Conversion of a treated group against a held-out control group: the two rates, their
 * difference with a confidence interval, and the relative lift. The interval is Newcombe's
 * hybrid score interval for a difference of two independent proportions (built from each
 * group's Wilson score interval), which stays inside [-1, 1] and behaves with small counts and
 * with rates of 0 or 1, where the textbook normal approximation does not.
 *
 * @param treated conversions among the treated leads
 * @param heldOut conversions among the held-out leads
 * @param z the normal quantile of the interval (1.96 for 95%)
 */
public record Lift(Rate treated, Rate heldOut, double z) {
  /** The quantile of a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  /** Validates. */
  public Lift {
    if (treated == null || heldOut == null) {
      throw new InvalidValueException("lift needs both groups");
    }
    if (!(z > 0) || Double.isInfinite(z)) {
      throw new InvalidValueException("lift z must be positive: " + z);
    }
  }

  /** The lift of {@code treated} over {@code heldOut} with a 95% interval. */
  public static Lift of(Rate treated, Rate heldOut) {
    return new Lift(treated, heldOut, Z95);
  }

  /** True if both groups have leads, so that the difference is defined. */
  public boolean defined() {
    return treated.defined() && heldOut.defined();
  }

  /** Treated rate minus held-out rate (absolute lift); empty unless {@link #defined()}. */
  public Optional<Double> difference() {
    return defined() ? Optional.of(treated.value() - heldOut.value()) : Optional.empty();
  }

  /**
   * A confidence interval of the difference.
   *
   * @param low lower end, at least -1
   * @param high upper end, at most 1
   */
  public record Interval(double low, double high) {}

  /** The interval of the difference; empty unless {@link #defined()}. */
  public Optional<Interval> interval() {
    if (!defined()) {
      return Optional.empty();
    }
    double p1 = treated.value();
    double p0 = heldOut.value();
    double[] w1 = wilson(treated.numerator(), treated.denominator(), z);
    double[] w0 = wilson(heldOut.numerator(), heldOut.denominator(), z);
    double d = p1 - p0;
    double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w0[1] - p0));
    double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p0 - w0[0]));
    return Optional.of(new Interval(Math.max(-1, low), Math.min(1, high)));
  }

  /** True if the whole interval lies above 0: the treatment did better beyond chance. */
  public boolean significant() {
    return interval().map(i -> i.low() > 0).orElse(false);
  }

  /**
   * The relative lift, {@code treated / heldOut - 1} (0.2 = "20% more"); empty when the
   * held-out rate is 0 or a group is empty.
   */
  public Optional<Double> relative() {
    return defined() && heldOut.numerator() > 0
        ? Optional.of(treated.value() / heldOut.value() - 1) : Optional.empty();
  }

  /**
   * Wilson's score interval of {@code k / n}.
   *
   * @param k successes
   * @param n trials, positive
   * @param z the normal quantile
   * @return low and high
   */
  static double[] wilson(long k, long n, double z) {
    double p = (double) k / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static double sq(double v) {
    return v * v;
  }
}
