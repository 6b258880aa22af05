package dev.leadkit.core.memory;

import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.testkit.OutboxContract;

class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected Outbox newOutbox() {
    return InMemory.outbox();
  }
}
