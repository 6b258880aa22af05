package dev.leadkit.jdbc;

import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.testkit.DefinitionStoreContract;

/** The core's {@link DefinitionStore} contract on MariaDB. */
class MariaDbDefinitionStoreContractTest extends DefinitionStoreContract {
  @Override
  protected DefinitionStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().definitionStore();
  }
}
