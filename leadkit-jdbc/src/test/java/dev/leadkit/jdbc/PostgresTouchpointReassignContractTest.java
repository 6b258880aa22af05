package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointReassignContract;

/** The core's touchpoint attribution, reassignment and erasure contract on PostgreSQL. */
class PostgresTouchpointReassignContractTest extends TouchpointReassignContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().touchpointLog();
  }
}
