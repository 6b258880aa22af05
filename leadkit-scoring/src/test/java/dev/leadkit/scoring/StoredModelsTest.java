package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.json.ScoringJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring models published to the stores' definition store when an engine is built. */
class StoredModelsTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private final Stores stores = InMemory.stores();
  private final DefinitionStore definitions = stores.port(DefinitionStore.class).orElseThrow();

  private static ScoringModel model(int version, int points) {
    return ScoringModel.custom("engagement").version(version)
        .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), points).build();
  }

  private ScoringPlugin engine(ScoringModel model) {
    ScoringPlugin scoring = ScoringPlugin.builder().model(model).build();
    LeadKit.builder().clock(clock).stores(stores).install(scoring).build();
    return scoring;
  }

  @Test
  void eachModelIsStoredUnderItsNameAndVersionOnce() {
    engine(model(1, 2));
    engine(model(1, 2));
    StoredDefinition d = definitions.latest(DefinitionStore.SCORING_MODEL, "engagement")
        .orElseThrow();
    assertThat(d.version()).isEqualTo(1);
    assertThat(ScoringJson.readModel(d.json())).isEqualTo(model(1, 2));
    assertThat(definitions.revision()).isEqualTo(1);
  }

  @Test
  void aChangedModelUnderAStoredVersionFailsTheBuildAndIsNotStored() {
    engine(model(1, 2));
    List<StoredDefinition> before = definitions.all(DefinitionStore.SCORING_MODEL);
    assertThatThrownBy(() -> engine(model(1, 5)))
        .isInstanceOf(DefinitionConflictException.class).hasMessageContaining("engagement");
    assertThat(definitions.all(DefinitionStore.SCORING_MODEL)).isEqualTo(before);
  }

  @Test
  void anEngineWithAnOlderVersionKeepsScoringWithItsOwnModel() {
    engine(model(2, 5));
    ScoringPlugin old = engine(model(1, 2));
    assertThat(old.model("engagement").model().version()).isEqualTo(1);
    assertThat(definitions.latest(DefinitionStore.SCORING_MODEL, "engagement").orElseThrow()
        .version()).isEqualTo(2);
    assertThat(definitions.find(DefinitionStore.SCORING_MODEL, "engagement", 1)).isPresent();
  }
}
