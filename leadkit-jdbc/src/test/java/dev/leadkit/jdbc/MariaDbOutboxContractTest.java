package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxContract;

/** The core's outbox contract on MariaDB. */
class MariaDbOutboxContractTest extends OutboxContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().outbox();
  }
}
