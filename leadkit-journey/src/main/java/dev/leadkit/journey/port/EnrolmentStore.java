package dev.leadkit.journey.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.JourneyId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage of enrolments.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>One live enrolment per journey and lead.</b> {@link #insert} refuses an enrolment
 *       whose id is taken or whose lead already has a live (not exited) enrolment in the same
 *       journey. Atomic.
 *   <li><b>Leased claims.</b> {@link #claimDue} atomically takes up to {@code limit} live
 *       enrolments whose {@link Enrolment#readyAt()} is at or before {@code now} (due and
 *       unclaimed, or claimed under an expired lease), gives each a fresh lease token and
 *       returns them. No enrolment is held by two live leases.
 *   <li><b>Conditional completion.</b> {@link #save} and {@link #complete} write only while the
 *       stored enrolment still carries the caller's lease token; otherwise they change nothing
 *       and return empty (the lease was lost, someone else may hold it).
 *   <li><b>Optimistic updates outside claims.</b> {@link #update} is a compare-and-set on
 *       {@link Enrolment#revision()}; it drops any lease, so a processing engine's next save
 *       fails and it stops.
 *   <li>Every write raises the revision by one and returns the stored copy. Implementations
 *       are thread-safe.
 * </ul>
 */
public interface EnrolmentStore {
  /**
   * The {@linkplain dev.leadkit.core.port.Timer#kind() kind} of the timers the journey engine
   * keeps in the {@link dev.leadkit.core.port.TimerStore}: one per live enrolment that is due at
   * some time, keyed by the enrolment id, due at its {@link Enrolment#dueAt()}.
   */
  String TIMER_KIND = "journey";

  /** Inserts a new enrolment (revision 0); empty if refused (see above). */
  Optional<Enrolment> insert(Enrolment enrolment);

  /** Inserts many; returns the stored copies of those not refused, in order. Each is atomic. */
  List<Enrolment> insertAll(List<Enrolment> enrolments);

  /** The enrolment with {@code id}. */
  Optional<Enrolment> find(EnrolmentId id);

  /** Every enrolment of {@code lead}, live or exited, ordered by enrolment time then id. */
  List<Enrolment> findByLead(LeadId lead);

  /**
   * Deletes every enrolment of {@code lead}, live or exited, with its due time (erasure).
   *
   * @param lead the lead
   * @return how many enrolments were deleted
   */
  int deleteLead(LeadId lead);

  /**
   * Every enrolment (live or exited) in {@code journey} of each of {@code leads}, one read for
   * a batch; leads without enrolments are absent from the map.
   */
  Map<LeadId, List<Enrolment>> findByLeads(JourneyId journey, Collection<LeadId> leads);

  /** The live enrolment of {@code lead} in {@code journey}. */
  Optional<Enrolment> findLive(JourneyId journey, LeadId lead);

  /**
   * The enrolments with these ids, one read for a batch where the store can; ids without an
   * enrolment are absent from the map. The default calls {@link #find} for each.
   */
  default Map<EnrolmentId, Enrolment> findAll(Collection<EnrolmentId> ids) {
    if (ids == null) {
      throw new InvalidValueException("ids must not be null");
    }
    Map<EnrolmentId, Enrolment> out = new java.util.LinkedHashMap<>();
    for (EnrolmentId id : ids) {
      find(id).ifPresent(e -> out.put(id, e));
    }
    return out;
  }

  /**
   * Claims up to {@code limit} ready enrolments for {@code lease}, earliest first.
   *
   * @deprecated the journey engine no longer claims enrolments: due work is claimed as narrow
   *     timers from {@link dev.leadkit.core.port.TimerStore}, which does not rewrite the
   *     enrolment. Kept for stores and hosts written against it; to be removed.
   */
  @Deprecated
  List<Enrolment> claimDue(Instant now, int limit, Duration lease);

  /** Claims one live enrolment unless it is held under an unexpired lease. */
  Optional<Enrolment> claim(EnrolmentId id, Instant now, Duration lease);

  /** Stores {@code enrolment} keeping the lease, if still held under {@code leaseToken}. */
  Optional<Enrolment> save(Enrolment enrolment, String leaseToken);

  /** Stores {@code enrolment} and releases the lease, if still held under {@code leaseToken}. */
  Optional<Enrolment> complete(Enrolment enrolment, String leaseToken);

  /**
   * Completes many enrolments claimed under one lease, as {@link #complete} does for each:
   * those no longer held under {@code leaseToken} are left unchanged. Returns the stored copies
   * of those completed, in order. Each enrolment's write is atomic; an adapter may write the
   * batch in one statement. The default calls {@link #complete} for each.
   */
  default List<Enrolment> completeAll(List<Enrolment> enrolments, String leaseToken) {
    List<Enrolment> out = new ArrayList<>(enrolments.size());
    for (Enrolment e : enrolments) {
      complete(e, leaseToken).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Completes many enrolments as {@link #completeAll(List, String)} does and adds the step
   * counts of the work that led there to {@code counters}: the due loop's end of a claimed
   * batch. An adapter that keeps {@code counters} in the same database may write both in one
   * transaction (counted exactly once with the completion); otherwise, and by default, the
   * counts are added first and the enrolments completed after, so a failure between the two
   * leaves the enrolments claimed (they run again after the lease and are counted again) but
   * never loses a step. Counts are added even for enrolments whose lease was lost, since their
   * steps ran. If this throws, the completions may not have been written.
   */
  default List<Enrolment> completeAll(List<Enrolment> enrolments, String leaseToken,
      Map<CounterKey, Long> counts, JourneyCounters counters) {
    if (counts == null || counters == null) {
      throw new InvalidValueException("counts and counters must not be null");
    }
    if (!counts.isEmpty()) {
      counters.add(counts);
    }
    return completeAll(enrolments, leaseToken);
  }

  /** Stores {@code enrolment} if the stored revision equals its revision; drops any lease. */
  Optional<Enrolment> update(Enrolment enrolment);

  /**
   * {@link #update Updates} each of {@code enrolments} (each a compare-and-set on its revision),
   * in one statement where the store can; returns the stored copies of those written, in order.
   * Each enrolment's write is atomic. The default calls {@link #update} for each.
   */
  default List<Enrolment> updateAll(List<Enrolment> enrolments) {
    if (enrolments == null) {
      throw new InvalidValueException("enrolments must not be null");
    }
    List<Enrolment> out = new ArrayList<>(enrolments.size());
    for (Enrolment e : enrolments) {
      update(e).ifPresent(out::add);
    }
    return out;
  }

  /** One page of a journey's enrolments in id order, after {@code after} (exclusive). */
  List<Enrolment> page(JourneyId journey, @Nullable EnrolmentId after, int limit);

  /**
   * Live enrolments whose ready time is before {@code before}, earliest first: due work that
   * nobody processed, or leases that expired long ago.
   */
  List<Enrolment> findOverdue(Instant before, int limit);

  /** How many enrolments of {@code journey} are in each status. */
  Map<EnrolmentStatus, Long> countByStatus(JourneyId journey);
}
