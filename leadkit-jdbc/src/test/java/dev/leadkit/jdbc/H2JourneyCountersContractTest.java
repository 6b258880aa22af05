package dev.leadkit.jdbc;

import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.testkit.JourneyCountersContract;

/** The journey module's {@link JourneyCounters} contract on H2. */
class H2JourneyCountersContractTest extends JourneyCountersContract {
  @Override
  protected JourneyCounters newCounters() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().journeyCounters();
  }
}
