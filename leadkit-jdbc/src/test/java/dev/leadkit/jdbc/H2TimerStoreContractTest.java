package dev.leadkit.jdbc;

import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.testkit.TimerStoreContract;

/** The {@link TimerStore} contract on H2. */
class H2TimerStoreContractTest extends TimerStoreContract {
  @Override
  protected TimerStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().timerStore();
  }
}
