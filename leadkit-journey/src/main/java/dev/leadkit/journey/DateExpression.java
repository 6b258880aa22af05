package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Lead;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A point in time computed from a lead's date attribute: {@code attribute + offsetDays} at
 * {@code timeOfDay} in the lead's time zone, e.g. "renewal date minus 90 days, 09:00 local".
 * An INSTANT attribute is shifted by whole days and keeps its own time of day.
 *
 * @param attribute a DATE or INSTANT attribute
 * @param offsetDays days to add (negative: before), within +-36500
 * @param timeOfDay local time for DATE attributes
 */
public record DateExpression(AttributeKey attribute, int offsetDays, LocalTime timeOfDay) {
  /** Validates. */
  public DateExpression {
    if (attribute == null || timeOfDay == null) {
      throw new InvalidValueException("date expression needs an attribute and a time of day");
    }
    if (Math.abs(offsetDays) > 36500) {
      throw new InvalidValueException("date offset beyond 100 years: " + offsetDays);
    }
  }

  /** {@code attribute + offsetDays} at 09:00 local time. */
  public static DateExpression of(AttributeKey attribute, int offsetDays) {
    return new DateExpression(attribute, offsetDays, LocalTime.of(9, 0));
  }

  /** The instant for {@code lead}, or empty if it has no date-like value under the attribute. */
  public Optional<Instant> resolve(Lead lead, ZoneId zone) {
    Optional<AttributeValue> v = lead.attributes().get(attribute);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof AttributeValue.Date d) {
      return Optional.of(d.value().plusDays(offsetDays).atTime(timeOfDay).atZone(zone)
          .toInstant());
    }
    if (v.get() instanceof AttributeValue.Timestamp t) {
      return Optional.of(t.value().atZone(zone).plusDays(offsetDays).toInstant());
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return attribute + (offsetDays >= 0 ? "+" : "") + offsetDays + "d@" + timeOfDay;
  }
}
