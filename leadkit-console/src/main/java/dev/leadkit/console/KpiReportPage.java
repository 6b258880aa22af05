package dev.leadkit.console;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KPI report of a period as one standalone HTML page with inline SVG charts: the KPIs with
 * their counts, the funnel (share of reach and step conversion side by side), funnel by
 * source, stage velocity and pipeline velocity, and per-journey, per-step and per-template
 * performance. Every figure comes from {@link Measurement} over the given source.
 *
 * <pre>{@code
 * ReportPeriod november = ReportPeriod.month(YearMonth.of(2025, 11), ZoneId.of("Asia/Tokyo"));
 * String html = KpiReportPage.html(source, november, KpiSettings.ofDefaults(), View.japan());
 * Files.writeString(Path.of("kpis.html"), html);
 * }</pre>
 */
public final class KpiReportPage {
  private KpiReportPage() {}

  /**
   * The report as a standalone HTML page.
   *
   * @param source where the measurements come from
   * @param period the period reported
   * @param settings what counts as an inquiry, an appointment, a landing page, a conversion
   * @param view the viewer's zone, locale and currency
   * @return a UTF-8 HTML page (polyglot XHTML: also well-formed XML)
   * @throws InvalidValueException if an argument is null
   */
  public static String html(MeasurementSource source, ReportPeriod period, KpiSettings settings,
      View view) {
    Args.notNull(view, "view");
    String body = body(source, period, settings, view, "");
    return Html.page(view, "KPI report", "", body);
  }

  /** The page's content, for the console; {@code journeyLink} prefixes journey links if set. */
  static String body(MeasurementSource source, ReportPeriod period, KpiSettings settings,
      View view, String journeyLink) {
    Args.notNull(source, "source");
    Args.notNull(period, "period");
    Args.notNull(settings, "settings");
    Args.notNull(view, "view");
    Html h = new Html(view);
    KpiReport k = Measurement.kpis(source, period, settings);
    Funnel funnel = Measurement.funnel(source, period, LeadGrouping.bySource(), settings);
    List<StageVelocity> velocities = Measurement.stageVelocities(source, period);
    PipelineVelocity pipeline = Measurement.pipelineVelocity(source, period);
    ProgramPerformance programs = Measurement.programPerformance(source, period,
        settings.attribution());

    h.tag("h1", "KPI report");
    h.raw("<p>").text("Period: " + h.dateTime(period.from()) + " – "
        + h.dateTime(period.to()) + " (" + view.zone().getId() + ")").raw("</p>\n");
    h.raw("<div class=\"cards\">\n");
    card(h, "reach (approach count)", h.num(k.reach()));
    card(h, "new leads", h.num(k.newLeads()));
    card(h, "active leads", h.num(k.activeLeads()));
    card(h, "opportunities", h.num(k.opportunities()));
    card(h, "wins", h.num(k.wins()));
    card(h, "mails sent", h.num(k.mail().sent()));
    h.raw("</div>\n");

    h.tag("h2", "KPIs");
    List<List<?>> rows = new ArrayList<>();
    rows.add(List.of("reach: active leads + anonymous visitors", k.reach(), "", "–"));
    rows.add(List.of("active leads", k.activeLeads(), "", "–"));
    rows.add(List.of("anonymous visitors", k.anonymousVisitors(), "", "–"));
    rateRow(h, rows, "conversion rate: new leads / reach", k.conversionRate());
    rateRow(h, rows, "inquiry rate: inquiries / active leads", k.inquiryRate());
    rateRow(h, rows, "appointment rate: appointments / active leads", k.appointmentRate());
    rateRow(h, rows, "opportunity rate: opportunities / active leads", k.opportunityRate());
    rateRow(h, rows, "win rate: wins / (wins + losses)", k.winRate());
    rows.add(List.of("downloads (distinct leads: " + h.num(k.downloaders()) + ")",
        k.downloads(), "", "–"));
    rows.add(List.of("subscribers at the end", k.subscribers().subscribedAtEnd(), "", "–"));
    rateRow(h, rows, "mail open rate (of delivered)", k.openRate());
    rateRow(h, rows, "mail click rate (of delivered)", k.clickRate());
    rateRow(h, rows, "unsubscribe rate (of delivered)", k.unsubscribeRate());
    rateRow(h, rows, "bounce rate (of sent)", k.bounceRate());
    rateRow(h, rows, "conversion from mail (of delivered)", k.mailConversionRate());
    rateRow(h, rows, "conversion from landing pages (of viewers)",
        k.landingPageConversionRate());
    h.table(List.of("KPI", "count", "out of", "rate"), rows);

    funnel(h, funnel);
    velocity(h, velocities, pipeline);
    programs(h, programs, journeyLink);
    return h.sb.toString();
  }

  private static void card(Html h, String label, String value) {
    h.raw("<div class=\"card\"><span class=\"v\">").text(value).raw("</span>").text(label)
        .raw("</div>\n");
  }

  private static void rateRow(Html h, List<List<?>> rows, String name, Rate r) {
    rows.add(List.of(name, r.numerator(), r.denominator(), h.pct(r)));
  }

