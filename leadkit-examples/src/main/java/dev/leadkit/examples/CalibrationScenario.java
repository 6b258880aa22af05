package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.Backtest;
import dev.leadkit.scoring.BacktestComparison;
import dev.leadkit.scoring.BacktestReport;
import dev.leadkit.scoring.Calibration;
import dev.leadkit.scoring.CalibrationReport;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.DealOutcome;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.LeadHistory;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibration: leads with a hidden buying intent browse for 120 days; sales gets the ones the
 * seed 001 model hands over, and intent decides (deterministically) which of them become won
 * deals. From that record: conversion by score band, the suggested thresholds, and a backtest
 * of the current model against a candidate.
 */
final class CalibrationScenario implements Scenario {
  static final int DAYS = 120;
  private final int leads;
  private final int jdbcLeads;

  CalibrationScenario(int leads, int jdbcLeads) {
    this.leads = leads;
    this.jdbcLeads = jdbcLeads;
  }

  @Override
  public String name() {
    return "calibration";
  }

  @Override
  public String title() {
    return "Calibration: which hand-offs became deals -> conversion by band, suggested "
        + "threshold, backtest of two models";
  }

  /** The candidate: requests weigh more, the home page less, threshold 25. */
  static ScoringModel candidate() {
    TouchpointFilter views = TouchpointFilter.of(TouchpointType.PAGE_VIEW);
    return ScoringModel.custom("engagement-v2")
        .behaviour("home", views.url("/"), 0.5, Caps.none().perDay(1))
        .behaviour("product", views.url("/products/**"), 3)
        .behaviour("request", views.url("/request/**"), 8)
        .decay(Decay.halfLife(Duration.ofDays(10)))
        .threshold(Threshold.at(25).hysteresis(5).coolDown(Duration.ofDays(30)))
        .build();
  }

