package dev.leadkit.scoring;

import static dev.leadkit.core.touch.TouchpointType.EMAIL_UNSUBSCRIBED;
import static dev.leadkit.core.touch.TouchpointType.PAGE_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.scoring.json.ScoringJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README section's code, compiled and run so that it cannot rot. */
class ReadmeExampleTest {
  @Test
  void readmeScoringExampleRuns() {
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    List<String> crmTasks = new ArrayList<>();

    // --- README: scoring
    ScoringModel engagement = ScoringModel.custom("engagement")
        .behaviour("home", TouchpointFilter.of(PAGE_VIEW).url("/"), 1, Caps.none().perDay(1))
        .behaviour("product", TouchpointFilter.of(PAGE_VIEW).url("/products/**"), 3)
        .behaviour("request", TouchpointFilter.of(PAGE_VIEW).url("/request/**"), 5)
        .behaviour("unsubscribed", TouchpointFilter.of(EMAIL_UNSUBSCRIBED), -20,
            Caps.oncePerLead())
        .decay(Decay.halfLife(Duration.ofDays(10)))
        .threshold(Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30))
            .setsStage(LifecycleStage.MQL))
        .bands(Band.digits(20, 10, 5))          // engagement 1..4
        .build();
    ScoringModel fit = ScoringModel.custom("fit")
        .fit("manager", Predicates.attribute(AttributeKey.TITLE).contains("manager"), 15)
        .fit("industry", PredicateText.parse("industry in (\"manufacturing\", \"it\")"), 10)
        .fit("size", Predicates.attribute(AttributeKey.COMPANY_SIZE).ge(300), 10)
        .bands(Band.letters(30, 20, 10))        // fit A..D
        .build();

    ScoringPlugin scoring = ScoringPlugin.builder().model(engagement).model(fit)
        .grade(Grade.of("fit", "engagement"))   // stored as score "grade", band "A1".."D4"
        .build();
    LeadKit kit = LeadKit.builder().clock(clock).install(scoring).build();
    scoring.onHandOff(e -> crmTasks.add("call " + e.lead() + " (score " + e.value() + ")"));

    LeadId taro = kit.upsertLead(LeadInput.email("taro@example.co.jp")
        .attribute(AttributeKey.TITLE, "IT manager").attribute(AttributeKey.INDUSTRY, "it")
        .build()).lead().id();
    for (String url : List.of("/", "/products/erp", "/products/erp", "/request/brochure",
        "/request/demo")) {
      kit.track(Touchpoint.forLead(taro, PAGE_VIEW, clock.instant()).url(url).build());
    }
    Lead lead = kit.require(taro);
    // lead.score("engagement") -> 17.0, band "2"; lead.score("grade") -> band "B2"
    ScoreExplanation why = scoring.explain(taro, "engagement");   // per rule, with decay
    clock.advance(Duration.ofDays(10));
    kit.runDue();                                 // decay crossings are noticed here
    String json = ScoringJson.write(engagement);  // versioned JSON for the host's storage
    // --- end README

    assertThat(lead.score("engagement").map(s -> s.value())).contains(17.0);
    assertThat(lead.score("engagement").flatMap(s -> s.band())).contains("2");
    assertThat(lead.score("grade").flatMap(s -> s.band())).contains("B2");
    assertThat(why.contributions()).hasSize(5);
    assertThat(crmTasks).isEmpty();
    assertThat(ScoringJson.readModel(json)).isEqualTo(engagement);
    assertThat(kit.require(taro).score("engagement").flatMap(s -> s.band())).contains("3");
  }

  @Test
  void readmeCalibrationExampleRuns() {
    ScoringModel engagement = Seed001.model();
    Instant from = Instant.parse("2026-01-05T00:00:00Z");
    Instant to = from.plus(Duration.ofDays(28));
    ManualClock clock = ManualClock.at(from);
    ScoringPlugin scoring = ScoringPlugin.builder().model(engagement).build();
    LeadKit kit = LeadKit.builder().clock(clock).install(scoring).build();
    List<DealOutcome> deals = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      LeadId id = kit.upsertLead(LeadInput.email("l" + i + "@example.com").build()).lead().id();
      for (int v = 0; v <= i / 4; v++) {
        kit.track(Touchpoint.forLead(id, PAGE_VIEW, from.plus(Duration.ofDays(i)))
            .url("/request/x").build());
      }
      if (i >= 12) {
        deals.add(DealOutcome.won(id, from.plus(Duration.ofDays(i + 10))));
      }
    }
    ScoringModel candidate = ScoringModel.from(engagement).version(2)
        .decay(Decay.halfLife(Duration.ofDays(30))).build();

    // --- README: calibration
    CalibrationReport report = Calibration.of(engagement)
        .history(scoring.history()).outcomes(deals).period(from, to).run();
    report.bands();                                     // conversion by score band
    var precise = report.suggestForPrecision(2);        // best precision, >= 2 hand-offs a week
    var capacity = report.suggestForCapacity(1);        // "sales can take 1 lead a week"
    BacktestComparison cmp = Backtest.compare(
        Backtest.of(engagement).history(scoring.history()).outcomes(deals).period(from, to).run(),
        Backtest.of(candidate).history(scoring.history()).outcomes(deals).period(from, to).run());
    String table = cmp.toTable();                       // hand-offs/deals per week, side by side
    // --- end README

    assertThat(precise.orElseThrow().threshold()).isEqualTo(20.0);
    assertThat(precise.orElseThrow().precision()).isEqualTo(1.0);
    assertThat(capacity.orElseThrow().threshold()).isEqualTo(25.0);
    assertThat(table).contains("total");
    assertThat(cmp.a().handOffs()).hasSize(8);
  }
}
