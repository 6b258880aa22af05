package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.Funnel;
import dev.leadkit.core.measure.FunnelStep;
import dev.leadkit.core.measure.KpiReport;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.MessageOutcome;
import dev.leadkit.core.measure.PipelineVelocity;
import dev.leadkit.core.measure.ProgramPerformance;
import dev.leadkit.core.measure.ProgramRow;
import dev.leadkit.core.measure.Rate;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.StageVelocity;
import dev.leadkit.core.measure.TouchpointCount;
import dev.leadkit.core.measure.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seed 003: one simulated month of lead nurturing and its KPI report (part 1), then the KPI
 * report, funnel by source, stage velocity and per journey / step / template performance over
 * everything the demo ran: every scenario's stores combined (part 2).
 */
final class KpiReportScenario implements Scenario {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final YearMonth MONTH = YearMonth.of(2025, 11);
  private static final TouchpointFilter STANDARD = TouchpointFilter.ofTypes(
      TouchpointType.STANDARD.toArray(new TouchpointType[0]));

  @Override
  public String name() {
    return "kpis";
  }

  @Override
  public String title() {
    return "Seed 003's KPI report: a month of nurturing, then funnel, rates, stage velocity "
        + "and per-program performance over everything the demo ran";
  }

  private record Step(Instant at, Runnable action) {}

