package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointReassignContract;

/** The core's touchpoint attribution, reassignment and erasure contract on H2. */
class H2TouchpointReassignContractTest extends TouchpointReassignContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().touchpointLog();
  }
}
