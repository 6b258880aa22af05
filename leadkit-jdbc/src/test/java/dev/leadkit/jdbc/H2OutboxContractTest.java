package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxContract;

/** The core's outbox contract on H2. */
class H2OutboxContractTest extends OutboxContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().outbox();
  }
}
