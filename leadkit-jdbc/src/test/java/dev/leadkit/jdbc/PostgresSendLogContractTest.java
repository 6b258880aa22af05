package dev.leadkit.jdbc;

import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.testkit.SendLogContract;

/** The journey module's {@link SendLog} contract on PostgreSQL. */
class PostgresSendLogContractTest extends SendLogContract {
  @Override
  protected SendLog newLog() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().sendLog();
  }
}
