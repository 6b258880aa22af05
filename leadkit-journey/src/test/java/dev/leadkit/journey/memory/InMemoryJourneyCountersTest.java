package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.testkit.JourneyCountersContract;

class InMemoryJourneyCountersTest extends JourneyCountersContract {
  @Override
  protected JourneyCounters newCounters() {
    return JourneyMemory.counters();
  }
}
