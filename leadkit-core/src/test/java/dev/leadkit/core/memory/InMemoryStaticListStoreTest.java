package dev.leadkit.core.memory;

import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.testkit.StaticListStoreContract;

class InMemoryStaticListStoreTest extends StaticListStoreContract {
  @Override
  protected StaticListStore newStore() {
    return InMemory.staticListStore();
  }
}
