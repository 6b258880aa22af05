package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(14));
  private static final ScoringModel ONE_PER_VIEW = ScoringModel.custom("engagement")
      .behaviour("view", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
      .threshold(Threshold.at(20))
      .build();

  private final List<LeadHistory> history = new ArrayList<>();
  private final List<DealOutcome> outcomes = new ArrayList<>();

  /**
   * 7 leads for each peak score 1..30 (one view per point, one an hour from the period's start).
   * Every lead that reached 15 or more became a deal (alternately won and lost); below 15, only
   * one lead at 5 and one at 10 did. So 15 is the lowest threshold with perfect precision.
   */
  CalibrationTest() {
    for (int peak = 1; peak <= 30; peak++) {
      for (int k = 0; k < 7; k++) {
        LeadId id = LeadId.of("p" + peak + "-" + k);
        Lead lead = Lead.create(id, EmailAddress.parse(id.value() + "@example.com"),
            Attributes.empty(), FROM);
        List<Touchpoint> ts = new ArrayList<>();
        // one old view before the period: it counts for the score but not as a hand-off time
        ts.add(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, FROM.minus(Duration.ofDays(3)))
            .id(id.value() + "-old").url("/").build());
        for (int v = 1; v < peak; v++) {
          ts.add(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, FROM.plus(Duration.ofHours(v)))
              .id(id.value() + "-" + v).url("/").build());
        }
        history.add(new LeadHistory(lead, ts));
        boolean deal = peak >= 15 || (k == 0 && (peak == 5 || peak == 10));
        if (deal) {
          Instant at = TO.minus(Duration.ofDays(1));
          outcomes.add(k % 2 == 0 ? DealOutcome.won(id, at) : DealOutcome.lost(id, at));
        }
      }
    }
  }

  private CalibrationReport report() {
    return Calibration.of(ONE_PER_VIEW).history(history).outcomes(outcomes).period(FROM, TO)
        .run();
  }

  @Test
  void bestPrecisionAtATargetVolumeFindsTheKnownThreshold() {
    CalibrationReport r = report();
    CalibrationReport.ThresholdRow best = r.suggestForPrecision(20).orElseThrow();
    assertThat(best.threshold()).isEqualTo(15.0);
    assertThat(best.precision()).isEqualTo(1.0);
    assertThat(best.handOffs()).isEqualTo(16 * 7);
    assertThat(best.perWeek()).isEqualTo(56.0);
    // asking for more volume than a perfect threshold gives costs precision
    CalibrationReport.ThresholdRow more = r.suggestForPrecision(60).orElseThrow();
    assertThat(more.threshold()).isLessThan(15.0);
    assertThat(more.precision()).isLessThan(1.0);
    assertThat(r.suggestForPrecision(1000)).isEmpty();
  }

  @Test
  void capacityGivesTheThresholdThatWouldHaveProducedThatManyAWeek() {
    CalibrationReport r = report();
    // threshold T hands over 7 * (31 - T) leads in 2 weeks: 35 a week at T = 21
    CalibrationReport.ThresholdRow fifty = r.suggestForCapacity(35).orElseThrow();
    assertThat(fifty.threshold()).isEqualTo(21.0);
    assertThat(fifty.perWeek()).isEqualTo(35.0);
    assertThat(r.suggestForCapacity(1).orElseThrow().threshold()).isEqualTo(30.0);
  }

  @Test
  void conversionByBandShowsWhereDealsComeFrom() {
    CalibrationReport r = report();
    assertThat(r.leads()).isEqualTo(203); // leads at 1 point had no touchpoint in the period
    assertThat(r.bands()).extracting(CalibrationReport.BandRow::low)
        .containsExactly(30.0, 20.0, 10.0, 0.0);
    CalibrationReport.BandRow twenties = r.bands().get(1);
    assertThat(twenties.leads()).isEqualTo(70);
    assertThat(twenties.conversion()).isEqualTo(1.0);
    assertThat(twenties.won() + twenties.lost()).isEqualTo(70);
    CalibrationReport.BandRow teens = r.bands().get(2);
    assertThat(teens.leads()).isEqualTo(70);
    assertThat(teens.won() + teens.lost()).isEqualTo(36); // peaks 15..19 plus the one at 10
    assertThat(r.bands().get(3).won() + r.bands().get(3).lost()).isEqualTo(1);
  }

  @Test
  void dealsDecidedBeforeTheLeadReachedTheScoreDoNotCount() {
    List<DealOutcome> early = outcomes.stream()
        .map(d -> new DealOutcome(d.lead(), d.result(), FROM.minus(Duration.ofDays(1))))
        .toList();
    CalibrationReport r = Calibration.of(ONE_PER_VIEW).history(history).outcomes(early)
        .period(FROM, TO).run();
    assertThat(r.curve()).allMatch(row -> row.conversions() == 0);
  }

  @Test
  void wonOnlyCountsWonDeals() {
    CalibrationReport r = Calibration.of(ONE_PER_VIEW).history(history).outcomes(outcomes)
        .period(FROM, TO).wonOnly().run();
    CalibrationReport.ThresholdRow at15 = r.at(15).orElseThrow();
    assertThat(at15.conversions()).isEqualTo(at15.won()).isEqualTo(16 * 4);
  }
}
