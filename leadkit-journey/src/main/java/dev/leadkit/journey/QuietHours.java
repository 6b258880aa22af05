package dev.leadkit.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local hours in which nothing is sent, in the lead's time zone: from {@code start}
 * (inclusive) to {@code end} (exclusive), wrapping midnight when {@code start} is after
 * {@code end} (e.g. 20:00 to 08:00). A send that falls inside is moved to the next
 * {@code end}.
 *
 * @param start first quiet local time
 * @param end first allowed local time again
 */
public record QuietHours(LocalTime start, LocalTime end) {
  /** Validates. */
  public QuietHours {
    Checks.notNull(start, end);
    if (start.equals(end)) {
      throw new InvalidJourneyException("quiet hours must not be empty or all day: " + start
          + " to " + end);
    }
  }

  /** Quiet from {@code start} to {@code end}. */
  public static QuietHours between(LocalTime start, LocalTime end) {
    return new QuietHours(start, end);
  }

  /** True if {@code at} is quiet in {@code zone}. */
  public boolean isQuiet(Instant at, ZoneId zone) {
    LocalTime t = at.atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  /** {@code at} if it is not quiet, else the end of the quiet period it falls in. */
  public Instant nextAllowed(Instant at, ZoneId zone) {
    if (!isQuiet(at, zone)) {
      return at;
    }
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (!start.isBefore(end) && !local.toLocalTime().isBefore(start)) {
      day = day.plusDays(1); // evening part of a period that wraps midnight
    }
    Instant out = ZonedDateTime.of(day, end, zone).toInstant();
    return out.isAfter(at) ? out : at;
  }
}
