package dev.leadkit.core.segment;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The identifier of a static list (a set of leads a host or a report fills), e.g.
 * {@code expo-2025-report}. 1 to 64
 * characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record ListId(String value) implements Comparable<ListId> {
  private static final Pattern SHAPE = SegmentId.SHAPE;

  /** Validates the identifier. */
  public ListId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "ListId must have 1 to 64 letters, digits or - _ . : but got \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static ListId of(String value) {
    return new ListId(value);
  }

  @Override
  public int compareTo(ListId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
