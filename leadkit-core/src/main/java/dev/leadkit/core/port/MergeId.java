package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of a merge record. 1 to 64 letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record MergeId(String value) implements Comparable<MergeId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Validates. */
  public MergeId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "MergeId must have 1 to 64 letters, digits or - _ . : but got \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static MergeId of(String value) {
    return new MergeId(value);
  }

  /** A new random id. */
  public static MergeId random() {
    return new MergeId("merge-" + UUID.randomUUID());
  }

  @Override
  public int compareTo(MergeId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
