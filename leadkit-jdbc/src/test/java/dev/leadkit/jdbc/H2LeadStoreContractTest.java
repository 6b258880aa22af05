package dev.leadkit.jdbc;

import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.testkit.LeadStoreContract;

/** The core's lead store contract on H2, through the default lead cache. */
class H2LeadStoreContractTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().leadStore();
  }
}
