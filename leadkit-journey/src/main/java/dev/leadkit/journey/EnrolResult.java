package dev.leadkit.journey;

import java.util.Optional;

/**
 * The outcome of an enrolment request.
 *
 * @param outcome what happened
 * @param enrolment the new (or the existing live) enrolment, if any
 */
public record EnrolResult(Outcome outcome, Optional<Enrolment> enrolment) {
  /** What an enrolment request did. */
  public enum Outcome {
    /** The lead entered the journey. */
    ENROLLED,
    /** The lead will enter at a date (a date trigger). */
    SCHEDULED,
    /** The lead already has a live enrolment in this journey. */
    ALREADY_ENROLLED,
    /** The re-entry policy refused it. */
    RE_ENTRY_REFUSED,
    /** The lead already satisfies the journey's goal: entering would only count a conversion. */
    GOAL_ALREADY_MET,
    /** The lead unsubscribed from e-mail, a global exit: it enters nothing. */
    UNSUBSCRIBED,
    /** No such lead. */
    UNKNOWN_LEAD
  }

  /** True if the lead entered or was scheduled. */
  public boolean accepted() {
    return outcome == Outcome.ENROLLED || outcome == Outcome.SCHEDULED;
  }
}
