package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/** Shared validation of journey identifiers. Not API. */
final class Names {
  static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Names() {}

  static String check(String kind, String value) {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(kind + " must have 1 to 64 letters, digits or - _ . but got \""
          + value + "\"");
    }
    return value;
  }
}
