package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxByLeadContract;

/** The core's per-lead outbox contract (export, erasure) on PostgreSQL. */
class PostgresOutboxByLeadContractTest extends OutboxByLeadContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().outbox();
  }
}
