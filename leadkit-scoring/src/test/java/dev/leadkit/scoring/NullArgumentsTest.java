package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.testkit.NullArguments;
import dev.leadkit.core.time.ManualClock;
import org.junit.jupiter.api.Test;

/** A null passed where none is allowed is refused with a typed exception naming the parameter. */
class NullArgumentsTest {
  @Test
  void scoringPluginRefusesEveryNullArgumentNamingTheParameter() {
    ScoringPlugin scoring = ScoringPlugin.builder().model(Seed001.model()).build();
    LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z"))
        .install(scoring).build();
    LeadId lead = kit.upsertLead(LeadInput.email("sample@example.com").build()).lead().id();

    int checked = NullArguments.custom()
        .sample(LeadId.class, () -> lead)
        .sample(String.class, () -> Seed001.model().name())
        // install is the plugin lifecycle, called by LeadKit.Builder with its own arguments
        .skip("install")
        .check(ScoringPlugin.class, scoring);

    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theScoringBuildersRefuseNullNamingTheSetter() {
    int checked = NullArguments.custom()
        .sample(ScoringModel.class, Seed001::model)
        .sample(Grade.class, () -> Grade.of("fit", "engagement"))
        .sample(ScoreStateStore.class, ScoreStateStore::inMemory)
        .check(ScoringPlugin.Builder.class, ScoringPlugin.builder());
    checked += NullArguments.custom()
        .sample(String.class, () -> "rule")
        .sample(dev.leadkit.core.predicate.TouchpointFilter.class,
            () -> dev.leadkit.core.predicate.TouchpointFilter.of(
                dev.leadkit.core.touch.TouchpointType.PAGE_VIEW))
        .sample(Caps.class, () -> Seed001.model().behaviour().get(0).caps())
        .sample(BehaviourRule.class, () -> Seed001.model().behaviour().get(0))
        .sample(dev.leadkit.core.predicate.Predicate.class,
            () -> dev.leadkit.core.predicate.Predicates.score("engagement").atLeast(1))
        .sample(FitRule.class, () -> new FitRule("fit-rule",
            dev.leadkit.core.predicate.Predicates.score("engagement").atLeast(1), 1))
        .sample(Decay.class, Decay::none)
        .sample(Threshold.class, () -> Threshold.at(20))
        .sample(java.util.List.class, () -> java.util.List.of())
        .sample(Band[].class, () -> new Band[0])
        .check(ScoringModel.Builder.class, ScoringModel.custom("sample"));
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }
}
