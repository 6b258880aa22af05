package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * The sum of a numeric touchpoint property over the touchpoints that carry a parseable value.
 *
 * @param count how many touchpoints carried a parseable plain decimal
 * @param sum their sum
 * @param unparseable how many matching touchpoints lacked the property or had a non-numeric value
 */
public record AmountTotal(long count, BigDecimal sum, long unparseable) {
  /** Nothing counted. */
  public static final AmountTotal ZERO = new AmountTotal(0, BigDecimal.ZERO, 0);

  /** Validates the totals. */
  public AmountTotal {
    if (sum == null || count < 0 || unparseable < 0) {
      throw new InvalidValueException("bad amount total: " + count + ", " + sum + ", "
          + unparseable);
    }
  }

  /** The mean value, or empty if nothing was counted. */
  public Optional<BigDecimal> mean() {
    return count == 0 ? Optional.empty()
        : Optional.of(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64));
  }

  /** Parses a plain decimal such as {@code "1200"} or {@code "99.50"}; empty if it is not one. */
  public static Optional<BigDecimal> parse(String value) {
    try {
      return Optional.of(new BigDecimal(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
