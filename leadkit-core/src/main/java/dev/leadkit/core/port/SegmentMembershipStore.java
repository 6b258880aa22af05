package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.segment.SegmentId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stored segment membership and the per-lead re-check schedule of time-window segments, kept by
 * the segment engine ({@link dev.leadkit.core.segment.SegmentsPlugin}).
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Atomic batches.</b> {@link #apply} writes every change of the batch or none. An
 *       entry for a lead already in the segment keeps the original entry time; an exit of a
 *       non-member is ignored, so a batch may be retried.
 *   <li><b>One schedule entry per (segment, lead).</b> {@link #schedule} (and {@link
 *       #scheduleAll}, atomically for a batch) replaces it, or removes it when empty. {@link #due} returns entries at or before a time, earliest first.
 *   <li>{@link #clearSegment} removes a segment's members and schedule entries together.
 *   <li>Implementations are thread-safe and read their own writes.
 * </ul>
 */
public interface SegmentMembershipStore {
  /**
   * One membership change.
   *
   * @param segment the segment
   * @param lead the lead
   * @param entered true for an entry, false for an exit
   * @param at when it happened
   */
  record Change(SegmentId segment, LeadId lead, boolean entered, Instant at) {
    /** Validates. */
    public Change {
      if (segment == null || lead == null || at == null) {
        throw new InvalidValueException("membership change fields must not be null");
      }
    }
  }

  /**
   * A scheduled re-check.
   *
   * @param segment the segment
   * @param lead the lead
   * @param at when the lead's membership may change with time alone
   */
  record Check(SegmentId segment, LeadId lead, Instant at) {
    /** Validates. */
    public Check {
      if (segment == null || lead == null || at == null) {
        throw new InvalidValueException("scheduled check fields must not be null");
      }
    }
  }

  /**
   * A re-check time to set, or to remove when {@code at} is empty.
   *
   * @param segment the segment
   * @param lead the lead
   * @param at the new re-check time, or empty to remove it
   */
  record Reschedule(SegmentId segment, LeadId lead, Optional<Instant> at) {
    /** Validates. */
    public Reschedule {
      if (segment == null || lead == null || at == null) {
        throw new InvalidValueException("reschedule fields must not be null");
      }
    }
  }

  /** When {@code lead} entered {@code segment}, if it is a member. */
  Optional<Instant> memberSince(SegmentId segment, LeadId lead);

  /** True if {@code lead} is a member of {@code segment}. */
  default boolean isMember(SegmentId segment, LeadId lead) {
    return memberSince(segment, lead).isPresent();
  }

  /** Every segment {@code lead} is a member of. */
  Set<SegmentId> segmentsOf(LeadId lead);

  /** Up to {@code limit} members of {@code segment} with ids after {@code after}, ascending. */
  List<LeadId> members(SegmentId segment, @Nullable LeadId after, int limit);

  /** Number of members of {@code segment}. */
  long count(SegmentId segment);

  /** Applies membership changes atomically, in order. */
  void apply(Collection<Change> changes);

  /** Sets (or, if empty, removes) the re-check time of {@code lead} in {@code segment}. */
  void schedule(SegmentId segment, LeadId lead, Optional<Instant> at);

  /**
   * Sets or removes many re-check times atomically, in order (a later entry for the same
   * (segment, lead) wins); the same as calling {@link #schedule} for each, in one write. The
   * segment engine uses it to write a whole page of a full evaluation at once.
   */
  void scheduleAll(Collection<Reschedule> entries);

  /** The re-check time of {@code lead} in {@code segment}, if scheduled. */
  Optional<Instant> scheduled(SegmentId segment, LeadId lead);

  /** Up to {@code limit} scheduled checks at or before {@code now}, earliest first. */
  List<Check> due(Instant now, int limit);

  /** Removes every member and schedule entry of {@code segment}; returns the members removed. */
  long clearSegment(SegmentId segment);

  /** Removes {@code lead} from every segment and schedule (after erasure or merge). */
  void forgetLead(LeadId lead);
}
