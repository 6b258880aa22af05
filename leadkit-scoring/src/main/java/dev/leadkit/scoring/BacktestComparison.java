package dev.leadkit.scoring;

import java.time.Instant;
import java.util.List;

/**
 * Two backtests over the same period, side by side.
 *
 * @param a the first report (e.g. the current model)
 * @param b the second report (e.g. the candidate)
 * @param rows one row per bucket
 */
public record BacktestComparison(BacktestReport a, BacktestReport b, List<Row> rows) {
  /** Copies. */
  public BacktestComparison {
    rows = List.copyOf(rows);
  }

  /**
   * One bucket of both reports.
   *
   * @param start the bucket's start
   * @param aHandOffs hand-offs by the first model
   * @param aDeals of them, deals
   * @param bHandOffs hand-offs by the second model
   * @param bDeals of them, deals
   */
  public record Row(Instant start, int aHandOffs, int aDeals, int bHandOffs, int bDeals) {}

  /** A plain-text table for logs and reports. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-22s %14s %14s%n", "bucket", a.model() + " v" + a.version(),
        b.model() + " v" + b.version()));
    for (Row r : rows) {
      sb.append(String.format("%-22s %7d/%-6d %7d/%-6d%n", r.start(), r.aHandOffs(), r.aDeals(),
          r.bHandOffs(), r.bDeals()));
    }
    sb.append(String.format("%-22s %7d/%-6d %7d/%-6d%n", "total", a.handOffs().size(),
        a.deals(), b.handOffs().size(), b.deals()));
    return sb.toString();
  }
}
