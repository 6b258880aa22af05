package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Segments read scores and grades from the lead, without depending on the scoring module. */
class SegmentsIntegrationTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final ScoringModel fit = ScoringModel.custom("fit")
      .fit("manager", Predicates.attribute(AttributeKey.TITLE).contains("manager"), 30)
      .bands(Band.letters(30, 20, 10))
      .build();
  private final ScoringPlugin scoring = ScoringPlugin.builder().model(Seed001.model()).model(fit)
      .grade(Grade.of("fit", "engagement")).build();
  private final SegmentsPlugin segments = SegmentsPlugin.inMemory();
  // scoring runs before segments, so segments see the scores a touchpoint produced
  private final LeadKit kit = LeadKit.builder().clock(clock).install(scoring).install(segments)
      .build();

  @Test
  void hotSegmentFollowsHandOffAndDecay() {
    SegmentId hot = segments.define(SegmentDefinition.parse("hot", "Visit now",
        "score(engagement) band is \"1\"")).segment();
    SegmentId a1 = segments.define(SegmentDefinition.parse("a1", "Best grade",
        "score(grade) band in (\"A1\", \"A2\")")).segment();
    LeadId lead = kit.upsertLead(LeadInput.email("buyer@example.com")
        .attribute(AttributeKey.TITLE, "sales manager").build()).lead().id();
    for (int i = 0; i < 4; i++) {
      kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant())
          .url("/request/form").build());
    }
    assertThat(segments.isMember(hot, lead)).isTrue();
    assertThat(segments.isMember(a1, lead)).isTrue();

    clock.advance(Duration.ofDays(3));
    kit.runDue(); // 20 decays below band 1's minimum (20) at once: the snapshot follows
    assertThat(segments.isMember(hot, lead)).isFalse();
    assertThat(segments.isMember(a1, lead)).isTrue(); // A2 now
    clock.advance(Duration.ofDays(10));
    kit.runDue();
    assertThat(segments.isMember(a1, lead)).isFalse(); // A3
    assertThat(kit.require(lead).score("grade").flatMap(s -> s.band())).contains("A3");
  }
}
