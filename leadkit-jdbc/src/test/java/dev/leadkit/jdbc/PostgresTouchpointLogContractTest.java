package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointLogContract;

/** The core's touchpoint log contract on PostgreSQL. */
class PostgresTouchpointLogContractTest extends TouchpointLogContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().touchpointLog();
  }
}
