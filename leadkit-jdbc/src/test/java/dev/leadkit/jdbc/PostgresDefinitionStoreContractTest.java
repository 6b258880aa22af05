package dev.leadkit.jdbc;

import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.testkit.DefinitionStoreContract;

/** The core's {@link DefinitionStore} contract on PostgreSQL. */
class PostgresDefinitionStoreContractTest extends DefinitionStoreContract {
  @Override
  protected DefinitionStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().definitionStore();
  }
}
