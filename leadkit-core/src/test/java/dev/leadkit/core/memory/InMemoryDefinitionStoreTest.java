package dev.leadkit.core.memory;

import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.testkit.DefinitionStoreContract;

class InMemoryDefinitionStoreTest extends DefinitionStoreContract {
  @Override
  protected DefinitionStore newStore() {
    return InMemory.definitionStore();
  }
}
