package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;

/** Shared validation for the typed identifiers. Not API. */
final class Ids {
  static final int MAX_LENGTH = 64;

  private Ids() {}

  static String check(String kind, String value) {
    if (value == null) {
      throw new InvalidValueException(kind + " must not be null");
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          kind + " must have 1 to " + MAX_LENGTH + " characters: \"" + value + "\"");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        throw new InvalidValueException(
            kind + " may hold only letters, digits and - _ . : but got \"" + value + "\"");
      }
    }
    return value;
  }
}
