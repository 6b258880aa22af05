package dev.leadkit.core.memory;

import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.testkit.TimerStoreContract;

/** The {@link TimerStore} contract in memory. */
class InMemoryTimerStoreTest extends TimerStoreContract {
  @Override
  protected TimerStore newStore() {
    return InMemory.timerStore();
  }
}
