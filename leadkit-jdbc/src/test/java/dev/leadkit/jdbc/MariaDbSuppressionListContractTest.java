package dev.leadkit.jdbc;

import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.testkit.SuppressionListContract;

/** The core's {@link SuppressionList} contract on MariaDB. */
class MariaDbSuppressionListContractTest extends SuppressionListContract {
  @Override
  protected SuppressionList newList() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().suppressionList();
  }
}
