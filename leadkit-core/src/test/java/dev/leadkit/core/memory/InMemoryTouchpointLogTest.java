package dev.leadkit.core.memory;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointLogContract;

class InMemoryTouchpointLogTest extends TouchpointLogContract {
  @Override
  protected TouchpointLog newLog() {
    return InMemory.touchpointLog();
  }
}
