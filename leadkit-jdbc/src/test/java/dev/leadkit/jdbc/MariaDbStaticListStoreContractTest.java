package dev.leadkit.jdbc;

import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.testkit.StaticListStoreContract;

/** The core's {@link StaticListStore} contract on MariaDB. */
class MariaDbStaticListStoreContractTest extends StaticListStoreContract {
  @Override
  protected StaticListStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().staticListStore();
  }
}
