package dev.leadkit.journey;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

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

  /** Refuses a null argument of a public method, naming the parameter. */
  static <T> T named(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidJourneyException(name + " must not be null");
    }
    return value;
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
