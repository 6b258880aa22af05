package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Calibrates a model from outcomes (R4.4): replays each lead's touchpoints through the model and
 * relates the scores leads reached in a period to the deals they became.
 *
 * <pre>{@code
 * CalibrationReport r = Calibration.of(engagement)
 *     .history(scoring.history())
 *     .outcomes(deals)
 *     .period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
 *     .run();
 * r.bands();                      // conversion by score band
 * r.suggestForPrecision(20);      // best precision with at least 20 hand-offs a week
 * r.suggestForCapacity(50);       // about 50 hand-offs a week
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li>A lead <em>reaches</em> a score {@code T} at the first touchpoint in the period after
 *       which its score (fit + behaviour, decay applied, history before the period included) is
 *       at least {@code T}. Its <em>peak</em> is the highest score it reaches in the period.
 *   <li>A threshold {@code T} would have handed over every lead that reaches {@code T}; such a
 *       lead <em>converts</em> if it has a deal outcome (won or lost; only won with {@link
 *       Builder#wonOnly()}) decided within the attribution window after it reached {@code T}.
 *   <li>Precision is conversions / hand-offs; volume is hand-offs per week of the period.
 *   <li>Candidate thresholds are the leads' peaks (each candidate is the lowest score that hands
 *       over exactly that set of leads); with more than {@value #MAX_CANDIDATES} distinct peaks,
 *       evenly spaced ones among them.
 * </ul>
 */
public final class Calibration {
  /** Most candidate thresholds examined. */
  public static final int MAX_CANDIDATES = 1000;

  private Calibration() {}

  /** Starts a calibration of {@code model}. */
  public static Builder of(ScoringModel model) {
    if (model == null) {
      throw new InvalidValueException("model must not be null");
    }
    return new Builder(model);
  }

  /** Configures and runs a calibration. */
  public static final class Builder {
    private final ScoringModel model;
    private final List<LeadHistory> history = new ArrayList<>();
    private final List<DealOutcome> outcomes = new ArrayList<>();
    private @Nullable Instant from;
    private @Nullable Instant to;
    private double bandWidth = 10;
    private Duration window = Duration.ofDays(180);
    private boolean wonOnly;

    private Builder(ScoringModel model) {
      this.model = model;
    }

    /** The leads and their touchpoints. */
    public Builder history(Collection<LeadHistory> value) {
      history.addAll(value);
      return this;
    }

    /** The deal outcomes; at most one per lead is used (the earliest). */
    public Builder outcomes(Collection<DealOutcome> value) {
      outcomes.addAll(value);
      return this;
    }

    /** The period {@code [from, to)} whose hand-offs are counted. */
    public Builder period(Instant fromInclusive, Instant toExclusive) {
      if (fromInclusive == null || toExclusive == null || !toExclusive.isAfter(fromInclusive)) {
        throw new InvalidValueException("calibration period must end after it starts: "
            + fromInclusive + " .. " + toExclusive);
      }
      from = fromInclusive;
      to = toExclusive;
      return this;
    }

    /** Width of the score bands in the conversion table (default 10 points). */
    public Builder bandWidth(double points) {
      if (!(points > 0) || !Double.isFinite(points)) {
        throw new InvalidValueException("band width must be positive: " + points);
      }
      bandWidth = points;
      return this;
    }

    /** How long after reaching a score a deal still counts for it (default 180 days). */
    public Builder attributionWindow(Duration value) {
      if (value == null || value.isNegative()) {
        throw new InvalidValueException("attribution window must not be negative: " + value);
      }
      window = value;
      return this;
    }

    /** Count only won deals as conversions (default: won and lost deals). */
    public Builder wonOnly() {
      wonOnly = true;
      return this;
    }

    /** Replays the history and builds the report. */
    public CalibrationReport run() {
      if (from == null || to == null) {
        throw new InvalidValueException("calibration needs a period");
      }
      CompiledModelImpl m = (CompiledModelImpl) model.compile();
      Map<LeadId, DealOutcome> deals = earliest(outcomes);
      long fromMs = from.toEpochMilli();
      long toMs = to.toEpochMilli();
      long windowMs = window.toMillis();
      List<Trajectory> paths = new ArrayList<>();
      for (LeadHistory h : history) {
        Trajectory p = trajectory(m, h, fromMs, toMs, to);
        if (p != null) {
          paths.add(p);
        }
      }
      double weeks = (toMs - fromMs) / (7.0 * 86_400_000L);

      // conversion by band of the peak
      Map<Long, int[]> bands = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
      for (Trajectory p : paths) {
        long band = (long) Math.floor(p.peak() / bandWidth);
        int[] row = bands.computeIfAbsent(band, k -> new int[4]);
        row[0]++;
        DealOutcome d = deals.get(p.lead());
        long reached = p.reach(band * bandWidth);
        if (d != null && counts(d, reached, windowMs)) {
          row[d.result() == DealOutcome.Result.WON ? 1 : 2]++;
        }
      }
      List<CalibrationReport.BandRow> rows = new ArrayList<>();
      for (Map.Entry<Long, int[]> e : bands.entrySet()) {
        int[] r = e.getValue();
        int conv = wonOnly ? r[1] : r[1] + r[2];
        rows.add(new CalibrationReport.BandRow(e.getKey() * bandWidth,
            (e.getKey() + 1) * bandWidth, r[0], r[1], r[2], r[0] == 0 ? 0 : (double) conv / r[0]));
      }

      // threshold curve
      TreeSet<Double> peaks = new TreeSet<>();
      for (Trajectory p : paths) {
        peaks.add(p.peak());
      }
      List<Double> candidates = new ArrayList<>(peaks.descendingSet());
      if (candidates.size() > MAX_CANDIDATES) {
        List<Double> thinned = new ArrayList<>();
        for (int i = 0; i < MAX_CANDIDATES; i++) {
          thinned.add(candidates.get((int) ((long) i * (candidates.size() - 1)
              / (MAX_CANDIDATES - 1))));
        }
        candidates = thinned;
      }
      List<CalibrationReport.ThresholdRow> curve = new ArrayList<>();
      for (double t : candidates) {
        int handed = 0;
        int converted = 0;
        int won = 0;
        for (Trajectory p : paths) {
          long reached = p.reach(t);
          if (reached == ScoreState.NEVER) {
            continue;
          }
          handed++;
          DealOutcome d = deals.get(p.lead());
          if (d != null && counts(d, reached, windowMs)) {
            if (d.result() == DealOutcome.Result.WON) {
              won++;
              converted++;
            } else if (!wonOnly) {
              converted++;
            }
          }
        }
        curve.add(new CalibrationReport.ThresholdRow(t, handed, converted, won,
            handed == 0 ? 0 : (double) converted / handed, handed / weeks));
      }
      return new CalibrationReport(model.name(), model.version(), from, to, paths.size(), rows,
          curve);
    }
  }

  private static boolean counts(DealOutcome d, long reached, long windowMs) {
    long at = d.at().toEpochMilli();
    return reached != ScoreState.NEVER && at >= reached && at - reached <= windowMs;
  }

  static Map<LeadId, DealOutcome> earliest(Collection<DealOutcome> outcomes) {
    Map<LeadId, DealOutcome> out = new HashMap<>();
    for (DealOutcome d : outcomes) {
      out.merge(d.lead(), d, (a, b) -> b.at().isBefore(a.at()) ? b : a);
    }
    return out;
  }

  /** Running maxima of one lead's score at its touchpoints in the period. */
  private record Trajectory(LeadId lead, long[] at, double[] max) {
    double peak() {
      return max[max.length - 1];
    }

    /** When the lead first reached {@code t}, or NEVER. */
    long reach(double t) {
      int lo = 0;
      int hi = max.length - 1;
      if (max[hi] < t) {
        return ScoreState.NEVER;
      }
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (max[mid] >= t) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return at[lo];
    }
  }

  private static @Nullable Trajectory trajectory(CompiledModelImpl m, LeadHistory h, long fromMs,
      long toMs, Instant to) {
    double fit = m.hasFit()
        ? m.fitPoints(EvaluationInput.of(h.lead(), m.fitHistory(h.touchpoints()), to)) : 0;
    ScoreState s = m.newState(h.lead().id());
    s.fit = fit;
    long[] at = new long[h.touchpoints().size()];
    double[] max = new double[at.length];
    int n = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (Touchpoint t : h.touchpoints()) {
      long ms = t.at().toEpochMilli();
      if (ms >= toMs) {
        break;
      }
      m.apply(s, t);
      if (ms < fromMs) {
        continue;
      }
      double v = m.valueAt(s, ms);
      if (v > best) {
        best = v;
        at[n] = ms;
        max[n] = v;
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    return new Trajectory(h.lead().id(), java.util.Arrays.copyOf(at, n),
        java.util.Arrays.copyOf(max, n));
  }
}
