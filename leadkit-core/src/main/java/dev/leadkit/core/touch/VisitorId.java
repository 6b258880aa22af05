package dev.leadkit.core.touch;

import dev.leadkit.core.InvalidValueException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of an anonymous visitor (a cookie or device id). 1 to 128 characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record VisitorId(String value) implements Comparable<VisitorId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Validates the identifier. */
  public VisitorId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "VisitorId must have 1 to 128 letters, digits or - _ . : but got \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static VisitorId of(String value) {
    return new VisitorId(value);
  }

  /** A new random identifier. */
  public static VisitorId random() {
    return new VisitorId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(VisitorId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
