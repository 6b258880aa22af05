package dev.leadkit.jdbc;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxByLeadContract;

/** The core's per-lead outbox contract (export, erasure) on H2. */
class H2OutboxByLeadContractTest extends OutboxByLeadContract {
  @Override
  protected Outbox newOutbox() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().outbox();
  }
}