  @Override
  public void run(DemoEnv env, Report out) {
    ReportPeriod period = ReportPeriod.month(MONTH, TOKYO);
    Random r = new Random(2025);
    List<Step> steps = new ArrayList<>();
    String[] sources = {"expo-2025", "web-form", "seminar"};
    for (int i = 0; i < 120; i++) {
      String email = "lead" + i + "@example.co.jp";
      String source = sources[r.nextInt(sources.length)];
      Instant created = period.from().plus(Duration.ofHours(r.nextInt(24 * 20)));
      LeadId[] id = new LeadId[1];
      steps.add(new Step(created, () -> id[0] = env.kit.upsertLead(LeadInput.email(email)
          .attribute(AttributeKey.SOURCE, source)
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, source).build()).lead().id()));
      Instant t = created.plus(Duration.ofHours(1));
      if (source.equals("web-form")) {
        Instant view = created.minus(Duration.ofMinutes(10));
        steps.add(new Step(created, () -> env.kit.trackAll(List.of(
            Touchpoint.forLead(id[0], TouchpointType.PAGE_VIEW, view).url("/lp/ma-seminar")
                .build(),
            Touchpoint.forLead(id[0], TouchpointType.FORM_SUBMITTED, created)
                .property(PropertyKey.FORM, "seminar").build()))));
      }
      if (r.nextInt(3) == 0) {
        Instant at = t;
        steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0],
            TouchpointType.ASSET_DOWNLOADED, at).property(PropertyKey.ASSET, "ma-guide")
            .build())));
      }
      for (int m = 1; m <= 3; m++) {
        Instant sent = created.plus(Duration.ofDays(2L * m));
        String key = "welcome-" + i + "-" + m;
        int step = m;
        steps.add(new Step(sent, () -> env.kit.track(Touchpoint.forLead(id[0],
            TouchpointType.EMAIL_SENT, sent).property(PropertyKey.MESSAGE_KEY, key)
            .property(PropertyKey.JOURNEY, "welcome").property(PropertyKey.STEP, "" + step)
            .property(PropertyKey.TEMPLATE, "welcome-" + step).build())));
        int roll = r.nextInt(10);
        TouchpointType outcome = roll < 1 ? TouchpointType.EMAIL_BOUNCED : roll < 5
            ? TouchpointType.EMAIL_OPENED : roll < 7 ? TouchpointType.EMAIL_CLICKED
            : roll < 8 ? TouchpointType.EMAIL_UNSUBSCRIBED : null;
        if (outcome != null) {
          Instant at = sent.plus(Duration.ofHours(3));
          steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0], outcome, at)
              .property(PropertyKey.MESSAGE_KEY, key).build())));
        }
        if (outcome == TouchpointType.EMAIL_UNSUBSCRIBED) {
          Instant at = sent.plus(Duration.ofHours(3));
          steps.add(new Step(at, () -> env.kit.recordConsent(id[0], Channel.EMAIL,
              ConsentStatus.UNSUBSCRIBED, "unsubscribe-link")));
          steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0],
              TouchpointType.JOURNEY_EXITED, at).property(PropertyKey.JOURNEY, "welcome")
              .property(PropertyKey.STEP, "" + step).property(PropertyKey.REASON,
                  "unsubscribed").build())));
          break;
        }
      }
      LifecycleStage[] path = {LifecycleStage.MQL, LifecycleStage.SQL,
          LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER};
      int reach = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(path.length);
      Instant s = created.plus(Duration.ofDays(3));
      for (int k = 0; k < reach; k++) {
        s = s.plus(Duration.ofHours(12 + r.nextInt(24 * 4)));
        Instant at = s;
        LifecycleStage to = path[k] == LifecycleStage.CUSTOMER && r.nextInt(10) < 4
            ? LifecycleStage.LOST : path[k];
        steps.add(new Step(at, () -> env.kit.changeStage(id[0], to, "demo")));
        if (to == LifecycleStage.MQL) {
          steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0],
              TouchpointType.FORM_SUBMITTED, at).property(PropertyKey.FORM, "inquiry")
              .build())));
        }
        if (to == LifecycleStage.SQL) {
          steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0],
              TouchpointType.MEETING, at).build())));
        }
        if (to == LifecycleStage.CUSTOMER) {
          steps.add(new Step(at, () -> env.kit.track(Touchpoint.forLead(id[0],
              TouchpointType.PURCHASE, at).property(PropertyKey.AMOUNT,
                  "" + (500_000 + 100_000 * r.nextInt(10))).build())));
        }
      }
    }
    for (int v = 0; v < 60; v++) {
      Instant at = period.from().plus(Duration.ofHours(r.nextInt(24 * 28)));
      String url = v % 2 == 0 ? "/lp/ma-seminar" : "/blog/nurturing";
      String visitor = "cookie-" + v;
      steps.add(new Step(at, () -> env.kit.track(Touchpoint.forVisitor(
          VisitorId.of(visitor), TouchpointType.PAGE_VIEW, at).url(url).build())));
    }
    steps.sort(Comparator.comparing(Step::at));
    for (Step step : steps) {
      if (step.at().isAfter(env.clock.instant())) {
        env.clock.set(step.at());
      }
      step.action().run();
    }

    MeasurementSource source = env.measurementSource();
    out.line("Part 1: seed 003's month, %s (Asia/Tokyo), from this scenario's own leads",
        MONTH);
    monthReport(source, period, out);
    out.line("");
    everything(env, out);
  }

  private static void monthReport(MeasurementSource source, ReportPeriod period, Report out) {
    KpiReport k = Measurement.kpis(source, period, KpiSettings.ofDefaults());
    out.line("KPIs for %s (Asia/Tokyo)", MONTH);
    Report.Table t = out.table("KPI", "count", "of", "rate");
    t.row("approach count (reach)", k.reach());
    t.row("  known leads active", k.activeLeads());
    t.row("  anonymous visitors", k.anonymousVisitors());
    rate(t, "conversion rate (new leads / reach)", k.conversionRate());
    rate(t, "inquiry rate", k.inquiryRate());
    rate(t, "appointment rate", k.appointmentRate());
    rate(t, "opportunity rate", k.opportunityRate());
    rate(t, "win rate", k.winRate());
    t.row("downloads", k.downloads());
    t.row("subscribers at month end", k.subscribers().subscribedAtEnd());
    t.row("mails sent", k.mail().sent());
    rate(t, "open rate", k.openRate());
    rate(t, "click rate", k.clickRate());
    rate(t, "unsubscribe rate", k.unsubscribeRate());
    rate(t, "bounce rate", k.bounceRate());
    rate(t, "conversion from mail", k.mailConversionRate());
    rate(t, "conversion from landing pages", k.landingPageConversionRate());
    t.print();

    Funnel f = Measurement.funnel(source, period, LeadGrouping.bySource());
    funnel(out, "Funnel of the leads created in " + MONTH + ", by source", f);
    velocity(out, "Stage velocity", source, period);

    ProgramPerformance pp = Measurement.programPerformance(source, period,
        Attribution.defaults());
    out.line("");
    out.line("Welcome journey by step");
    Report.Table pt = out.table("journey / step", "sent", "open", "click", "converted",
        "unsub", "bounce", "exits");
    for (ProgramRow row : pp.byStep()) {
      MessageOutcome m = row.mail();
      pt.row(String.join(" / ", row.key()), m.sent(), m.openRate().percent(),
          m.clickRate().percent(), m.conversionRate().percent(),
          m.unsubscribeRate().percent(), m.bounceRate().percent(),
          Report.counts(row.exitsByReason()));
    }
    pt.print();
  }

  /**
   * Part 2: the same report over everything the demo ran (every scenario's stores, this one's
   * included), from the demo's start to the latest simulated time of any scenario.
   */
  private static void everything(DemoEnv env, Report out) {
    Map<String, DemoEnv> envs = new LinkedHashMap<>(env.earlier());
    envs.put("kpis", env);
    Instant from = Instant.parse(Demo.START);
    Instant to = from;
    Map<String, MeasurementSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, DemoEnv> e : envs.entrySet()) {
      sources.put(e.getKey(), e.getValue().measurementSource());
      Instant at = e.getValue().clock.instant().plusMillis(1);
      to = at.isAfter(to) ? at : to;
    }
    ReportPeriod all = ReportPeriod.of(from, to);
    MeasurementSource source = new CombinedMeasurementSource(List.copyOf(sources.values()));
    out.line("Part 2: everything the demo ran, %d scenarios, %s to %s (%s)", envs.size(),
        Report.day(all.from()), Report.day(all.to()), Report.ZONE);
    Report.Table st = out.table("scenario", "new leads", "touchpoints", "mails sent",
        "became MQL", "became customers");
    long[] sum = new long[5];
    for (Map.Entry<String, MeasurementSource> e : sources.entrySet()) {
      MeasurementSource s = e.getValue();
      long[] row = {s.activity(all, Set.of()).createdLeads(), count(s, all, STANDARD),
          count(s, all, TouchpointFilter.ofTypes(TouchpointType.EMAIL_SENT)),
          s.leadsMoving(all, Set.of(), Set.of(LifecycleStage.MQL)),
          s.leadsMoving(all, Set.of(), Set.of(LifecycleStage.CUSTOMER))};
      for (int i = 0; i < row.length; i++) {
        sum[i] += row[i];
      }
      st.row(e.getKey(), row[0], row[1], row[2], row[3], row[4]);
    }
    st.row("all", sum[0], sum[1], sum[2], sum[3], sum[4]);
    st.print();

    KpiReport k = Measurement.kpis(source, all, KpiSettings.ofDefaults());
    out.line("");
    out.line("KPIs over everything");
    Report.Table t = out.table("KPI", "count", "of", "rate");
    t.row("approach count (reach)", k.reach());
    t.row("  known leads active", k.activeLeads());
    t.row("  anonymous visitors", k.anonymousVisitors());
    rate(t, "conversion rate (new leads / reach)", k.conversionRate());
    rate(t, "inquiry rate", k.inquiryRate());
    rate(t, "appointment rate", k.appointmentRate());
    rate(t, "opportunity rate", k.opportunityRate());
    rate(t, "win rate", k.winRate());
    t.row("downloads", k.downloads());
    t.row("subscribers at the end", k.subscribers().subscribedAtEnd());
    t.row("mails sent", k.mail().sent());
    rate(t, "open rate", k.openRate());
    rate(t, "click rate", k.clickRate());
    rate(t, "unsubscribe rate", k.unsubscribeRate());
    rate(t, "bounce rate", k.bounceRate());
    rate(t, "conversion from mail", k.mailConversionRate());
    rate(t, "conversion from landing pages", k.landingPageConversionRate());
    t.print();

    Funnel f = Measurement.funnel(source, all, LeadGrouping.bySource());
    funnel(out, "Funnel of every lead created in the period, by source", f);
    velocity(out, "Stage velocity over everything", source, all);

    out.line("");
    out.line("Per program: every journey of every scenario, then every step that sends mail");
    Report.Table jt = out.table("scenario", "journey", "sent", "open", "click", "converted",
        "unsub", "exits");
    Report.Table stepT = out.table("scenario", "journey / step", "sent", "open", "click",
        "converted");
    for (Map.Entry<String, MeasurementSource> e : sources.entrySet()) {
      ProgramPerformance pp = Measurement.programPerformance(e.getValue(), all,
          Attribution.defaults());
      for (ProgramRow row : pp.byJourney()) {
        MessageOutcome m = row.mail();
        jt.row(e.getKey(), String.join(" / ", row.key()), m.sent(), m.openRate().percent(),
            m.clickRate().percent(), m.conversionRate().percent(),
            m.unsubscribeRate().percent(), Report.counts(row.exitsByReason()));
      }
      for (ProgramRow row : pp.byStep()) {
        MessageOutcome m = row.mail();
        if (m.sent() == 0) {
          continue; // waits, branches and tasks send no mail
        }
        stepT.row(e.getKey(), String.join(" / ", row.key()), m.sent(),
            m.openRate().percent(), m.clickRate().percent(), m.conversionRate().percent());
      }
    }
    jt.print();
    out.line("");
    stepT.print();
    out.line("");
    out.line("By template, over everything");
    Report.Table tt = out.table("template", "sent", "open", "click", "converted");
    for (ProgramRow row : Measurement.programPerformance(source, all, Attribution.defaults())
        .byTemplate()) {
      MessageOutcome m = row.mail();
      if (m.sent() == 0) {
        continue;
      }
      tt.row(String.join(" / ", row.key()), m.sent(), m.openRate().percent(),
          m.clickRate().percent(), m.conversionRate().percent());
    }
    tt.print();
  }

  /**
   * The funnel as a table: each stage's total, its share of the reach and its conversion from
   * the stage before, in separate columns, then the count per group.
   */
  private static void funnel(Report out, String title, Funnel f) {
    out.line("");
    out.line("%s", title);
    out.line("(share of reach: the stage's total / REACH; step conversion: / the stage above)");
    List<String> headers = new ArrayList<>(List.of("stage", "total", "share of reach",
        "step conversion"));
    headers.addAll(f.groups().keySet().stream().map(g -> g.isEmpty() ? "(no source)" : g)
        .toList());
    Report.Table ft = out.table(headers.toArray(new String[0]));
    for (int i = 0; i < f.total().size(); i++) {
      FunnelStep s = f.total().get(i);
      List<Object> row = new ArrayList<>(List.of(s.stage(), s.count(), s.fromTop().percent(),
          i == 0 ? "-" : s.fromPrevious().percent()));
      for (List<FunnelStep> g : f.groups().values()) {
        row.add(g.get(i).count());
      }
      ft.row(row.toArray());
    }
    ft.print();
  }

  /** Stage velocity as a table, then the pipeline velocity formula, over {@code period}. */
  private static void velocity(Report out, String title, MeasurementSource source,
      ReportPeriod period) {
    out.line("");
    out.line("%s", title);
    Report.Table vt = out.table("move", "leads", "mean days", "median days");
    for (StageVelocity v : Measurement.stageVelocities(source, period)) {
      vt.row(v.from() + " -> " + v.to(), v.moves(), days(v.mean()), days(v.median()));
    }
    vt.print();
    PipelineVelocity p = Measurement.pipelineVelocity(source, period);
    out.line("Pipeline velocity: %d open opportunities x win rate %s x average deal %s / "
        + "cycle %s days = %s per day", p.openOpportunities(), p.winRate().percent(),
        p.averageDealValue().map(Report::yen).orElse("-"),
        days(p.salesCycle()), p.perDay().map(Report::yen).orElse("-"));
  }

  private static long count(MeasurementSource s, ReportPeriod period, TouchpointFilter filter) {
    long n = 0;
    for (TouchpointCount c : s.touchpointCounts(period, filter, List.of())) {
      n += c.touchpoints();
    }
    return n;
  }

  private static void rate(Report.Table t, String name, Rate r) {
    t.row(name, r.numerator(), r.denominator(), r.percent());
  }

  private static String days(Optional<Duration> d) {
    return d.map(x -> String.format("%.1f", x.toMinutes() / 1440.0)).orElse("-");
  }
}
