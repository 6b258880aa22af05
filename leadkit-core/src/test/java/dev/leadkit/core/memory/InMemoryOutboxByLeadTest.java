package dev.leadkit.core.memory;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxByLeadContract;

class InMemoryOutboxByLeadTest extends OutboxByLeadContract {
  @Override
  protected Outbox newOutbox() {
    return InMemory.outbox();
  }
}
