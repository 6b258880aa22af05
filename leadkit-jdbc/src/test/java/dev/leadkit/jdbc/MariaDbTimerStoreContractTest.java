package dev.leadkit.jdbc;

import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.testkit.TimerStoreContract;

/** The {@link TimerStore} contract on MariaDb. */
class MariaDbTimerStoreContractTest extends TimerStoreContract {
  @Override
  protected TimerStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().timerStore();
  }
}
