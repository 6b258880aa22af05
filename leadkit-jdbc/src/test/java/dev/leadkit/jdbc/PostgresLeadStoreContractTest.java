package dev.leadkit.jdbc;

import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.testkit.LeadStoreContract;

/** The core's lead store contract on POSTGRESQL, through the default lead cache. */
class PostgresLeadStoreContractTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().leadStore();
  }
}
