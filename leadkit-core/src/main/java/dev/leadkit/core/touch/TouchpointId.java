package dev.leadkit.core.touch;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.IdChars;
import java.util.UUID;

/**
 * The identifier of a touchpoint; also its idempotency key: a touchpoint id is recorded once. 1 to 128 characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record TouchpointId(String value) implements Comparable<TouchpointId> {

  /** Validates the identifier. */
  public TouchpointId {
    if (value == null || !IdChars.matches(value, 128, "._:-")) {
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
