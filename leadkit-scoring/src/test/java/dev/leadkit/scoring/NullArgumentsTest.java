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
}
