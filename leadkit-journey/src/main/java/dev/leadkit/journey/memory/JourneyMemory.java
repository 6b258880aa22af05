package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;

/**
 * Factories for the in-memory journey adapters, the defaults of
 * {@link dev.leadkit.journey.Journeys}.
 *
 * <p>Thread safety: every adapter may be called from any number of threads; each call,
 * including a batch call, is atomic, under one lock per adapter. Leases, revisions and cap
 * reservations behave as in the JDBC adapters, but only within one process: the adapters keep
 * nothing across restarts and are not shared between nodes.
 */
public final class JourneyMemory {
  private JourneyMemory() {}

  /** A new, empty enrolment store. */
  public static EnrolmentStore enrolmentStore() {
    return new InMemoryEnrolmentStore();
  }

  /** A new, empty send log. */
  public static SendLog sendLog() {
    return new InMemorySendLog();
  }

  /** New counters, all zero. */
  public static JourneyCounters counters() {
    return new InMemoryJourneyCounters();
  }
}
