package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointLogContract;

/** The core's touchpoint log contract on MariaDB. */
class MariaDbTouchpointLogContractTest extends TouchpointLogContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().touchpointLog();
  }
}
