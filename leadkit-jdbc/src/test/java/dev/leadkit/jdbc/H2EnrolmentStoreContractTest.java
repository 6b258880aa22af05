package dev.leadkit.jdbc;

import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.testkit.EnrolmentStoreContract;

/** The journey module's {@link EnrolmentStore} contract on H2. */
class H2EnrolmentStoreContractTest extends EnrolmentStoreContract {
  @Override
  protected EnrolmentStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().enrolmentStore();
  }
}
