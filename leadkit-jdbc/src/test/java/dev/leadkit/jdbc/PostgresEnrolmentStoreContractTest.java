package dev.leadkit.jdbc;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.testkit.EnrolmentStoreContract;

/** The journey module's {@link EnrolmentStore} contract on PostgreSQL. */
class PostgresEnrolmentStoreContractTest extends EnrolmentStoreContract {
  @Override
  protected EnrolmentStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().enrolmentStore();
  }
}
