package dev.leadkit.jdbc;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointLogContract;

/** The core's touchpoint log contract on H2. */
class H2TouchpointLogContractTest extends TouchpointLogContract {
  @Override
  protected TouchpointLog newLog() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().touchpointLog();
  }
}
