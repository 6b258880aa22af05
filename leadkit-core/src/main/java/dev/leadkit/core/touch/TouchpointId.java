package dev.leadkit.core.touch;

import dev.leadkit.core.InvalidValueException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of a touchpoint; also its idempotency key: a touchpoint id is recorded once. 1 to 128 characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record TouchpointId(String value) implements Comparable<TouchpointId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Validates the identifier. */
  public TouchpointId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          "TouchpointId must have 1 to 128 letters, digits or - _ . : but got \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static TouchpointId of(String value) {
    return new TouchpointId(value);
  }

  /** A new random identifier. */
  public static TouchpointId random() {
    return new TouchpointId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(TouchpointId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
