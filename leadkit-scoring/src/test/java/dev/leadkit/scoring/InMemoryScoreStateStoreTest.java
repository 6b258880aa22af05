package dev.leadkit.scoring;

import dev.leadkit.scoring.testkit.ScoreStateStoreContract;

class InMemoryScoreStateStoreTest extends ScoreStateStoreContract {
  @Override
  protected ScoreStateStore newStore() {
    return ScoreStateStore.inMemory();
  }
}
