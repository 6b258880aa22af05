package dev.leadkit.jdbc;

import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.testkit.StaticListStoreContract;

/** The core's {@link StaticListStore} contract on H2. */
class H2StaticListStoreContractTest extends StaticListStoreContract {
  @Override
  protected StaticListStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().staticListStore();
  }
}