  @Override
  public void run(DemoEnv env, Report out) {
    long started = System.nanoTime();
    int n = env.stores.isPresent() ? jdbcLeads : leads;
    if (n != leads) {
      out.line("(--jdbc: %d leads instead of %d, to keep the demo short on a database)", n,
          leads);
    }
    ScoringModel current = ScoringScenario.engagement();
    ScoringPlugin scoring = env.scoring().model(current).build();
    LeadKit kit = env.register(env.kitBuilder().install(scoring).build());
    Instant from = env.clock.instant();
    Instant to = from.plus(Duration.ofDays(DAYS));
    LeadId[] ids = new LeadId[n];
    double[] intent = new double[n];
    Map<LeadId, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      double u = ProgramsScenario.draw(i, 101, 0);
      intent[i] = u < 0.12 ? 0.9 : u < 0.45 ? 0.4 : 0.1;
      ids[i] = kit.upsertLead(LeadInput.email("buyer" + i + "@calibration.example").build())
          .lead().id();
      index.put(ids[i], i);
    }
    List<DealOutcome> deals = new ArrayList<>();
    int[] handOffs = {0};
    scoring.onHandOff(e -> {
      handOffs[0]++;
      int i = index.get(e.lead());
      Instant closed = e.scoredAt().plus(Duration.ofDays(21));
      // sales works every hand-over; intent decides whether it becomes a deal, won or lost
      if (closed.isBefore(to) && ProgramsScenario.draw(i, 102, 0) < intent[i] * 0.7) {
        deals.add(ProgramsScenario.draw(i, 105, 0) < 0.5 ? DealOutcome.won(e.lead(), closed)
            : DealOutcome.lost(e.lead(), closed));
      }
    });
    for (int d = 0; d < DAYS; d++) {
      List<Touchpoint> day = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // each lead has a two-week research burst; intent sets how busy it is and what it reads
        int burst = (int) (ProgramsScenario.draw(i, 106, 0) * (DAYS - 14));
        boolean inBurst = d >= burst && d < burst + 14;
        double visit = inBurst ? 0.1 + 0.6 * intent[i] : 0.03;
        if (ProgramsScenario.draw(i, 103, d) < visit) {
          int pages = ProgramsScenario.draw(i, 107, d) < intent[i] ? 2 : 1;
          for (int p = 0; p < pages; p++) {
            double u = ProgramsScenario.draw(i, 104 + 10 * p, d);
            String url = u < 0.8 - 0.6 * intent[i] ? "/" : u < 0.95 - 0.4 * intent[i]
                ? "/products/erp" : "/request/demo";
            day.add(Touchpoint.forLead(ids[i], TouchpointType.PAGE_VIEW,
                env.clock.instant().plus(Duration.ofHours(10).plusMinutes(p))).url(url)
                .build());
          }
        }
      }
      env.clock.advance(Duration.ofHours(10));
      kit.trackAll(day);
      env.clock.advance(Duration.ofHours(14));
      kit.runDue();
    }
    long won = deals.stream().filter(x -> x.result() == DealOutcome.Result.WON).count();
    out.line("%d leads, %d days: %d hand-offs at 20 points; %d of them became deals "
        + "closed within the period (%d won, %d lost)", n, DAYS, handOffs[0], deals.size(), won, deals.size() - won);

    List<LeadHistory> history = scoring.history();
    CalibrationReport report = Calibration.of(current).history(history).outcomes(deals)
        .period(from, to).run();
    out.line("Conversion by band of the peak engagement score:");
    Report.Table bands = out.table("peak score", "leads", "won", "lost", "conversion");
    for (CalibrationReport.BandRow b : report.bands()) {
      if (b.leads() > 0) {
        bands.row(String.format("%.0f-%.0f", b.low(), b.high()), b.leads(), b.won(), b.lost(),
            String.format("%.1f%%", b.conversion() * 100));
      }
    }
    bands.print();
    out.line("What a threshold would have done (%.1f weeks):", report.weeks());
    Report.Table curve = out.table("threshold", "hand-offs", "converted", "won", "precision",
        "per week");
    java.util.Set<CalibrationReport.ThresholdRow> shown = new java.util.LinkedHashSet<>();
    for (double th : new double[] {40, 35, 30, 25, 20, 15, 10}) {
      report.at(th).ifPresent(shown::add);
    }
    for (CalibrationReport.ThresholdRow r : shown) {
      curve.row(String.format("%.1f", r.threshold()),
          r.handOffs(), r.conversions(), r.won(), String.format("%.1f%%", r.precision() * 100),
          String.format("%.1f", r.perWeek()));
    }
    curve.print();
    report.suggestForPrecision(5).ifPresent(r -> out.line(
        "Suggested for precision (at least 5 hand-offs a week): threshold %.1f -> %.1f%% "
            + "precision, %.1f a week", r.threshold(), r.precision() * 100, r.perWeek()));
    report.suggestForCapacity(10).ifPresent(r -> out.line(
        "Suggested for capacity (sales can take 10 a week): threshold %.1f -> %.1f a week, "
            + "%.1f%% precision", r.threshold(), r.perWeek(), r.precision() * 100));

    BacktestReport a = Backtest.of(current).history(history).outcomes(deals).period(from, to)
        .run();
    BacktestReport b = Backtest.of(candidate()).history(history).outcomes(deals)
        .period(from, to).run();
    BacktestComparison cmp = Backtest.compare(a, b);
    out.line("Backtest on the same history: current %s (threshold 20) vs candidate %s "
        + "(threshold 25)", a.model(), b.model());
    Report.Table bt = out.table("model", "hand-offs", "leads", "deals", "precision",
        "per week");
    for (BacktestReport r : List.of(a, b)) {
      bt.row(r.model(), r.handOffs().size(), r.leadsHandedOff(), r.deals(),
          String.format("%.1f%%", r.precision() * 100), String.format("%.1f", r.perWeek()));
    }
    bt.print();
    out.line("Per week, side by side (hand-offs, and the deals among them; days in %s):",
        Report.ZONE);
    String ma = cmp.a().model();
    String mb = cmp.b().model();
    Report.Table wt = out.table("week from", ma + " hand-offs", ma + " deals",
        mb + " hand-offs", mb + " deals");
    int[] total = new int[4];
    for (BacktestComparison.Row r : cmp.rows()) {
      wt.row(Report.day(r.start()), r.aHandOffs(), r.aDeals(), r.bHandOffs(), r.bDeals());
      total[0] += r.aHandOffs();
      total[1] += r.aDeals();
      total[2] += r.bHandOffs();
      total[3] += r.bDeals();
    }
    wt.row("total", total[0], total[1], total[2], total[3]);
    wt.print();
    out.line("calibration: %d ms", (System.nanoTime() - started) / 1_000_000);
  }
}
