package dev.leadkit.jdbc;

import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.testkit.LeadStoreContract;

/** The core's lead store contract on MARIADB, through the default lead cache. */
class MariaDbLeadStoreContractTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().leadStore();
  }
}
