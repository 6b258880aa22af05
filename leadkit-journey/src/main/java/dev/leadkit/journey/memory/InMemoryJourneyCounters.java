package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.JourneyCounters;
import java.util.HashMap;
import java.util.Map;

/** Counters in a map. All operations hold one monitor. */
final class InMemoryJourneyCounters implements JourneyCounters {
  private final Map<CounterKey, Long> values = new HashMap<>();

  @Override
  public synchronized void add(Map<CounterKey, Long> deltas) {
    deltas.forEach((k, v) -> values.merge(k, v, Long::sum));
  }

  @Override
  public synchronized Map<CounterKey, Long> snapshot(String journey) {
    Map<CounterKey, Long> out = new HashMap<>();
    values.forEach((k, v) -> {
      if (k.journey().equals(journey)) {
        out.put(k, v);
      }
    });
    return Map.copyOf(out);
  }
}
