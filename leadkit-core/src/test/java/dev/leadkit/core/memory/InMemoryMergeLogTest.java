package dev.leadkit.core.memory;

import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.testkit.MergeLogContract;

class InMemoryMergeLogTest extends MergeLogContract {
  @Override
  protected MergeLog newLog() {
    return InMemory.mergeLog();
  }
}
