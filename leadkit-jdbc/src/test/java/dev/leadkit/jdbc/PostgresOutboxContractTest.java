package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxContract;

/** The core's outbox contract on PostgreSQL. */
class PostgresOutboxContractTest extends OutboxContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().outbox();
  }
}
