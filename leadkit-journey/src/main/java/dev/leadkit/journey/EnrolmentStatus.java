package dev.leadkit.journey;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an enrolment stands. The allowed transitions form an explicit table; any other move
 * throws {@link IllegalEnrolmentTransitionException}. Staying in {@code SCHEDULED},
 * {@code ACTIVE} or {@code WAITING} (a new due time, the next step) is not a transition; an
 * exited enrolment never changes again.
 *
 * <pre>
 *   SCHEDULED -> ACTIVE | EXITED      (a date trigger's time came, or the lead left early)
 *   ACTIVE    -> WAITING | EXITED     (a wait began, or the journey ended)
 *   WAITING   -> ACTIVE | EXITED      (the wait is over, or an exit rule fired)
 *   EXITED    -> (nothing)
 * </pre>
 */
public enum EnrolmentStatus {
  /** Entered by a date trigger whose time has not come. */
  SCHEDULED,
  /** Executing steps. */
  ACTIVE,
  /** Waiting for a time or an event. */
  WAITING,
  /** Left the journey; see the exit reason. */
  EXITED;

  private static final Map<EnrolmentStatus, Set<EnrolmentStatus>> ALLOWED = table();

  private static Map<EnrolmentStatus, Set<EnrolmentStatus>> table() {
    Map<EnrolmentStatus, Set<EnrolmentStatus>> m = new EnumMap<>(EnrolmentStatus.class);
    m.put(SCHEDULED, EnumSet.of(SCHEDULED, ACTIVE, EXITED));
    m.put(ACTIVE, EnumSet.of(ACTIVE, WAITING, EXITED));
    m.put(WAITING, EnumSet.of(WAITING, ACTIVE, EXITED));
    m.put(EXITED, EnumSet.noneOf(EnrolmentStatus.class));
    return m;
  }

  /** True if an enrolment may go from this status to {@code to}. */
  public boolean mayBecome(EnrolmentStatus to) {
    // table() puts every status in the map
    Set<EnrolmentStatus> next = ALLOWED.get(this);
    return next != null && next.contains(to);
  }

  /** Throws {@link IllegalEnrolmentTransitionException} unless {@link #mayBecome(EnrolmentStatus)}. */
  public void check(EnrolmentStatus to, EnrolmentId which) {
    if (!mayBecome(to)) {
      throw new IllegalEnrolmentTransitionException(which, this, to);
    }
  }

  /** True unless exited. */
  public boolean isLive() {
    return this != EXITED;
  }
}
