package dev.leadkit.core.port;

import dev.leadkit.core.lead.LeadId;
import java.util.List;
import java.util.Optional;

/**
 * The audit log of merges, with the before-images an undo needs.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Idempotent append.</b> A record whose id is stored already is ignored and
 *       {@link #append} returns false; the stored record is not changed.
 *   <li><b>Undo once.</b> {@link #markUndone} is a compare-and-set: it succeeds only for a stored
 *       record that is not undone yet, so two concurrent undos cannot both win.
 *   <li><b>Erasure.</b> {@link #deleteInvolving} is the only delete; it removes the personal data
 *       the before-images hold when a lead is erased.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface MergeLog {
  /** Stores {@code record}; false if its id is stored already. */
  boolean append(MergeRecord record);

  /** The record with {@code id}. */
  Optional<MergeRecord> find(MergeId id);

  /** The records in which {@code lead} was the survivor or the merged lead, oldest first. */
  List<MergeRecord> findByLead(LeadId lead);

  /** Marks the record undone; false if it is absent or undone already. */
  boolean markUndone(MergeId id, MergeRecord.Undo undo);

  /** Deletes every record in which {@code lead} took part; returns how many. */
  int deleteInvolving(LeadId lead);
}
