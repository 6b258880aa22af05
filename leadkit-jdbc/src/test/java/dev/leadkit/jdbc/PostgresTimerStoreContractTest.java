package dev.leadkit.jdbc;

import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.testkit.TimerStoreContract;

/** The {@link TimerStore} contract on Postgres. */
class PostgresTimerStoreContractTest extends TimerStoreContract {
  @Override
  protected TimerStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().timerStore();
  }
}
