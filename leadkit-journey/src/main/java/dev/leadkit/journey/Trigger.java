package dev.leadkit.journey;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentId;
import java.util.Optional;

/**
 * What enrols a lead automatically. Closed set. Manual enrolment by a sales rep and bulk
 * enrolment of a segment's members are engine calls ({@link Journeys#enrol},
 * {@link Journeys#enrolAll}), not triggers.
 */
public sealed interface Trigger {
  /** Fires once for every new lead, however it was created (form, API, import). */
  static Trigger leadCreated() {
    return new LeadCreated(Optional.empty());
  }

  /** Fires once for every new lead for which {@code where} holds when it is created. */
  static Trigger leadCreated(Predicate where) {
    return new LeadCreated(Optional.of(where));
  }

  /**
   * Fires once for every lead a CSV import named {@code source} creates: the importer stores the
   * import's name as the lead's {@code source} attribute, so this is {@link
   * #leadCreated(Predicate)} on {@code attribute(source) = "<source>"}. Leads the import only
   * updates do not enter.
   */
  static Trigger leadImported(String source) {
    return leadCreated(Predicates.attribute(AttributeKey.SOURCE).eq(source));
  }

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
   * A lead was created (and, if {@code where} is given, it holds for the new lead). Fires in
   * the input that creates the lead, never again for that lead; leads that existed before do
   * not enter.
   *
   * @param where an optional condition on the new lead
   */
  record LeadCreated(Optional<Predicate> where) implements Trigger {
    /** Validates. */
    public LeadCreated {
      Checks.notNull(where);
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
