package dev.leadkit.core.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plain-text tables of the measurement results, for logs, consoles and demos. Returns strings;
 * prints nothing. Columns are padded by character count, so wide (CJK) text may not line up.
 */
public final class ReportTables {
  private ReportTables() {}

  /** Seed 003's KPIs as a two-part table: counts, then rates with their counts. */
  public static String kpis(KpiReport k) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KPI", "value", "of", "rate"});
    count(rows, "approach count (reach)", k.reach());
    count(rows, "  active leads", k.activeLeads());
    count(rows, "  anonymous visitors", k.anonymousVisitors());
    count(rows, "new leads", k.newLeads());
    rate(rows, "conversion rate", k.conversionRate());
    rate(rows, "inquiry rate", k.inquiryRate());
    rate(rows, "appointment rate", k.appointmentRate());
    rate(rows, "opportunity rate", k.opportunityRate());
    rate(rows, "win rate", k.winRate());
    count(rows, "downloads", k.downloads());
    count(rows, "  distinct downloaders", k.downloaders());
    count(rows, "subscribers at end", k.subscribers().subscribedAtEnd());
    count(rows, "  new subscribers", k.subscribers().newSubscribers());
    count(rows, "  unsubscribed", k.subscribers().unsubscribed());
    count(rows, "mails sent", k.mail().sent());
    rate(rows, "open rate", k.openRate());
    rate(rows, "click rate", k.clickRate());
    rate(rows, "unsubscribe rate", k.unsubscribeRate());
    rate(rows, "bounce rate", k.bounceRate());
    rate(rows, "conversion from mail", k.mailConversionRate());
    rate(rows, "conversion from landing pages", k.landingPageConversionRate());
    return "KPIs " + k.period() + "\n" + table(rows, 1);
  }

  private static void count(List<String[]> rows, String name, long value) {
    rows.add(new String[] {name, Long.toString(value), "", ""});
  }

  private static void rate(List<String[]> rows, String name, Rate r) {
    rows.add(new String[] {name, Long.toString(r.numerator()), Long.toString(r.denominator()),
        r.percent()});
  }

  /** The funnel: the total, then one block per group. */
  public static String funnel(Funnel f) {
    StringBuilder out = new StringBuilder("Funnel of leads created in " + f.period() + "\n");
    out.append(funnelTable("total", f.total()));
    f.groups().forEach((g, steps) -> out.append(funnelTable(
        g.isEmpty() ? "(none)" : g, steps)));
    return out.toString();
  }

  private static String funnelTable(String title, List<FunnelStep> steps) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {title, "count", "from previous", "from top"});
    for (FunnelStep s : steps) {
      rows.add(new String[] {s.stage().name(), Long.toString(s.count()),
          s.fromPrevious().percent(), s.fromTop().percent()});
    }
    return table(rows, 1);
  }

  /** Stage velocities and the pipeline velocity. */
  public static String velocity(List<StageVelocity> velocities, PipelineVelocity pipeline) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"move", "moves", "mean", "median"});
    for (StageVelocity v : velocities) {
      rows.add(new String[] {v.from() + " -> " + v.to(), Long.toString(v.moves()),
          days(v.mean()), days(v.median())});
    }
    List<String[]> p = new ArrayList<>();
    p.add(new String[] {"pipeline velocity", ""});
    p.add(new String[] {"open opportunities", Long.toString(pipeline.openOpportunities())});
    p.add(new String[] {"win rate", pipeline.winRate().toString()});
    p.add(new String[] {"average deal value", money(pipeline.averageDealValue())});
    p.add(new String[] {"sales cycle", days(pipeline.salesCycle())});
    p.add(new String[] {"value per day", money(pipeline.perDay())});
    return table(rows, 1) + table(p, 1);
  }

  /** Per journey, step and template performance. */
  public static String programs(ProgramPerformance p) {
    return block("journey", p.byJourney()) + block("journey / step", p.byStep())
        + block("template", p.byTemplate());
  }

  private static String block(String title, List<ProgramRow> rows) {
    List<String[]> t = new ArrayList<>();
    t.add(new String[] {title, "sent", "opened", "clicked", "converted", "unsub", "bounced",
        "exits by reason"});
    for (ProgramRow r : rows) {
      MessageOutcome m = r.mail();
      List<String> key = new ArrayList<>();
      r.key().forEach(k -> key.add(k.isEmpty() ? "(none)" : k));
      StringBuilder exits = new StringBuilder();
      for (Map.Entry<String, Long> e : r.exitsByReason().entrySet()) {
        exits.append(exits.length() == 0 ? "" : ", ").append(e.getKey().isEmpty() ? "(none)"
            : e.getKey()).append('=').append(e.getValue());
      }
      t.add(new String[] {String.join(" / ", key), Long.toString(m.sent()),
          m.opened() + " " + m.openRate().percent(), m.clicked() + " " + m.clickRate().percent(),
          m.converted() + " " + m.conversionRate().percent(),
          m.unsubscribed() + " " + m.unsubscribeRate().percent(),
          m.bounced() + " " + m.bounceRate().percent(), exits.toString()});
    }
    return table(t, 1);
  }

  private static String days(Optional<Duration> d) {
    return d.map(x -> String.format(Locale.ROOT, "%.1f d", x.toMinutes() / 1440.0)).orElse("-");
  }

  private static String money(Optional<BigDecimal> v) {
    return v.map(x -> x.setScale(2, RoundingMode.HALF_UP).toPlainString()).orElse("-");
  }

  /** Renders rows as a table; the first {@code header} rows are underlined. */
  static String table(List<String[]> rows, int header) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = r[i];
        String pad = " ".repeat(w[i] - cell.length());
        line.append(i == 0 ? cell + pad : "  " + pad + cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (n == header - 1) {
        int total = 0;
        for (int x : w) {
          total += x;
        }
        out.append("-".repeat(total + 2 * (cols - 1))).append('\n');
      }
    }
    return out.toString();
  }
}
