package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The half-open time window {@code [from, to)} a report covers.
 *
 * @param from inclusive start
 * @param to exclusive end, after {@code from}
 */
public record ReportPeriod(Instant from, Instant to) {
  /** Validates the window. */
  public ReportPeriod {
    if (from == null || to == null) {
      throw new InvalidValueException("report period ends must not be null");
    }
    if (!to.isAfter(from)) {
      throw new InvalidValueException("report period must end after it starts: " + from
          + " .. " + to);
    }
  }

  /** The window {@code [from, to)}. */
  public static ReportPeriod of(Instant from, Instant to) {
    return new ReportPeriod(from, to);
  }

  /** The calendar month {@code month} in {@code zone}. */
  public static ReportPeriod month(YearMonth month, ZoneId zone) {
    return new ReportPeriod(month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** True if {@code at} lies in the window. */
  public boolean contains(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  /** The window's length. */
  public Duration length() {
    return Duration.between(from, to);
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
