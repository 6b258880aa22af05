package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * Why an enrolment ended. An open set with constants for the engine's own reasons; an
 * {@link Step.Exit} step may name its own (lower snake case).
 *
 * @param code the reason code
 */
public record ExitReason(String code) {
  private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The last step was done. */
  public static final ExitReason COMPLETED = new ExitReason("completed");
  /** The journey's goal predicate became true (counted as converted). */
  public static final ExitReason GOAL = new ExitReason("goal_reached");
  /** The lead unsubscribed from e-mail. */
  public static final ExitReason UNSUBSCRIBED = new ExitReason("unsubscribed");
  /** The lead was erased. */
  public static final ExitReason ERASED = new ExitReason("erased");
  /** The lead was merged into another lead. */
  public static final ExitReason MERGED = new ExitReason("merged");
  /** The program ran out without a response. */
  public static final ExitReason EXHAUSTED = new ExitReason("exhausted");
  /** Moved to another journey. */
  public static final ExitReason MOVED = new ExitReason("moved");
  /** Ended by a person. */
  public static final ExitReason MANUAL = new ExitReason("manual");
  /** A wait-until-date step found no date on the lead. */
  public static final ExitReason DATE_MISSING = new ExitReason("date_missing");

  /** Validates. */
  public ExitReason {
    if (code == null || !SHAPE.matcher(code).matches()) {
      throw new InvalidValueException("exit reason must be lower snake case: \"" + code + "\"");
    }
  }

  /** The reason called {@code code}. */
  public static ExitReason of(String code) {
    return new ExitReason(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
