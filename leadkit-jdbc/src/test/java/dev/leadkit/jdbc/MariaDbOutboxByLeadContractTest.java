package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxByLeadContract;

/** The core's per-lead outbox contract (export, erasure) on MariaDB. */
class MariaDbOutboxByLeadContractTest extends OutboxByLeadContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().outbox();
  }
}
