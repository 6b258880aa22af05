package dev.leadkit.core.port;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The append-only log of touchpoints.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Idempotent append.</b> A touchpoint whose id is already stored is ignored: never
 *       duplicated, never an error, and the stored copy is not changed. Callers may retry any
 *       append.
 *   <li><b>Atomic batches.</b> {@link #appendAll(Collection)} stores all new touchpoints of the
 *       batch or none (on failure).
 *   <li><b>Ordered reads.</b> Queries return touchpoints ordered by time, then id.
 *   <li><b>Only identity changes stored touchpoints.</b> A touchpoint's type, time, channel and
 *       properties never change. Its lead changes only through attribution
 *       ({@link #attributeVisitor}: a visitor's touchpoints that have no lead yet get one) and
 *       through {@link #reassign} (merge, undo of a merge, a visitor proven to be someone else).
 *       {@link #deleteAll} exists for erasure only.
 *   <li><b>Idempotent identity writes.</b> Attributing, reassigning or deleting again changes
 *       nothing more; each may be retried. {@link #reassign} and {@link #deleteAll} are atomic.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface TouchpointLog {
  /** Appends one touchpoint; returns false if its id was already stored. */
  boolean append(Touchpoint touchpoint);

  /**
   * Appends a batch; returns the touchpoints that were new (in the order given). Ids repeated
   * within the batch count once.
   */
  List<Touchpoint> appendAll(Collection<Touchpoint> touchpoints);

  /** The touchpoint with {@code id}. */
  Optional<Touchpoint> findById(TouchpointId id);

  /** A lead's touchpoints that pass {@code query}, ordered by time then id. */
  List<Touchpoint> findByLead(LeadId lead, TouchpointQuery query);

  /** A visitor's touchpoints, ordered by time then id. */
  List<Touchpoint> findByVisitor(VisitorId visitor);

  /**
   * Attributes every touchpoint of {@code visitor} that has no lead yet to {@code lead}; returns
   * how many changed. Touchpoints already attributed to a lead are left alone.
   */
  int attributeVisitor(VisitorId visitor, LeadId lead);

  /**
   * Sets the lead of every stored touchpoint among {@code ids} to {@code lead} (empty: back to
   * its visitor alone). Unknown ids are skipped; a touchpoint without a visitor cannot lose its
   * lead, so asking for that throws {@link dev.leadkit.core.InvalidValueException} and changes
   * nothing. Returns how many touchpoints changed. Atomic.
   */
  int reassign(Collection<TouchpointId> ids, Optional<LeadId> lead);

  /**
   * Deletes the stored touchpoints among {@code ids}; returns how many were deleted. Atomic.
   * Used only to erase a person's data; a deleted id may be appended again later.
   */
  int deleteAll(Collection<TouchpointId> ids);

  /** Number of stored touchpoints. */
  long count();
}
