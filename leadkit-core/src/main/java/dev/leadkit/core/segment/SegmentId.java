package dev.leadkit.core.segment;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The identifier of a segment, e.g. {@code high-score} or {@code expo-2025.visitors}. 1 to 64
 * characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record SegmentId(String value) implements Comparable<SegmentId> {
  static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Validates the identifier. */
  public SegmentId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "SegmentId must have 1 to 64 letters, digits or - _ . : but got \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static SegmentId of(String value) {
    return new SegmentId(value);
  }

  @Override
  public int compareTo(SegmentId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
