package dev.leadkit.jdbc;

import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.testkit.SendLogContract;

/** The journey module's {@link SendLog} contract on MariaDB. */
class MariaDbSendLogContractTest extends SendLogContract {
  @Override
  protected SendLog newLog() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().sendLog();
  }
}
