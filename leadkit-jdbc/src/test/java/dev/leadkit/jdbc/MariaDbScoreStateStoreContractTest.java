package dev.leadkit.jdbc;

import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.testkit.ScoreStateStoreContract;

/** The scoring module's {@link ScoreStateStore} contract on MariaDB. */
class MariaDbScoreStateStoreContractTest extends ScoreStateStoreContract {
  @Override
  protected ScoreStateStore newStore() {
    return TestDatabases.stores(Dialect.MARIADB, getClass().getName()).build().scoreStateStore();
  }
}
