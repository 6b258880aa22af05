package dev.leadkit.jdbc;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.testkit.EnrolmentStoreContract;

/** The journey module's {@link EnrolmentStore} contract on MariaDB. */
class MariaDbEnrolmentStoreContractTest extends EnrolmentStoreContract {
  @Override
  protected EnrolmentStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().enrolmentStore();
  }
}
