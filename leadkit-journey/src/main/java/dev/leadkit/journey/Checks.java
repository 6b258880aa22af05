package dev.leadkit.journey;

import java.time.Duration;

/** Validation helpers. Not API. */
final class Checks {
  private Checks() {}

  static void notNull(Object... values) {
    for (Object v : values) {
      if (v == null) {
        throw new InvalidJourneyException("journey definition fields must not be null");
      }
    }
  }

  static void positive(Duration d, Object where) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidJourneyException("duration must be positive: " + d + " (" + where + ")");
    }
  }

  static void text(String s, String what, Object where) {
    if (s.isBlank() || s.length() > 500) {
      throw new InvalidJourneyException(what + " must have 1 to 500 characters: \"" + s + "\" ("
          + where + ")");
    }
  }
}
