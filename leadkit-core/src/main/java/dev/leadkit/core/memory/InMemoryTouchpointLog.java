package dev.leadkit.core.memory;

import dev.leadkit.core.internal.ProcessLocal;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Touchpoints by id, plus per-lead and per-visitor lists kept sorted by (time, id). Appends in
 * time order, the usual case, are O(1); late arrivals are inserted by binary search. One
 * read-write lock keeps the indexes consistent.
 */
final class InMemoryTouchpointLog implements TouchpointLog, ProcessLocal {
  static final Comparator<Touchpoint> ORDER =
      Comparator.comparing(Touchpoint::at).thenComparing(Touchpoint::id);

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final HashMap<TouchpointId, Touchpoint> byId = new HashMap<>();
  private final HashMap<LeadId, ArrayList<Touchpoint>> byLead = new HashMap<>();
  private final HashMap<VisitorId, ArrayList<Touchpoint>> byVisitor = new HashMap<>();

  @Override
  public boolean append(Touchpoint touchpoint) {
    return !appendAll(List.of(touchpoint)).isEmpty();
  }

  @Override
  public List<Touchpoint> appendAll(Collection<Touchpoint> touchpoints) {
    lock.writeLock().lock();
    try {
      Map<TouchpointId, Touchpoint> fresh = new LinkedHashMap<>();
      for (Touchpoint t : touchpoints) {
        if (!byId.containsKey(t.id())) {
          fresh.putIfAbsent(t.id(), t);
        }
      }
      for (Touchpoint t : fresh.values()) {
        byId.put(t.id(), t);
        t.lead().ifPresent(l -> insertSorted(byLead.computeIfAbsent(l, k -> new ArrayList<>(4)), t));
        t.visitor().ifPresent(
            v -> insertSorted(byVisitor.computeIfAbsent(v, k -> new ArrayList<>(4)), t));
      }
      return List.copyOf(fresh.values());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void insertSorted(ArrayList<Touchpoint> list, Touchpoint t) {
    int n = list.size();
    if (n == 0 || ORDER.compare(list.get(n - 1), t) <= 0) {
      list.add(t);
      return;
    }
    int i = Collections.binarySearch(list, t, ORDER);
    list.add(i < 0 ? -i - 1 : i, t);
  }

  @Override
  public Optional<Touchpoint> findById(TouchpointId id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(byId.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Touchpoint> findByLead(LeadId lead, TouchpointQuery query) {
    lock.readLock().lock();
    try {
      ArrayList<Touchpoint> list = byLead.get(lead);
      if (list == null) {
        return List.of();
      }
      int start = query.from().map(f -> firstAtOrAfter(list, f)).orElse(0);
      List<Touchpoint> out = new ArrayList<>();
      for (int i = start; i < list.size(); i++) {
        Touchpoint t = list.get(i);
        if (query.to().isPresent() && !t.at().isBefore(query.to().get())) {
          break;
        }
        if (query.types().isEmpty() || query.types().contains(t.type())) {
          out.add(t);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static int firstAtOrAfter(List<Touchpoint> list, Instant from) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).at().isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public List<Touchpoint> findByVisitor(VisitorId visitor) {
    lock.readLock().lock();
    try {
      ArrayList<Touchpoint> list = byVisitor.get(visitor);
      return list == null ? List.of() : List.copyOf(list);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int attributeVisitor(VisitorId visitor, LeadId lead) {
    lock.writeLock().lock();
    try {
      ArrayList<Touchpoint> list = byVisitor.get(visitor);
      if (list == null) {
        return 0;
      }
      int changed = 0;
      ArrayList<Touchpoint> leadList = byLead.computeIfAbsent(lead, k -> new ArrayList<>());
      for (int i = 0; i < list.size(); i++) {
        Touchpoint t = list.get(i);
        if (t.lead().isEmpty()) {
          Touchpoint attributed = t.withLead(lead);
          list.set(i, attributed);
          byId.put(t.id(), attributed);
          insertSorted(leadList, attributed);
          changed++;
        }
      }
      return changed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Calls {@code action} with each visitor's touchpoints that are tied to no lead, under the read
   * lock, in visitor order. Used by the in-memory measurement source to count anonymous reach.
   */
  void forEachAnonymous(java.util.function.BiConsumer<VisitorId, List<Touchpoint>> action) {
    lock.readLock().lock();
    try {
      java.util.TreeMap<VisitorId, ArrayList<Touchpoint>> sorted = new java.util.TreeMap<>(byVisitor);
      sorted.forEach((v, list) -> {
        List<Touchpoint> anonymous = new ArrayList<>();
        for (Touchpoint t : list) {
          if (t.lead().isEmpty()) {
            anonymous.add(t);
          }
        }
        if (!anonymous.isEmpty()) {
          action.accept(v, anonymous);
        }
      });
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int reassign(Collection<TouchpointId> ids, Optional<LeadId> lead) {
    lock.writeLock().lock();
    try {
      List<Touchpoint> targets = new ArrayList<>();
      for (TouchpointId id : new java.util.LinkedHashSet<>(ids)) {
        Touchpoint t = byId.get(id);
        if (t == null || t.lead().equals(lead)) {
          continue;
        }
        if (lead.isEmpty() && t.visitor().isEmpty()) {
          throw new dev.leadkit.core.InvalidValueException("touchpoint " + id
              + " has no visitor, so it cannot be detached from lead " + t.lead().orElseThrow());
        }
        targets.add(t);
      }
      for (Touchpoint t : targets) {
        Touchpoint moved = new Touchpoint(t.id(), lead, t.visitor(), t.type(), t.at(),
            t.channel(), t.properties());
        t.lead().ifPresent(old -> removeFrom(byLead, old, t));
        lead.ifPresent(l -> insertSorted(byLead.computeIfAbsent(l, k -> new ArrayList<>(4)),
            moved));
        t.visitor().ifPresent(v -> replaceIn(byVisitor.get(v), moved));
        byId.put(t.id(), moved);
      }
      return targets.size();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public int deleteAll(Collection<TouchpointId> ids) {
    lock.writeLock().lock();
    try {
      int deleted = 0;
      for (TouchpointId id : new java.util.LinkedHashSet<>(ids)) {
        Touchpoint t = byId.remove(id);
        if (t == null) {
          continue;
        }
        t.lead().ifPresent(l -> removeFrom(byLead, l, t));
        t.visitor().ifPresent(v -> removeFrom(byVisitor, v, t));
        deleted++;
      }
      return deleted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static <K> void removeFrom(Map<K, ArrayList<Touchpoint>> index, K key, Touchpoint t) {
    ArrayList<Touchpoint> list = index.get(key);
    if (list == null) {
      return;
    }
    int i = Collections.binarySearch(list, t, ORDER);
    if (i >= 0) {
      list.remove(i);
    }
    if (list.isEmpty()) {
      index.remove(key);
    }
  }

  private static void replaceIn(@org.jspecify.annotations.Nullable ArrayList<Touchpoint> list,
      Touchpoint t) {
    if (list == null) {
      return;
    }
    int i = Collections.binarySearch(list, t, ORDER);
    if (i >= 0) {
      list.set(i, t);
    }
  }

  @Override
  public long count() {
    lock.readLock().lock();
    try {
      return byId.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}
