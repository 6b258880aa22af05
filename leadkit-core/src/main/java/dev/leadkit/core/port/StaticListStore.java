package dev.leadkit.core.port;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.segment.ListId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Storage of static lists: named sets of leads that a host or an analysis report fills (seed
 * 002: "the analysis report becomes campaign members"). Predicates read them with
 * {@code in list "id"}. Write through {@link dev.leadkit.core.segment.SegmentsPlugin#lists()}
 * so that dependent segments are re-checked.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Idempotent, atomic batches.</b> {@link #addAll} and {@link #removeAll} apply the whole
 *       batch or nothing; adding a member twice or removing a non-member is not an error. Both
 *       return exactly the leads whose membership changed, in the order given, without
 *       duplicates. A caller may retry any batch.
 *   <li><b>Keyset pages.</b> {@link #members} returns ids in ascending order after {@code after}.
 *   <li>A list exists while it has members; an empty list is the same as an unknown one.
 *   <li>Implementations are thread-safe and read their own writes.
 * </ul>
 */
public interface StaticListStore {
  /** Adds {@code leads} to {@code list}; returns the leads that were not members before. */
  List<LeadId> addAll(ListId list, Collection<LeadId> leads);

  /** Removes {@code leads} from {@code list}; returns the leads that were members. */
  List<LeadId> removeAll(ListId list, Collection<LeadId> leads);

  /** True if {@code lead} is in {@code list}. */
  boolean contains(ListId list, LeadId lead);

  /** Every list {@code lead} is in. */
  Set<ListId> listsOf(LeadId lead);

  /** Up to {@code limit} members of {@code list} with ids after {@code after}, ascending. */
  List<LeadId> members(ListId list, @Nullable LeadId after, int limit);

  /** Number of members of {@code list}. */
  long size(ListId list);

  /** Every list with at least one member, ascending. */
  List<ListId> lists();
}
