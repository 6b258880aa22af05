package dev.leadkit.core.internal;

import dev.leadkit.core.InvalidEmailException;
import dev.leadkit.core.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks for public entry points: a null where none is allowed is bad input, reported
 * as an {@link InvalidValueException} naming the parameter, not as a {@link NullPointerException}.
 */
public final class Args {
  private Args() {}

  /**
   * Returns {@code value}, or throws if it is null.
   *
   * @param <T> the value's type
   * @param value the argument
   * @param name the parameter's name, as the caller's signature spells it
   * @return {@code value}
   * @throws InvalidValueException if {@code value} is null: "{@code name} must not be null"
   */
  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidValueException(name + " must not be null");
    }
    return value;
  }

  /**
   * Returns {@code value}, or throws the e-mail address error if it is null, so that a missing
   * address is refused with the same exception type as a malformed one.
   *
   * @param value the address text
   * @param name the parameter's name, as the caller's signature spells it
   * @return {@code value}
   * @throws InvalidEmailException if {@code value} is null: "{@code name} must not be null"
   */
  public static String email(@Nullable String value, String name) {
    if (value == null) {
      throw new InvalidEmailException("null", name + " must not be null");
    }
    return value;
  }

  /**
   * Returns {@code value}, or throws if it is null or blank.
   *
   * @param value the argument
   * @param name the parameter's name, as the caller's signature spells it
   * @return {@code value}
   * @throws InvalidValueException if {@code value} is null or blank
   */
  public static String notBlank(@Nullable String value, String name) {
    String v = notNull(value, name);
    if (v.isBlank()) {
      throw new InvalidValueException(name + " must not be blank, was \"" + v + "\"");
    }
    return v;
  }
}
