package dev.leadkit.core.memory;

import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.testkit.SuppressionListContract;

class InMemorySuppressionListTest extends SuppressionListContract {
  @Override
  protected SuppressionList newList() {
    return InMemory.suppressionList();
  }
}
