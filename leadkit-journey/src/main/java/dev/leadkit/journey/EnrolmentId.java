package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.internal.IdChars;
import dev.leadkit.core.lead.LeadId;

/**
 * The identifier of one enrolment: {@code journey:lead:sequence}, the sequence counting the
 * lead's enrolments in that journey from 1. Two engines enrolling the same lead at once compute
 * the same id, so only one insert wins.
 *
 * @param value the identifier text
 */
public record EnrolmentId(String value) implements Comparable<EnrolmentId> {

  /** Validates. */
  public EnrolmentId {
    if (value == null || !IdChars.matches(value, 200, "._:-")) {
      throw new InvalidValueException("invalid enrolment id \"" + value + "\"");
    }
  }

  /** The id of the {@code sequence}-th enrolment of {@code lead} in {@code journey}. */
  public static EnrolmentId of(JourneyId journey, LeadId lead, int sequence) {
    Args.notNull(journey, "journey");
    Args.notNull(lead, "lead");
    if (sequence < 1) {
      throw new InvalidValueException("enrolment sequence must be 1 or more: " + sequence);
    }
    return new EnrolmentId(journey.value() + ":" + lead.value() + ":" + sequence);
  }

  @Override
  public int compareTo(EnrolmentId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
