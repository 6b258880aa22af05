package dev.leadkit.jdbc;

import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.testkit.JourneyCountersContract;

/** The journey module's {@link JourneyCounters} contract on PostgreSQL. */
class PostgresJourneyCountersContractTest extends JourneyCountersContract {
  @Override
  protected JourneyCounters newCounters() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().journeyCounters();
  }
}
