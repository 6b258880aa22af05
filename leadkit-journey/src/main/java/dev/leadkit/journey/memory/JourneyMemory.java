package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;

/** Factories for the in-memory journey adapters. */
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
