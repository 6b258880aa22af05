package dev.leadkit.core.memory;

import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.testkit.LeadStoreContract;

class InMemoryLeadStoreTest extends LeadStoreContract {
  @Override
  protected LeadStore newStore() {
    return InMemory.leadStore();
  }
}
