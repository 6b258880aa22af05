package dev.leadkit.jdbc;

import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.testkit.SuppressionListContract;

/** The core's {@link SuppressionList} contract on H2. */
class H2SuppressionListContractTest extends SuppressionListContract {
  @Override
  protected SuppressionList newList() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().suppressionList();
  }
}
