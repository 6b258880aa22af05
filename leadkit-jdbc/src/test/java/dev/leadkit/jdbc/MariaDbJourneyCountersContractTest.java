package dev.leadkit.jdbc;

import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.testkit.JourneyCountersContract;

/** The journey module's {@link JourneyCounters} contract on MariaDB. */
class MariaDbJourneyCountersContractTest extends JourneyCountersContract {
  @Override
  protected JourneyCounters newCounters() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().journeyCounters();
  }
}
