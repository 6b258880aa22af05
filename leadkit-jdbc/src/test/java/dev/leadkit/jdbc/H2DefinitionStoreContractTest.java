package dev.leadkit.jdbc;

import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.testkit.DefinitionStoreContract;

/** The core's {@link DefinitionStore} contract on H2. */
class H2DefinitionStoreContractTest extends DefinitionStoreContract {
  @Override
  protected DefinitionStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().definitionStore();
  }
}
