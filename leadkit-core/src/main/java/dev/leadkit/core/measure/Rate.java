package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.Optional;

/**
 * A ratio reported together with its counts. A zero denominator is not an error: the rate is
 * then <em>undefined</em>, {@link #value()} reports 0 and {@link #asOptional()} is empty, so a
 * table can print "0 / 0" instead of a made-up percentage. Every rate leadkit reports has a
 * numerator that counts a subset of what the denominator counts, so the value lies in [0, 1].
 *
 * @param numerator what was counted, at least 0 and at most {@code denominator}
 * @param denominator what it is out of, at least 0
 */
public record Rate(long numerator, long denominator) {
  /** The rate 0 / 0. */
  public static final Rate UNDEFINED = new Rate(0, 0);

  /** Validates the counts. */
  public Rate {
    if (numerator < 0 || denominator < 0 || numerator > denominator) {
      throw new InvalidValueException("a rate needs 0 <= numerator <= denominator, got "
          + numerator + " / " + denominator);
    }
  }

  /** The rate {@code numerator / denominator}. */
  public static Rate of(long numerator, long denominator) {
    return new Rate(numerator, denominator);
  }

  /** True if the denominator is positive. */
  public boolean defined() {
    return denominator > 0;
  }

  /** The ratio in [0, 1]; 0 when {@linkplain #defined() undefined}. */
  public double value() {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** The ratio, or empty when the denominator is 0. */
  public Optional<Double> asOptional() {
    return defined() ? Optional.of(value()) : Optional.empty();
  }

  /** The ratio as a percentage with one decimal, e.g. {@code "12.5%"}, or {@code "-"}. */
  public String percent() {
    return defined() ? String.format(java.util.Locale.ROOT, "%.1f%%", value() * 100) : "-";
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator + " (" + percent() + ")";
  }
}
