package dev.leadkit.core.segment;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.PredicateCompiler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The defined segments, each compiled once, kept in dependency order. A definition may reference
 * only segments already defined, and a redefinition that would close a reference cycle is
 * refused with {@link SegmentCycleException}; so the references always form a DAG and
 * {@link #ordered()} lists every segment after the segments it references. Thread-safe.
 */
public final class SegmentRegistry {
  /** Most segments one registry holds. */
  public static final int MAX_SEGMENTS = 10_000;

  private record Entry(SegmentDefinition definition, CompiledPredicate compiled) {}

  private final Map<SegmentId, Entry> entries = new LinkedHashMap<>();
  private List<SegmentId> order = List.of();
  private Map<SegmentId, Integer> rank = Map.of();
  private Map<SegmentId, Set<SegmentId>> dependents = Map.of();

  /** An empty registry. */
  public SegmentRegistry() {}

  /**
   * Adds or replaces a definition. Refuses references to undefined segments ({@link
   * UnknownSegmentException}) and cycles ({@link SegmentCycleException}); a refused definition
   * changes nothing. Returns the previous definition, if any.
   */
  public synchronized Optional<SegmentDefinition> define(SegmentDefinition definition) {
    if (definition == null) {
      throw new InvalidValueException("segment definition must not be null");
    }
    CompiledPredicate compiled = PredicateCompiler.compile(definition.predicate());
    SegmentId id = definition.id();
    if (!entries.containsKey(id) && entries.size() >= MAX_SEGMENTS) {
      throw new InvalidValueException("a registry holds at most " + MAX_SEGMENTS
          + " segments; refusing " + id);
    }
    for (SegmentId ref : compiled.dependencies().segments()) {
      if (!ref.equals(id) && !entries.containsKey(ref)) {
        throw new UnknownSegmentException(ref, "referenced by segment \"" + id + "\"");
      }
    }
    Map<SegmentId, Entry> next = new LinkedHashMap<>(entries);
    Entry old = next.put(id, new Entry(definition, compiled));
    List<SegmentId> cycle = findCycle(next, id);
    if (!cycle.isEmpty()) {
      throw new SegmentCycleException(cycle);
    }
    entries.put(id, new Entry(definition, compiled));
    reindex();
    return Optional.ofNullable(old).map(Entry::definition);
  }

  /** A path id -> ... -> id through references, or empty if none. */
  private static List<SegmentId> findCycle(Map<SegmentId, Entry> all, SegmentId start) {
    Deque<List<SegmentId>> stack = new ArrayDeque<>();
    stack.push(List.of(start));
    Set<SegmentId> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      List<SegmentId> path = stack.pop();
      SegmentId last = path.get(path.size() - 1);
      Entry e = all.get(last);
      if (e == null) {
        continue;
      }
      for (SegmentId ref : e.compiled().dependencies().segments()) {
        List<SegmentId> p = new ArrayList<>(path);
        p.add(ref);
        if (ref.equals(start)) {
          return p;
        }
        if (seen.add(ref)) {
          stack.push(p);
        }
      }
    }
    return List.of();
  }

  private void reindex() {
    Map<SegmentId, Set<SegmentId>> deps = new HashMap<>();
    for (Entry e : entries.values()) {
      for (SegmentId ref : e.compiled().dependencies().segments()) {
        deps.computeIfAbsent(ref, k -> new TreeSet<>()).add(e.definition().id());
      }
    }
    // Kahn's algorithm, ties broken by id for a stable order
    Map<SegmentId, Integer> indegree = new HashMap<>();
    for (Entry e : entries.values()) {
      indegree.put(e.definition().id(), e.compiled().dependencies().segments().size());
    }
    TreeSet<SegmentId> ready = new TreeSet<>();
    indegree.forEach((k, v) -> {
      if (v == 0) {
        ready.add(k);
      }
    });
    List<SegmentId> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      SegmentId s = ready.pollFirst();
      out.add(s);
      for (SegmentId d : deps.getOrDefault(s, Set.of())) {
        if (indegree.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    Map<SegmentId, Integer> r = new HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      r.put(out.get(i), i);
    }
    Map<SegmentId, Set<SegmentId>> frozen = new HashMap<>();
    deps.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
    this.order = List.copyOf(out);
    this.rank = Map.copyOf(r);
    this.dependents = Map.copyOf(frozen);
  }

  /**
   * Removes a definition. Refused with {@link SegmentInUseException} while another segment
   * references it. Returns the removed definition, if there was one.
   */
  public synchronized Optional<SegmentDefinition> remove(SegmentId id) {
    Set<SegmentId> users = dependents.getOrDefault(id, Set.of());
    if (!users.isEmpty()) {
      throw new SegmentInUseException(id, users);
    }
    Entry e = entries.remove(id);
    if (e != null) {
      reindex();
    }
    return Optional.ofNullable(e).map(Entry::definition);
  }

  /** The definition of {@code id}. */
  public synchronized Optional<SegmentDefinition> find(SegmentId id) {
    return Optional.ofNullable(entries.get(id)).map(Entry::definition);
  }

  /** The compiled predicate of {@code id}. */
  public synchronized Optional<CompiledPredicate> compiled(SegmentId id) {
    return Optional.ofNullable(entries.get(id)).map(Entry::compiled);
  }

  /** Every segment id, each after the segments it references. */
  public synchronized List<SegmentId> ordered() {
    return order;
  }

  // order and entries hold the same ids
  private Entry entry(SegmentId id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new IllegalStateException("segment order names a missing entry " + id);
    }
    return e;
  }

  /** Every definition, in {@link #ordered()} order. */
  public synchronized List<SegmentDefinition> definitions() {
    return order.stream().map(id -> entry(id).definition()).toList();
  }

  /** The segments that reference {@code id} directly. */
  public synchronized Set<SegmentId> dependents(SegmentId id) {
    return dependents.getOrDefault(id, Set.of());
  }

  /** The position of {@code id} in {@link #ordered()}, or -1. */
  public synchronized int rank(SegmentId id) {
    return rank.getOrDefault(id, -1);
  }

  /** Number of segments. */
  public synchronized int size() {
    return entries.size();
  }
}
