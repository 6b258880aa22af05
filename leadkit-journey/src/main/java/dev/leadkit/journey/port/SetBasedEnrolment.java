package dev.leadkit.journey.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.Journey;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Optional capability of an {@link EnrolmentStore}: enrolling every member of a segment with a
 * few set-based statements in the store's own database instead of lead by lead. The journey
 * engine's {@code enrolSegment} uses it when the store implements it and {@link #supports} says
 * yes; otherwise it pages through the members itself. Both give the same enrolments.
 *
 * <h2>Who is enrolled</h2>
 *
 * A member of {@link Request#segment()} (as kept by {@link Request#memberships()}) is enrolled
 * in {@link Request#journey()} if and only if, at {@link Request#now()}:
 *
 * <ol>
 *   <li>it is a lead in {@link Request#leads()};
 *   <li>its e-mail consent is not {@code UNSUBSCRIBED};
 *   <li>the journey's goal, if any, is false for it;
 *   <li>it has no live enrolment in the journey;
 *   <li>the journey's re-entry policy admits it: {@code never} – it has no exited enrolment in
 *       the journey; {@code after(d)} – its latest exit is at least {@code d} before {@code now};
 *       {@code always}.
 * </ol>
 *
 * Its new enrolment is {@code Enrolment.start(journey, lead, n + 1, source, now)}, where
 * {@code n} is the highest sequence of its enrolments in the journey (0 if none), stored exactly
 * as {@link EnrolmentStore#insertAll} stores it (revision 1).
 *
 * <h2>Transactions</h2>
 *
 * The members are taken in lead id order in chunks; each chunk is one transaction. A failure
 * leaves the chunks committed before it and nothing of its own; running the same request again
 * enrols the rest and nobody twice (the rules above skip the leads already enrolled, and the
 * store's one-live-enrolment guarantee holds against concurrent writers).
 */
public interface SetBasedEnrolment {
  /**
   * One bulk enrolment of a segment's members.
   *
   * @param journey the journey version to enter (its first step, goal and re-entry policy)
   * @param segment the segment whose members are enrolled
   * @param source the enrolments' source, e.g. {@code segment:vip}
   * @param now the enrolment time, also the time the goal and the cool-down are checked at
   * @param memberships where the segment's membership is kept
   * @param leads where the leads are kept
   * @param touchpoints where the touchpoints are kept (read if the goal counts behaviour)
   */
  record Request(Journey journey, SegmentId segment, String source, Instant now,
      SegmentMembershipStore memberships, LeadStore leads, TouchpointLog touchpoints) {
    /** Validates. */
    public Request {
      if (journey == null || segment == null || source == null || now == null
          || memberships == null || leads == null || touchpoints == null) {
        throw new InvalidValueException("set-based enrolment: no argument may be null");
      }
    }
  }

  /**
   * Whether this store can run {@code request} itself: the membership, the leads (and the
   * touchpoints, when the goal reads them) live in its database, and the goal can be evaluated
   * there exactly. Reads nothing.
   */
  boolean supports(Request request);

  /**
   * Enrols the members of the request's segment by the rules above, chunk by chunk. Each new
   * enrolment is due at once, so each chunk's transaction also schedules its timers (kind
   * {@link EnrolmentStore#TIMER_KIND}, key the enrolment id, due at the request's time) in the
   * {@link dev.leadkit.core.port.TimerStore} of the same database. After each chunk's commit, {@code enrolled} receives that chunk's new enrolments, in lead id order (an
   * empty chunk is not reported). Returns how many were enrolled in all.
   *
   * @throws InvalidValueException if {@link #supports} says no for {@code request}
   */
  long enrolSegment(Request request, Consumer<List<Enrolment>> enrolled);
}
