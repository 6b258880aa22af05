package dev.leadkit.jdbc;

import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.testkit.MergeLogContract;

/** The core's {@link MergeLog} contract on PostgreSQL. */
class PostgresMergeLogContractTest extends MergeLogContract {
  @Override
  protected MergeLog newLog() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().mergeLog();
  }
}
