package dev.leadkit.jdbc;

import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.testkit.SendLogContract;

/** The journey module's {@link SendLog} contract on H2. */
class H2SendLogContractTest extends SendLogContract {
  @Override
  protected SendLog newLog() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().sendLog();
  }
}
