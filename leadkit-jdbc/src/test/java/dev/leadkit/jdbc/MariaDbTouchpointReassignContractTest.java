package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointReassignContract;

/** The core's touchpoint attribution, reassignment and erasure contract on MariaDB. */
class MariaDbTouchpointReassignContractTest extends TouchpointReassignContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().touchpointLog();
  }
}
