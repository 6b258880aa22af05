package dev.leadkit.core.segment;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.StaticListStore;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Static lists as the segment engine sees them: a host or an analysis report puts leads in a
 * list ("the analysis report becomes campaign members", seed 002), and segments reading that
 * list ({@code in list "id"}) are re-checked for exactly the leads added or removed. Obtain it
 * from {@link SegmentsPlugin#lists()}.
 *
 * <p>A list exists while it has members: {@link #add} creates it, and the reads {@link
 * #contains}, {@link #members} and {@link #size} refuse a list without members with {@link
 * UnknownListException}, so a misspelt list id is noticed. {@link #remove} is idempotent and
 * accepts any list.
 */
public final class StaticLists {
  private final SegmentsPlugin plugin;
  private final StaticListStore store;

  StaticLists(SegmentsPlugin plugin, StaticListStore store) {
    this.plugin = plugin;
    this.store = store;
  }

  /**
   * Adds {@code leads} to {@code list}; unknown leads are refused before anything changes.
   * Returns how many were not members before.
   */
  public int add(ListId list, Collection<LeadId> leads) {
    check(list, leads);
    plugin.requireLeads(leads);
    List<LeadId> added = store.addAll(list, leads);
    plugin.onListChanged(list, added);
    return added.size();
  }

  /** Removes {@code leads} from {@code list}; returns how many were members. */
  public int remove(ListId list, Collection<LeadId> leads) {
    check(list, leads);
    List<LeadId> removed = store.removeAll(list, leads);
    plugin.onListChanged(list, removed);
    return removed.size();
  }

  private static void check(ListId list, Collection<LeadId> leads) {
    if (list == null || leads == null) {
      throw new InvalidValueException("list and leads must not be null");
    }
  }

  /** True if {@code lead} is in {@code list}; a list without members throws. */
  public boolean contains(ListId list, LeadId lead) {
    if (store.contains(nonNull(list), lead)) {
      return true;
    }
    requireExists(list);
    return false;
  }

  /** The lists {@code lead} is in. */
  public Set<ListId> listsOf(LeadId lead) {
    return store.listsOf(lead);
  }

  /**
   * Up to {@code limit} members after {@code after}, ascending by id; a list without members
   * throws.
   */
  public List<LeadId> members(ListId list, @Nullable LeadId after, int limit) {
    List<LeadId> page = store.members(nonNull(list), after, limit);
    if (page.isEmpty()) {
      requireExists(list);
    }
    return page;
  }

  /** Number of members, at least 1; a list without members throws. */
  public long size(ListId list) {
    long n = store.size(nonNull(list));
    if (n == 0) {
      throw new UnknownListException(list);
    }
    return n;
  }

  private static ListId nonNull(ListId list) {
    if (list == null) {
      throw new InvalidValueException("list must not be null");
    }
    return list;
  }

  private void requireExists(ListId list) {
    if (store.size(list) == 0) {
      throw new UnknownListException(list);
    }
  }

  /** Every non-empty list. */
  public List<ListId> all() {
    return store.lists();
  }
}
