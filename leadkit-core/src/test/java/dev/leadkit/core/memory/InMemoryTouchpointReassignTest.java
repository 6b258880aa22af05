package dev.leadkit.core.memory;

import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.testkit.TouchpointReassignContract;

class InMemoryTouchpointReassignTest extends TouchpointReassignContract {
  @Override
  protected TouchpointLog newLog() {
    return InMemory.touchpointLog();
  }
}
