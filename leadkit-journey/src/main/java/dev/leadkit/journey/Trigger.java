package dev.leadkit.journey;

import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentId;

/**
 * What enrols a lead automatically. Closed set. Manual enrolment by a sales rep and bulk
 * enrolment of a segment's members are engine calls ({@link Journeys#enrol},
 * {@link Journeys#enrolAll}), not triggers.
 */
public sealed interface Trigger {
  /** A segment entered trigger. */
  static Trigger segmentEntered(SegmentId segment) {
    return new SegmentEntered(segment);
  }

  /** A touchpoint trigger. */
  static Trigger touchpoint(TouchpointFilter filter) {
    return new TouchpointReceived(filter);
  }

  /** A date trigger. */
  static Trigger date(DateExpression date) {
    return new DateReached(date);
  }

  /** A condition trigger. */
  static Trigger condition(Predicate predicate) {
    return new ConditionMet(predicate);
  }

  /**
   * The lead entered a segment. Fired by the segments engine's {@code SegmentEntered} event
   * when that plugin is installed, or by the host through {@link Journeys#segmentEntered}.
   *
   * @param segment the segment
   */
  record SegmentEntered(SegmentId segment) implements Trigger {
    /** Validates. */
    public SegmentEntered {
      Checks.notNull(segment);
    }
  }

  /**
   * A touchpoint passing the filter was recorded (welcome on sign-up, cart abandonment,
   * renewal).
   *
   * @param filter which touchpoints
   */
  record TouchpointReceived(TouchpointFilter filter) implements Trigger {
    /** Validates. */
    public TouchpointReceived {
      Checks.notNull(filter);
    }
  }

  /**
   * A date relative to an attribute, e.g. renewal date minus 90 days. The lead is scheduled
   * when the attribute is set or changes (and for existing leads by
   * {@link Journeys#scheduleDateTriggers}); the enrolment starts at that time. If that time
   * has passed but the attribute's own date has not (a customer added 70 days before a renewal
   * with a "minus 90 days" trigger), the lead enters at once; if the attribute date itself
   * has passed, nothing happens.
   *
   * @param date the expression
   */
  record DateReached(DateExpression date) implements Trigger {
    /** Validates. */
    public DateReached {
      Checks.notNull(date);
    }
  }

  /**
   * A condition on the lead, e.g. a score crossing a threshold or the stage becoming
   * {@code CUSTOMER}. A predicate on lead state fires when a lead change makes it true (false
   * or absent before, true after). A predicate on behaviour or time (touchpoint counts,
   * recency, dates relative to today) fires whenever it is checked true: on every lead change
   * and every touchpoint it reads; the re-entry policy decides about repeats. Time passing
   * alone does not fire it: for "inactive for 90 days" use a segment trigger (the segment
   * engine re-checks time windows) or bulk enrolment.
   *
   * @param predicate the condition
   */
  record ConditionMet(Predicate predicate) implements Trigger {
    /** Validates. */
    public ConditionMet {
      Checks.notNull(predicate);
    }
  }
}
