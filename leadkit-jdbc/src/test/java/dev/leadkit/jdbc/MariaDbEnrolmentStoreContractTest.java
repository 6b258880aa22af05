package dev.leadkit.jdbc;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.testkit.EnrolmentStoreContract;

/** The journey module's {@link EnrolmentStore} contract on MariaDB. */
class MariaDbEnrolmentStoreContractTest extends EnrolmentStoreContract {
  private JdbcStores stores;

  @Override
  protected EnrolmentStore newStore() {
    stores = TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build();
    return stores.enrolmentStore();
  }

  @Override
  protected JourneyCounters newCounters() {
    return stores.journeyCounters();
  }
}
