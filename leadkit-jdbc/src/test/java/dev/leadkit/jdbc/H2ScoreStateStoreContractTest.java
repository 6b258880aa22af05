package dev.leadkit.jdbc;

import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.testkit.ScoreStateStoreContract;

/** The scoring module's {@link ScoreStateStore} contract on H2. */
class H2ScoreStateStoreContractTest extends ScoreStateStoreContract {
  @Override
  protected ScoreStateStore newStore() {
    return TestDatabases.stores(Dialect.H2, getClass().getName()).build().scoreStateStore();
  }
}
