package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.segment.ListId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Lists as sorted sets of ids plus a reverse index; one monitor serialises all access. */
final class InMemoryStaticListStore implements StaticListStore {
  private final TreeMap<ListId, TreeSet<LeadId>> members = new TreeMap<>();
  private final Map<LeadId, Set<ListId>> byLead = new HashMap<>();

  private static void check(ListId list, Collection<LeadId> leads) {
    if (list == null || leads == null) {
      throw new InvalidValueException("list and leads must not be null");
    }
    for (LeadId l : leads) {
      if (l == null) {
        throw new InvalidValueException("lead ids must not be null in list " + list);
      }
    }
  }

  @Override
  public synchronized List<LeadId> addAll(ListId list, Collection<LeadId> leads) {
    check(list, leads);
    TreeSet<LeadId> set = members.computeIfAbsent(list, k -> new TreeSet<>());
    List<LeadId> added = new ArrayList<>();
    for (LeadId l : new LinkedHashSet<>(leads)) {
      if (set.add(l)) {
        byLead.computeIfAbsent(l, k -> new TreeSet<>()).add(list);
        added.add(l);
      }
    }
    if (set.isEmpty()) {
      members.remove(list);
    }
    return added;
  }

  @Override
  public synchronized List<LeadId> removeAll(ListId list, Collection<LeadId> leads) {
    check(list, leads);
    TreeSet<LeadId> set = members.get(list);
    List<LeadId> removed = new ArrayList<>();
    if (set == null) {
      return removed;
    }
    for (LeadId l : new LinkedHashSet<>(leads)) {
      if (set.remove(l)) {
        Set<ListId> ls = byLead.get(l);
        if (ls != null && ls.remove(list) && ls.isEmpty()) {
          byLead.remove(l);
        }
        removed.add(l);
      }
    }
    if (set.isEmpty()) {
      members.remove(list);
    }
    return removed;
  }

  @Override
  public synchronized boolean contains(ListId list, LeadId lead) {
    TreeSet<LeadId> set = members.get(list);
    return set != null && set.contains(lead);
  }

  @Override
  public synchronized Set<ListId> listsOf(LeadId lead) {
    Set<ListId> ls = byLead.get(lead);
    return ls == null ? Set.of() : Set.copyOf(ls);
  }

  @Override
  public synchronized List<LeadId> members(ListId list, @Nullable LeadId after, int limit) {
    if (limit < 0) {
      throw new InvalidValueException("limit must not be negative: " + limit);
    }
    TreeSet<LeadId> set = members.get(list);
    if (set == null) {
      return List.of();
    }
    NavigableSet<LeadId> tail = after == null ? set : set.tailSet(after, false);
    List<LeadId> out = new ArrayList<>(Math.min(limit, tail.size()));
    for (LeadId l : tail) {
      if (out.size() >= limit) {
        break;
      }
      out.add(l);
    }
    return out;
  }

  @Override
  public synchronized long size(ListId list) {
    TreeSet<LeadId> set = members.get(list);
    return set == null ? 0 : set.size();
  }

  @Override
  public synchronized List<ListId> lists() {
    return List.copyOf(members.keySet());
  }
}
