package dev.leadkit.journey.memory;

import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.testkit.SendLogContract;

class InMemorySendLogTest extends SendLogContract {
  @Override
  protected SendLog newLog() {
    return JourneyMemory.sendLog();
  }
}
