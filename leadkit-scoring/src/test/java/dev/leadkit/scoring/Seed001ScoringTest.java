package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Seed001ScoringTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final ScoringPlugin scoring = ScoringPlugin.builder().model(Seed001.model()).build();
  private final LeadKit kit = LeadKit.builder().clock(clock).install(scoring).build();
  private final List<ThresholdCrossed> crossings = new ArrayList<>();

  {
    scoring.onThresholdCrossed(crossings::add);
  }

  private LeadId lead(String email) {
    return kit.upsertLead(LeadInput.email(email).build()).lead().id();
  }

  private void view(LeadId lead, String url) {
    kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant()).url(url)
        .build());
  }

  private double stored(LeadId lead) {
    return kit.require(lead).score("engagement").map(Score::value).orElse(0.0);
  }

  @Test
  void leadCrossingTwentyPointsIsHandedToSalesAndBecomesMql() {
    LeadId taro = lead("taro@example.co.jp");
    view(taro, "https://example.co.jp/");
    view(taro, "/products/erp");
    view(taro, "/products/crm");
    view(taro, "/products/erp?tab=price");
    assertThat(crossings).isEmpty();
    view(taro, "/request/brochure");
    assertThat(crossings).isEmpty(); // 1 + 9 + 5 = 15
    view(taro, "/request/brochure");

    assertThat(stored(taro)).isEqualTo(20.0);
    assertThat(crossings).singleElement().satisfies(e -> {
      assertThat(e.isHandOff()).isTrue();
      assertThat(e.lead()).isEqualTo(taro);
      assertThat(e.model()).isEqualTo("engagement");
      assertThat(e.threshold()).isEqualTo(20.0);
      assertThat(e.value()).isEqualTo(20.0);
    });
    Lead lead = kit.require(taro);
    assertThat(lead.stage()).isEqualTo(LifecycleStage.MQL);
    assertThat(lead.score("engagement").flatMap(Score::band)).contains("1");
  }

  @Test
  void leadThatOnlyBrowsesTheHomePageIsNeverHandedOverOnceDecayApplies() {
    LeadId hanako = lead("hanako@example.co.jp");
    double highest = 0;
    for (int day = 0; day < 365; day++) {
      for (int visit = 0; visit < 5; visit++) {
        view(hanako, "/");
        clock.advance(Duration.ofMinutes(10));
      }
      highest = Math.max(highest, stored(hanako));
      clock.advance(Duration.ofDays(1).minusMinutes(50));
      kit.runDue();
    }
    assertThat(crossings).isEmpty();
    assertThat(kit.require(hanako).stage()).isEqualTo(LifecycleStage.KNOWN);
    // one point a day with a 10-day half-life levels off at 1 / (1 - 2^(-1/10)) = 14.9
    assertThat(highest).isLessThan(15.0).isGreaterThan(14.0);
  }

  @Test
  void withoutDecayTheSameHomePageBrowsingWouldHaveCrossed() {
    ScoringModel noDecay = ScoringModel.from(Seed001.model()).decay(Decay.none()).build();
    CompiledModel m = noDecay.compile();
    ScoreState s = m.newState(LeadId.of("x"));
    List<Boolean> ups = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      m.score(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW,
          clock.instant().plus(Duration.ofDays(day))).url("/").build(),
          (i, t, up, v, at) -> ups.add(up));
    }
    assertThat(ups).containsExactly(true);
  }

  @Test
  void decayBelowTheThresholdIsNoticedWhenTimePassesWithoutATouchpoint() {
    LeadId taro = lead("taro@example.co.jp");
    for (int i = 0; i < 4; i++) {
      view(taro, "/request/form");
    }
    assertThat(crossings).hasSize(1);
    // 20 points with a 10-day half-life in daily steps: 15.2 after 4 days, 14.1 after 5
    clock.advance(Duration.ofDays(4));
    kit.runDue();
    assertThat(crossings).hasSize(1);
    clock.advance(Duration.ofDays(1));
    kit.runDue();
    assertThat(crossings).hasSize(2);
    ThresholdCrossed down = crossings.get(1);
    assertThat(down.direction()).isEqualTo(ThresholdCrossed.Direction.DOWN);
    assertThat(down.value()).isEqualTo(20 * Math.pow(2, -0.5), within(1e-9));
    // noticed at the UTC midnight that began the fifth day, before runDue ran at 09:00
    assertThat(down.scoredAt()).isEqualTo(Instant.parse("2026-04-06T00:00:00Z"));
    assertThat(down.at()).isEqualTo(clock.instant());
    Score snapshot = kit.require(taro).score("engagement").orElseThrow();
    assertThat(snapshot.value()).isEqualTo(down.value());
    assertThat(snapshot.asOf()).isEqualTo(clock.instant());
    assertThat(snapshot.band()).contains("2");
  }

  @Test
  void oscillatingLeadIsNotHandedOverAgainWithinTheCoolDown() {
    LeadId taro = lead("taro@example.co.jp");
    for (int i = 0; i < 4; i++) {
      view(taro, "/request/form");
    }
    for (int week = 0; week < 3; week++) {
      clock.advance(Duration.ofDays(7));
      kit.runDue(); // falls under 15 and is re-armed
      view(taro, "/request/form");
      view(taro, "/products/a");
    }
    assertThat(crossings.stream().filter(ThresholdCrossed::isHandOff)).hasSize(1);
    clock.advance(Duration.ofDays(40));
    kit.runDue();
    for (int i = 0; i < 4; i++) {
      view(taro, "/request/form");
    }
    assertThat(crossings.stream().filter(ThresholdCrossed::isHandOff)).hasSize(2);
  }

  @Test
  void hysteresisKeepsALeadJustUnderTheThresholdFromBeingHandedOverTwice() {
    ScoringModel model = ScoringModel.from(Seed001.model()).version(2).build();
    CompiledModel m = model.compile();
    ScoreState s = m.newState(LeadId.of("x"));
    List<Boolean> ups = new ArrayList<>();
    java.time.Instant t = clock.instant();
    for (int i = 0; i < 4; i++) {
      m.score(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, t).url("/request/x")
          .build(), (idx, th, up, v, at) -> ups.add(up));
    }
    // a day later it is under 20 but above 15: a product view takes it over 20 again
    t = t.plus(Duration.ofDays(1));
    m.score(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, t)
        .url("/products/a").build(), (idx, th, up, v, at) -> ups.add(up));
    assertThat(m.valueAt(s, t)).isGreaterThan(20.0);
    assertThat(ups).containsExactly(true);
  }

  @Test
  void capsLimitHomePagePointsToOnePerDay() {
    LeadId taro = lead("taro@example.co.jp");
    for (int i = 0; i < 10; i++) {
      view(taro, "/");
    }
    assertThat(stored(taro)).isEqualTo(1.0);
    ScoreExplanation why = scoring.explain(taro, "engagement");
    assertThat(why.of("home")).hasSize(10);
    assertThat(why.of("home").stream().filter(c -> c.cap().equals(Optional.of("day"))))
        .hasSize(9);
  }

  @Test
  void explanationListsEveryContributionWithItsDecay() {
    LeadId taro = lead("taro@example.co.jp");
    view(taro, "/products/a");
    clock.advance(Duration.ofDays(10));
    view(taro, "/request/b");
    ScoreExplanation why = scoring.explain(taro, "engagement");
    assertThat(why.contributions()).hasSize(2);
    assertThat(why.of("product").get(0).decayFactor()).isEqualTo(0.5);
    assertThat(why.of("product").get(0).current()).isEqualTo(1.5);
    assertThat(why.of("request").get(0).current()).isEqualTo(5.0);
    assertThat(why.value()).isEqualTo(6.5);
    assertThat(why.value()).isEqualTo(scoring.currentScore(taro, "engagement").orElseThrow()
        .value());
  }

  @Test
  void fitRulesScoreTheProfileAndFollowItsChanges() {
    ScoringModel fit = ScoringModel.custom("fit")
        .fit("manager", Predicates.attribute(AttributeKey.TITLE).contains("manager"), 15)
        .fit("industry", PredicateText.parse("industry in (\"manufacturing\", \"it\")"), 10)
        .fit("big", Predicates.attribute(AttributeKey.COMPANY_SIZE).ge(300), 10)
        .fit("student", Predicates.attribute(AttributeKey.ROLE).eq("student"), -30)
        .bands(Band.letters(30, 20, 10))
        .build();
    ScoringPlugin plugin = ScoringPlugin.builder().model(Seed001.model()).model(fit)
        .grade(Grade.of("fit", "engagement")).build();
    LeadKit k = LeadKit.builder().clock(clock).install(plugin).build();
    LeadId id = k.upsertLead(LeadInput.email("buyer@example.com")
        .attribute(AttributeKey.TITLE, "IT manager").attribute(AttributeKey.INDUSTRY, "it")
        .build()).lead().id();
    Lead lead = k.require(id);
    assertThat(lead.score("fit").map(Score::value)).contains(25.0);
    assertThat(lead.score("grade").flatMap(Score::band)).contains("B4");
    assertThat(lead.score("grade").map(Score::value)).contains(8.0);

    k.upsertLead(LeadInput.email("buyer@example.com")
        .attribute(AttributeKey.COMPANY_SIZE, dev.leadkit.core.lead.AttributeValue.number(500))
        .build());
    for (int i = 0; i < 3; i++) {
      k.track(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, clock.instant())
          .url("/request/x").build());
    }
    lead = k.require(id);
    assertThat(lead.score("fit").map(Score::value)).contains(35.0);
    assertThat(lead.score("engagement").map(Score::value)).contains(15.0);
    assertThat(lead.score("grade").flatMap(Score::band)).contains("A2");
    assertThat(lead.score("grade").map(Score::value)).contains(2.0);
    // segments read the grade without knowing about scoring
    assertThat(PredicateText.parse("score(grade) band in (\"A1\", \"A2\") and score(fit) >= 30")
        .compile().test(dev.leadkit.core.predicate.EvaluationInput.of(lead, List.of(),
            clock.instant()))).isTrue();

    k.upsertLead(LeadInput.email("buyer@example.com")
        .attribute(AttributeKey.ROLE, "student").build());
    assertThat(k.require(id).score("fit").map(Score::value)).contains(5.0);
    assertThat(k.require(id).score("grade").flatMap(Score::band)).contains("D2");
  }

  @Test
  void negativePointsLowerTheScoreAndNeverDecay() {
    ScoringModel model = ScoringModel.from(Seed001.model())
        .behaviour("careers", dev.leadkit.core.predicate.TouchpointFilter
            .of(TouchpointType.PAGE_VIEW).url("/careers/**"), -10, Caps.oncePerLead())
        .behaviour("unsubscribe", dev.leadkit.core.predicate.TouchpointFilter
            .of(TouchpointType.EMAIL_UNSUBSCRIBED), -20)
        .build();
    CompiledModel m = model.compile();
    ScoreState s = m.newState(LeadId.of("x"));
    java.time.Instant t = clock.instant();
    m.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, t).url("/careers/a")
        .build());
    m.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, t).url("/careers/b")
        .build());
    m.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, t).url("/request/b")
        .build());
    assertThat(m.valueAt(s, t)).isEqualTo(-5.0);
    assertThat(m.valueAt(s, t.plus(Duration.ofDays(365)))).isLessThan(-9.99);
  }

  @Test
  void newModelVersionRescoresLeadsFromTheirHistory() {
    LeadId taro = lead("taro@example.co.jp");
    view(taro, "/products/a");
    view(taro, "/products/b");
    assertThat(stored(taro)).isEqualTo(6.0);

    ScoringModel v2 = ScoringModel.custom("engagement").version(2)
        .behaviour("product", Seed001.PRODUCT, 10)
        .threshold(Threshold.at(20))
        .build();
    ScoringPlugin next = ScoringPlugin.builder().model(v2).stateStore(scoring.stateStore())
        .build();
    LeadKit kit2 = LeadKit.builder().clock(clock).leadStore(kit.leadStore())
        .touchpointLog(kit.touchpointLog()).install(next).build();
    List<ThresholdCrossed> seen = new ArrayList<>();
    next.onHandOff(seen::add);
    assertThat(next.rescoreAll()).isEqualTo(1);
    assertThat(kit2.require(taro).score("engagement").map(Score::value)).contains(20.0);
    assertThat(seen).hasSize(1);
    assertThat(next.stateStore().find(taro, "engagement").orElseThrow().modelVersion())
        .isEqualTo(2);
  }
}
