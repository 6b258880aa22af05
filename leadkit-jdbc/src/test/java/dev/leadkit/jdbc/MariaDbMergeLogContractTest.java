package dev.leadkit.jdbc;

import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.testkit.MergeLogContract;

/** The core's {@link MergeLog} contract on MariaDB. */
class MariaDbMergeLogContractTest extends MergeLogContract {
  @Override
  protected MergeLog newLog() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().mergeLog();
  }
}
