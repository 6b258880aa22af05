package dev.leadkit.jdbc;

import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.testkit.StaticListStoreContract;

/** The core's {@link StaticListStore} contract on PostgreSQL. */
class PostgresStaticListStoreContractTest extends StaticListStoreContract {
  @Override
  protected StaticListStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().staticListStore();
  }
}
