package dev.leadkit.jdbc;

import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.testkit.MergeLogContract;

/** The core's {@link MergeLog} contract on H2. */
class H2MergeLogContractTest extends MergeLogContract {
  @Override
  protected MergeLog newLog() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().mergeLog();
  }
}
