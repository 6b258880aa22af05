package dev.leadkit.journey;

import dev.leadkit.core.LeadkitException;

/** An enrolment was asked to move between two statuses the transition table does not allow. */
public final class IllegalEnrolmentTransitionException extends LeadkitException {
  private static final long serialVersionUID = 1L;
  private final EnrolmentStatus from;
  private final EnrolmentStatus to;

  /** Creates the exception. */
  public IllegalEnrolmentTransitionException(EnrolmentId enrolment, EnrolmentStatus from,
      EnrolmentStatus to) {
    super("enrolment " + enrolment + " cannot go from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  /** The status it was in. */
  public EnrolmentStatus from() {
    return from;
  }

  /** The status it was asked to take. */
  public EnrolmentStatus to() {
    return to;
  }
}
