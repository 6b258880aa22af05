package dev.leadkit.jdbc;

import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.testkit.ScoreStateStoreContract;

/** The scoring module's {@link ScoreStateStore} contract on PostgreSQL. */
class PostgresScoreStateStoreContractTest extends ScoreStateStoreContract {
  @Override
  protected ScoreStateStore newStore() {
    return TestDatabases.stores(Dialect.POSTGRESQL, getClass().getName()).build().scoreStateStore();
  }
}
