package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A figure counted outside leadkit and entered by the host, such as the visitors at an
 * exhibition booth or the sheets handed out at a seminar. Reports use it as a denominator: the
 * business-card exchange rate is the cards scanned over the booth visitors.
 *
 * @param name what was counted, lower snake case (e.g. {@code booth_visitors})
 * @param at when it was counted, kept to the microsecond (as every database store keeps it);
 *     reports add up the figures whose time lies in their period
 * @param value the count, at least 0
 */
public record OfflineCount(String name, Instant at, long value) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Validates. */
  public OfflineCount {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException("invalid offline count name \"" + name
          + "\" (lower snake case, at most 64 characters)");
    }
    if (at == null) {
      throw new InvalidValueException("offline count " + name + " needs a time");
    }
    at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    if (value < 0) {
      throw new InvalidValueException("offline count " + name + " at " + at
          + " must not be negative: " + value);
    }
  }

  /** The figure {@code value} of {@code name} counted at {@code at}. */
  public static OfflineCount of(String name, Instant at, long value) {
    return new OfflineCount(name, at, value);
  }
}
