package dev.leadkit.core;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The working state of one input for one lead, across its rounds: parts, current lead. */
final class Pass {
  final LeadId id;
  final Instant now;
  final StageTransitions transitions;
  final Consumer<LeadkitEvent> sink;
  final StatePart<List<Touchpoint>> historyPart;
  Lead current;
  /** The phase running now, and the last phase that changed the lead (null: none yet). */
  Hooks.@Nullable Phase phase;
  Hooks.@Nullable Phase changedBy;
  final Map<Object, Object> scratch;
  /** Inputs about this lead that arrived while it was being decided: later rounds. */
  final java.util.ArrayDeque<Input> followUps = new java.util.ArrayDeque<>();
  /** Grows with every change a decider makes (lead, part, event): an observer's outcome. */
  int effects;
  private final Map<StatePart<?>, Object> parts = new LinkedHashMap<>();
  private final Set<StatePart<?>> dirty = new LinkedHashSet<>();

  Pass(Lead current, Instant now, StageTransitions transitions, Consumer<LeadkitEvent> sink,
      StatePart<List<Touchpoint>> historyPart, Map<Object, Object> scratch) {
    this.scratch = scratch;
    this.id = current.id();
    this.current = current;
    this.now = now;
    this.transitions = transitions;
    this.sink = sink;
    this.historyPart = historyPart;
  }

  @SuppressWarnings("unchecked")
  <T> T part(StatePart<T> part) {
    Object v = parts.get(part);
    if (v == null) {
      v = part.load(id);
      if (v == null) {
        throw new IllegalStateException("state part " + part + " loaded null for " + id);
      }
      parts.put(part, v);
    }
    return (T) v;
  }

  boolean loaded(StatePart<?> part) {
    return parts.containsKey(part);
  }

  void changed(StatePart<?> part) {
    if (!parts.containsKey(part)) {
      throw new InvalidValueException("state part " + part + " was not loaded by this input");
    }
    dirty.add(part);
    effects++;
  }

  /** Commits every changed part, in the order they were first loaded. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void commitParts() {
    for (Map.Entry<StatePart<?>, Object> e : parts.entrySet()) {
      if (dirty.contains(e.getKey())) {
        ((StatePart) e.getKey()).commit(id, e.getValue());
      }
    }
  }
}
