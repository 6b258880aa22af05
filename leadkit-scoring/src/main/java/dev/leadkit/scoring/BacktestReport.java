package dev.leadkit.scoring;

import dev.leadkit.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link Backtest} found: every hand-off the model would have made in the period, per
 * bucket, and how many became deals.
 *
 * @param model the model name
 * @param version the model version
 * @param from start of the period
 * @param to end of the period (exclusive)
 * @param bucket bucket length
 * @param handOffs every hand-off, in time order
 * @param buckets hand-offs and deals per bucket, from {@code from} on
 */
public record BacktestReport(String model, int version, Instant from, Instant to,
    Duration bucket, List<HandOff> handOffs, List<Bucket> buckets) {

  /** Copies. */
  public BacktestReport {
    handOffs = List.copyOf(handOffs);
    buckets = List.copyOf(buckets);
  }

  /**
   * One hand-off.
   *
   * @param lead the lead
   * @param at when its score crossed the threshold (simulated time)
   * @param value the score then
   * @param deal the deal it became within the attribution window, if any
   */
  public record HandOff(LeadId lead, Instant at, double value, Optional<DealOutcome> deal) {}

  /**
   * One bucket of time.
   *
   * @param start the bucket's start
   * @param handOffs hand-offs in it
   * @param deals of them, ones that became deals
   * @param won of them, won deals
   */
  public record Bucket(Instant start, int handOffs, int deals, int won) {}

  static BacktestReport of(String model, int version, Instant from, Instant to, Duration bucket,
      List<HandOff> handOffs) {
    List<Bucket> buckets = new ArrayList<>();
    long len = bucket.toMillis();
    for (Instant start = from; start.isBefore(to); start = start.plusMillis(len)) {
      Instant end = start.plusMillis(len);
      int h = 0;
      int d = 0;
      int w = 0;
      for (HandOff o : handOffs) {
        if (!o.at().isBefore(start) && o.at().isBefore(end)) {
          h++;
          if (o.deal().isPresent()) {
            d++;
            if (o.deal().get().result() == DealOutcome.Result.WON) {
              w++;
            }
          }
        }
      }
      buckets.add(new Bucket(start, h, d, w));
    }
    return new BacktestReport(model, version, from, to, bucket, handOffs, buckets);
  }

  /** Hand-offs that became deals. */
  public int deals() {
    return (int) handOffs.stream().filter(h -> h.deal().isPresent()).count();
  }

  /** Distinct leads handed off. */
  public int leadsHandedOff() {
    Set<LeadId> s = new HashSet<>();
    handOffs.forEach(h -> s.add(h.lead()));
    return s.size();
  }

  /** Deals / hand-offs (0 without hand-offs). */
  public double precision() {
    return handOffs.isEmpty() ? 0 : (double) deals() / handOffs.size();
  }

  /** Hand-offs per week of the period. */
  public double perWeek() {
    return handOffs.size() / (Duration.between(from, to).toMillis() / (7.0 * 86_400_000L));
  }
}
