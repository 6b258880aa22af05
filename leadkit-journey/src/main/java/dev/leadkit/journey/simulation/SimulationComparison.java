package dev.leadkit.journey.simulation;

import dev.leadkit.core.internal.Args;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two simulated journeys over the same period, side by side.
 *
 * @param a the first report (e.g. the version in production)
 * @param b the second report (e.g. the candidate)
 */
public record SimulationComparison(SimulationReport a, SimulationReport b) {

  /** Checks the reports. */
  public SimulationComparison {
    Args.notNull(a, "a");
    Args.notNull(b, "b");
  }

  /**
   * One labelled row per measure, with both values as text: entries, leads, queued, sent and
   * pending messages, sends per step and template, deferrals by rule, suppressions and
   * cancellations by reason, sales tasks, exits by reason, goal conversions, conversion rate
   * (goal exits of entries) and the median time to goal. A measure one side lacks shows
   * {@code 0} (or {@code -} for the time to goal).
   *
   * @return rows of {@code [measure, a, b]}
   */
  public List<String[]> rows() {
    Map<String, String[]> rows = new LinkedHashMap<>();
    List<String[]> left = metrics(a);
    List<String[]> right = metrics(b);
    for (String[] r : left) {
      rows.put(r[0], new String[] {r[0], r[1], empty(r[0])});
    }
    for (String[] r : right) {
      rows.computeIfAbsent(r[0], k -> new String[] {k, empty(k), ""})[2] = r[1];
    }
    return List.copyOf(rows.values());
  }

  private static String empty(String label) {
    return label.startsWith("median") ? "-" : "0";
  }

  /**
   * Sent messages per week of both, side by side.
   *
   * @return rows of {@code [week (its Monday), a, b]}, ordered by week
   */
  public List<String[]> weeks() {
    TreeMap<LocalDate, long[]> m = new TreeMap<>();
    a.sendsByWeek().forEach(c -> m.computeIfAbsent(c.period(), k -> new long[2])[0] += c.count());
    b.sendsByWeek().forEach(c -> m.computeIfAbsent(c.period(), k -> new long[2])[1] += c.count());
    List<String[]> out = new ArrayList<>();
    m.forEach((w, n) -> out.add(new String[] {w.toString(), Long.toString(n[0]),
        Long.toString(n[1])}));
    return List.copyOf(out);
  }

  /**
   * The comparison as a plain-text table: {@link #rows()} under a header naming both versions,
   * then {@link #weeks()}.
   *
   * @return the table
   */
  public String toTable() {
    String ha = a.journey() + " v" + a.version();
    String hb = b.journey() + " v" + b.version();
    List<String[]> all = new ArrayList<>();
    all.add(new String[] {"measure", ha, hb});
    all.addAll(rows());
    all.add(new String[] {"", "", ""});
    all.add(new String[] {"sent in the week of (" + a.zone() + ")", ha, hb});
    all.addAll(weeks());
    int[] w = new int[3];
    for (String[] r : all) {
      for (int i = 0; i < 3; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : all) {
      if (r[0].isEmpty()) {
        sb.append('\n');
        continue;
      }
      sb.append(String.format("%-" + w[0] + "s | %" + w[1] + "s | %" + w[2] + "s", r[0], r[1],
          r[2]).stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** The labelled measures of one report. */
  static List<String[]> metrics(SimulationReport r) {
    List<String[]> out = new ArrayList<>();
    out.add(row("entries", r.entries()));
    out.add(row("leads entered", r.leadsEntered()));
    out.add(row("messages queued", r.messages().size()));
    out.add(row("messages sent", r.sent()));
    r.sendsByStep().forEach((k, v) -> out.add(row("  sent: " + k, v)));
    out.add(row("pending at the end", r.pending()));
    r.deferrals().forEach((k, v) -> out.add(row("deferred by " + k, v)));
    r.suppressed().forEach((k, v) -> out.add(row("suppressed: " + k, v)));
    r.notSent().forEach((k, v) -> out.add(row("not sent at hand-over: " + k, v)));
    r.tasks().forEach((k, v) -> out.add(row("sales tasks: " + k, v)));
    r.exits().forEach((k, v) -> out.add(row("exits: " + k, v)));
    out.add(row("goal conversions", r.conversions()));
    out.add(new String[] {"conversion rate (goal / entries)", r.entries() == 0 ? "-"
        : String.format(Locale.ROOT, "%.1f %%", 100.0 * r.conversions() / r.entries())});
    out.add(new String[] {"median time to goal",
        r.medianTimeToGoal().map(SimulationComparison::duration).orElse("-")});
    return out;
  }

  private static String[] row(String label, long value) {
    return new String[] {label, Long.toString(value)};
  }

  /** {@code 3 d 4 h}, {@code 5 h 30 min}, {@code 12 min}. */
  static String duration(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    return minutes + " min";
  }
}
