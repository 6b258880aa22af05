package dev.leadkit.jdbc;

import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.testkit.SuppressionListContract;

/** The core's {@link SuppressionList} contract on PostgreSQL. */
class PostgresSuppressionListContractTest extends SuppressionListContract {
  @Override
  protected SuppressionList newList() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().suppressionList();
  }
}