  private static void funnel(Html h, Funnel f) {
    h.tag("h2", "Funnel of the leads created in the period");
    h.note("Share of reach = this stage's count ÷ reach (the top). Step conversion = this "
        + "stage's count ÷ the stage above it. Bar length is the share of reach.");
    long top = f.total().isEmpty() ? 0 : f.total().get(0).count();
    List<Svg.Bar> bars = new ArrayList<>();
    List<List<?>> rows = new ArrayList<>();
    for (int i = 0; i < f.total().size(); i++) {
      FunnelStep s = f.total().get(i);
      String step = i == 0 ? "step conversion –" : "step conversion " + h.pct(s.fromPrevious());
      bars.add(new Svg.Bar(s.stage().name(), top == 0 ? 0 : (double) s.count() / top,
          h.num(s.count()) + " · share of reach " + h.pct(s.fromTop()) + " · " + step,
          Svg.BLUE));
      rows.add(List.of(s.stage().name(), s.count(), s.fromTop(),
          i == 0 ? "–" : h.rate(s.fromPrevious())));
    }
    h.raw(Svg.hbars("Funnel", bars, 110, 360, 360));
    h.table(List.of("stage", "leads", "share of reach", "step conversion (from the stage above)"),
        rows);
    if (!f.groups().isEmpty()) {
      h.tag("h2", "Funnel by source");
      List<String> headers = new ArrayList<>(List.of("stage"));
      f.groups().keySet().forEach(g -> headers.add(g.isEmpty() ? "(no source)" : g));
      List<List<?>> g = new ArrayList<>();
      for (int i = 0; i < f.total().size(); i++) {
        List<Object> row = new ArrayList<>();
        row.add(f.total().get(i).stage().name());
        for (Map.Entry<String, List<FunnelStep>> e : f.groups().entrySet()) {
          FunnelStep s = e.getValue().get(i);
          row.add(h.num(s.count()) + (i == 0 ? "" : " (step " + h.pct(s.fromPrevious()) + ")"));
        }
        g.add(row);
      }
      h.table(headers, g);
    }
  }

  private static void velocity(Html h, List<StageVelocity> vs, PipelineVelocity p) {
    h.tag("h2", "Stage velocity");
    h.note("How many leads moved between two stages in the period, and how long the move "
        + "took. Bar length is the median time.");
    long longest = 1;
    for (StageVelocity v : vs) {
      longest = Math.max(longest, v.median().map(Duration::toMinutes).orElse(0L));
    }
    List<Svg.Bar> bars = new ArrayList<>();
    List<List<?>> rows = new ArrayList<>();
    for (StageVelocity v : vs) {
      String move = v.from() + " → " + v.to();
      bars.add(new Svg.Bar(move, v.median().map(Duration::toMinutes).orElse(0L)
          / (double) longest, h.num(v.moves()) + " moved · median " + h.days(v.median())
          + " · mean " + h.days(v.mean()), Svg.GREEN));
      rows.add(List.of(move, v.moves(), h.days(v.mean()), h.days(v.median())));
    }
    h.raw(Svg.hbars("Stage velocity", bars, 190, 300, 330));
    h.table(List.of("move", "leads moved", "mean time", "median time"), rows);
    h.raw("<p>").text("Pipeline velocity: " + h.num(p.openOpportunities())
        + " open opportunities × win rate " + h.pct(p.winRate()) + " × average deal "
        + p.averageDealValue().map(h::money).orElse("–") + " ÷ sales cycle "
        + h.days(p.salesCycle()) + " = " + p.perDay().map(h::money).orElse("–") + " per day")
        .raw("</p>\n");
  }

  private static void programs(Html h, ProgramPerformance pp, String journeyLink) {
    h.tag("h2", "Per journey");
    long most = 1;
    for (ProgramRow r : pp.byJourney()) {
      most = Math.max(most, r.mail().sent());
    }
    List<Svg.Bar> bars = new ArrayList<>();
    List<List<?>> rows = new ArrayList<>();
    for (ProgramRow r : pp.byJourney()) {
      MessageOutcome m = r.mail();
      String name = String.join(" / ", r.key());
      bars.add(new Svg.Bar(name, m.sent() / (double) most, h.num(m.sent()) + " sent · open "
          + h.pct(m.openRate()) + " · click " + h.pct(m.clickRate()), Svg.ORANGE));
      Object label = journeyLink.isEmpty() ? name
          : Html.link(journeyLink + r.key().get(0), name);
      rows.add(List.of(label, m.sent(), m.delivered(), m.openRate(), m.clickRate(),
          m.conversionRate(), m.unsubscribeRate(), exits(h, r)));
    }
    if (!bars.isEmpty()) {
      h.raw(Svg.hbars("Messages sent per journey", bars, 160, 300, 330));
    }
    h.table(List.of("journey", "sent", "delivered", "opened", "clicked", "converted",
        "unsubscribed", "exits by reason"), rows);
    h.tag("h2", "Per step");
    List<List<?>> steps = new ArrayList<>();
    for (ProgramRow r : pp.byStep()) {
      MessageOutcome m = r.mail();
      steps.add(List.of(r.key().get(0), r.key().size() > 1 ? r.key().get(1) : "", m.sent(),
          m.openRate(), m.clickRate(), m.conversionRate(), exits(h, r)));
    }
    h.table(List.of("journey", "step", "sent", "opened", "clicked", "converted",
        "exits by reason"), steps);
    h.tag("h2", "Per template");
    List<List<?>> templates = new ArrayList<>();
    for (ProgramRow r : pp.byTemplate()) {
      MessageOutcome m = r.mail();
      templates.add(List.of(r.key().get(0).isEmpty() ? "(none)" : r.key().get(0), m.sent(),
          m.openRate(), m.clickRate(), m.conversionRate()));
    }
    h.table(List.of("template", "sent", "opened", "clicked", "converted"), templates);
    h.note("Rates show percentage (count / out of). Conversions: " + pp.attribution());
  }

  private static String exits(Html h, ProgramRow r) {
    List<String> parts = new ArrayList<>();
    r.exitsByReason().forEach((reason, n) -> parts.add(reason + ": " + h.num(n)));
    return parts.isEmpty() ? "–" : String.join(", ", parts);
  }
}
