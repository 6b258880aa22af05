package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityFollowTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final Identity identity = Identity.ofDefaults();
  private final ScoringPlugin scoring = ScoringPlugin.builder().model(Seed001.model()).build();
  private final LeadKit kit = LeadKit.builder().clock(clock).install(identity).install(scoring)
      .build();
  private final List<ThresholdCrossed> handOffs = new ArrayList<>();

  {
    scoring.onHandOff(handOffs::add);
  }

  private double score(LeadId lead) {
    return kit.require(lead).score("engagement").map(Score::value).orElse(0.0);
  }

  private void view(LeadId lead, String url) {
    kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).url(url)
        .build());
  }

  @Test
  void anonymousBrowsingCountsOnceTheVisitorIsKnown() {
    VisitorId cookie = VisitorId.of("cookie-1");
    for (int i = 0; i < 3; i++) {
      kit.track(Touchpoint.forVisitor(cookie, TouchpointType.PAGE_VIEW, clock.instant())
          .url("/request/form").build());
    }
    LeadId lead = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead().id();
    assertThat(score(lead)).isZero();
    identity.identify(cookie, lead);
    assertThat(score(lead)).isEqualTo(15.0);
    view(lead, "/request/form");
    assertThat(score(lead)).isEqualTo(20.0);
    assertThat(handOffs).singleElement().extracting(ThresholdCrossed::lead).isEqualTo(lead);
  }

  @Test
  void mergedLeadsAreHandedOffOnTheirJointScoreAndUndoSplitsThemAgain() {
    LeadId card = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead().id();
    LeadId web = kit.upsertLead(LeadInput.email("t.yamada@example.co.jp").build()).lead().id();
    view(card, "/request/a");
    view(card, "/request/b");
    view(web, "/request/c");
    view(web, "/request/d");
    assertThat(handOffs).isEmpty();

    MergeRecord merge = identity.merge(MergeRequest.of(card, web, "sales", "same person")
        .forced());
    assertThat(score(card)).isEqualTo(20.0);
    assertThat(scoring.stateStore().find(web, "engagement")).isEmpty();
    assertThat(handOffs).singleElement().extracting(ThresholdCrossed::lead).isEqualTo(card);
    assertThat(kit.require(card).stage()).isEqualTo(LifecycleStage.MQL);

    identity.undo(merge.id(), "sales", "not the same person after all");
    assertThat(score(card)).isEqualTo(10.0);
    assertThat(score(web)).isEqualTo(10.0);
    assertThat(scoring.stateStore().find(web, "engagement")).isPresent();
  }

  @Test
  void erasedLeadLeavesNoScoringState() {
    LeadId lead = kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead().id();
    view(lead, "/products/a");
    assertThat(scoring.stateStore().find(lead, "engagement")).isPresent();
    identity.erase(lead, "dpo", "request");
    assertThat(scoring.stateStore().find(lead, "engagement")).isEmpty();
  }
}
