package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {
  private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(84));

  private final List<LeadHistory> history = new ArrayList<>();
  private final List<DealOutcome> outcomes = new ArrayList<>();

  /**
   * 10 "hot" leads view the request page five times in one morning of week i (just under 25
   * points after a few hours of decay: a hand-off)
   * and become deals two weeks later; 10 "browsers" view a product page every 3 days (3 points,
   * 10-day half-life: they level off near 16) and never buy.
   */
  BacktestTest() {
    for (int i = 0; i < 10; i++) {
      LeadId hot = LeadId.of("hot-" + i);
      List<Touchpoint> ts = new ArrayList<>();
      Instant day = FROM.plus(Duration.ofDays(7L * i + 1));
      for (int v = 0; v < 5; v++) {
        ts.add(Touchpoint.forLead(hot, TouchpointType.PAGE_VIEW, day.plus(Duration.ofHours(v)))
            .id(hot.value() + "-" + v).url("/request/brochure").build());
      }
      history.add(new LeadHistory(lead(hot), ts));
      outcomes.add(i % 3 == 0 ? DealOutcome.lost(hot, day.plus(Duration.ofDays(14)))
          : DealOutcome.won(hot, day.plus(Duration.ofDays(14))));

      LeadId browser = LeadId.of("browser-" + i);
      List<Touchpoint> bs = new ArrayList<>();
      for (int d = 0; d < 84; d += 3) {
        bs.add(Touchpoint.forLead(browser, TouchpointType.PAGE_VIEW,
            FROM.plus(Duration.ofDays(d).plusHours(i))).id(browser.value() + "-" + d)
            .url("/products/erp").build());
      }
      history.add(new LeadHistory(lead(browser), bs));
    }
  }

  private static Lead lead(LeadId id) {
    return Lead.create(id, EmailAddress.parse(id.value() + "@example.com"), Attributes.empty(),
        FROM);
  }

  @Test
  void seedModelHandsOffTheHotLeadsWeekByWeekAndTheyBecomeDeals() {
    BacktestReport r = Backtest.of(Seed001.model()).history(history).outcomes(outcomes)
        .period(FROM, TO).run();
    assertThat(r.handOffs()).hasSize(10);
    assertThat(r.handOffs()).allMatch(h -> h.lead().value().startsWith("hot-"));
    assertThat(r.deals()).isEqualTo(10);
    assertThat(r.precision()).isEqualTo(1.0);
    assertThat(r.buckets()).hasSize(12);
    assertThat(r.buckets().subList(0, 10)).allMatch(b -> b.handOffs() == 1 && b.deals() == 1);
    assertThat(r.buckets().stream().mapToInt(BacktestReport.Bucket::won).sum()).isEqualTo(6);
  }

  @Test
  void lowerCandidateThresholdIsComparedSideBySide() {
    ScoringModel candidate = ScoringModel.from(Seed001.model()).version(2).build();
    ScoringModel lower = new ScoringModel(candidate.name(), candidate.version(),
        candidate.behaviour(), candidate.fit(), candidate.decay(),
        List.of(Threshold.at(15).hysteresis(5).coolDown(Duration.ofDays(30))),
        candidate.bands());
    BacktestReport a = Backtest.of(Seed001.model()).history(history).outcomes(outcomes)
        .period(FROM, TO).run();
    BacktestReport b = Backtest.of(lower).history(history).outcomes(outcomes)
        .period(FROM, TO).run();
    assertThat(b.leadsHandedOff()).isEqualTo(20);
    assertThat(b.deals()).isEqualTo(10);
    assertThat(b.precision()).isLessThan(a.precision());
    BacktestComparison cmp = Backtest.compare(a, b);
    assertThat(cmp.rows()).hasSize(12);
    assertThat(cmp.rows().stream().mapToInt(BacktestComparison.Row::aHandOffs).sum())
        .isEqualTo(10);
    assertThat(cmp.rows().stream().mapToInt(BacktestComparison.Row::bDeals).sum())
        .isEqualTo(10);
    assertThat(cmp.toTable()).contains("engagement v1").contains("engagement v2")
        .contains("total");
  }

  @Test
  void decayAndCoolDownShapeRepeatedHandOffs() {
    // one lead bursting every 5 weeks: with a 30-day cool-down each burst is a new hand-off,
    // because decay takes it below 15 in between and the simulated clock notices
    LeadId id = LeadId.of("bursty");
    List<Touchpoint> ts = new ArrayList<>();
    for (int burst = 0; burst < 3; burst++) {
      for (int v = 0; v < 5; v++) {
        ts.add(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW,
            FROM.plus(Duration.ofDays(35L * burst).plusHours(v))).id("b" + burst + v)
            .url("/request/x").build());
      }
    }
    BacktestReport r = Backtest.of(Seed001.model()).history(List.of(new LeadHistory(lead(id),
        ts))).period(FROM, TO.plus(Duration.ofDays(30))).run();
    assertThat(r.handOffs()).hasSize(3);
    ScoringModel noCoolDownButNoDecay = ScoringModel.from(Seed001.model()).version(3)
        .decay(Decay.none()).build();
    BacktestReport flat = Backtest.of(noCoolDownButNoDecay).history(List.of(
        new LeadHistory(lead(id), ts))).period(FROM, TO.plus(Duration.ofDays(30))).run();
    assertThat(flat.handOffs()).hasSize(1);
  }
}
