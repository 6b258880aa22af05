package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.IdChars;

/**
 * The stable identity of one decided message, e.g. {@code journey:welcome:v1:lead-42:step-2}.
 * The same decision always yields the same key, so a retried decision or a retried hand-over
 * never produces a second message. Mail providers that accept an idempotency key should be given
 * this one.
 *
 * @param value 1 to 200 characters of letters, digits and {@code - _ . : /}
 */
public record MessageKey(String value) {

  /** Validates the key. */
  public MessageKey {
    if (value == null || !IdChars.matches(value, 200, "._:/-")) {
      throw new InvalidValueException("invalid message key \"" + value + "\"");
    }
  }

  /** Wraps {@code value}. */
  public static MessageKey of(String value) {
    return new MessageKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
