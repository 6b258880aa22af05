package dev.leadkit.journey.port;

import java.util.Map;

/**
 * Per-journey and per-step counters (enrolled, sent, opened, clicked, converted, exited by
 * reason, ...). {@link #add} applies a batch of deltas atomically. Counters are bookkeeping:
 * a crash between a change and its count can lose a count, never a message. Thread-safe.
 */
public interface JourneyCounters {
  /** Adds every delta, atomically. */
  void add(Map<CounterKey, Long> deltas);

  /** Every counter of {@code journey} (journey-level and per step). */
  Map<CounterKey, Long> snapshot(String journey);
}
