package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Replays recorded touchpoints through a candidate model on a simulated clock and reports the
 * hand-offs it would have made, over time, and how many became deals (R4.4). Threshold
 * semantics are the engine's own ({@link CompiledModel#score}): hysteresis, cool-down and decay
 * crossings, which the simulation processes at the instants decay causes them, in time order
 * across all leads. Only the model's first threshold counts as the hand-off.
 *
 * <pre>{@code
 * BacktestReport now = Backtest.of(current).history(h).outcomes(deals).period(from, to).run();
 * BacktestReport next = Backtest.of(candidate).history(h).outcomes(deals).period(from, to).run();
 * BacktestComparison cmp = Backtest.compare(now, next);
 * }</pre>
 *
 * <p>Touchpoints before the period warm the scores up; their hand-offs are not counted.
 * Touchpoints at or after the end are ignored. Fit rules see each lead as given.
 */
public final class Backtest {
  private Backtest() {}

  /** Starts a backtest of {@code model}, which must have a threshold. */
  public static Builder of(ScoringModel model) {
    if (model == null || model.thresholds().isEmpty()) {
      throw new InvalidValueException("a backtest needs a model with a threshold: "
          + (model == null ? null : model.name()));
    }
    return new Builder(model);
  }

  /** Two reports over the same period side by side, bucket by bucket. */
  public static BacktestComparison compare(BacktestReport a, BacktestReport b) {
    if (!a.from().equals(b.from()) || !a.to().equals(b.to()) || !a.bucket().equals(b.bucket())) {
      throw new InvalidValueException("backtests compared must share period and bucket: "
          + a.from() + ".." + a.to() + "/" + a.bucket() + " vs " + b.from() + ".." + b.to() + "/"
          + b.bucket());
    }
    List<BacktestComparison.Row> rows = new ArrayList<>();
    for (int i = 0; i < a.buckets().size(); i++) {
      BacktestReport.Bucket x = a.buckets().get(i);
      BacktestReport.Bucket y = b.buckets().get(i);
      rows.add(new BacktestComparison.Row(x.start(), x.handOffs(), x.deals(), y.handOffs(),
          y.deals()));
    }
    return new BacktestComparison(a, b, rows);
  }

  /** Configures and runs a backtest. */
  public static final class Builder {
    private final ScoringModel model;
    private final List<LeadHistory> history = new ArrayList<>();
    private final List<DealOutcome> outcomes = new ArrayList<>();
    private @Nullable Instant from;
    private @Nullable Instant to;
    private Duration bucket = Duration.ofDays(7);
    private Duration window = Duration.ofDays(180);

    private Builder(ScoringModel model) {
      this.model = model;
    }

    /** The leads and their touchpoints. */
    public Builder history(Collection<LeadHistory> value) {
      history.addAll(value);
      return this;
    }

    /** The deal outcomes. */
    public Builder outcomes(Collection<DealOutcome> value) {
      outcomes.addAll(value);
      return this;
    }

    /** The period {@code [from, to)} whose hand-offs are reported. */
    public Builder period(Instant fromInclusive, Instant toExclusive) {
      if (fromInclusive == null || toExclusive == null || !toExclusive.isAfter(fromInclusive)) {
        throw new InvalidValueException("backtest period must end after it starts: "
            + fromInclusive + " .. " + toExclusive);
      }
      from = fromInclusive;
      to = toExclusive;
      return this;
    }

    /** The report's bucket length (default 7 days). */
    public Builder bucket(Duration value) {
      if (value == null || value.toMillis() < 1000) {
        throw new InvalidValueException("bucket must be at least one second: " + value);
      }
      bucket = value;
      return this;
    }

    /** How long after a hand-off a deal still counts for it (default 180 days). */
    public Builder attributionWindow(Duration value) {
      if (value == null || value.isNegative()) {
        throw new InvalidValueException("attribution window must not be negative: " + value);
      }
      window = value;
      return this;
    }

    /** Runs the simulation. */
    public BacktestReport run() {
      Instant f = from;
      Instant t = to;
      if (f == null || t == null) {
        throw new InvalidValueException("backtest needs a period");
      }
      return simulate(this, f, t);
    }
  }

  private record Event(long at, int kind, int lead, int index) {}

  private static BacktestReport simulate(Builder b, Instant from, Instant to) {
    CompiledModelImpl m = (CompiledModelImpl) b.model.compile();
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    Map<LeadId, DealOutcome> deals = Calibration.earliest(b.outcomes);
    int n = b.history.size();
    ScoreState[] states = new ScoreState[n];
    // the simulated clock: touchpoints (kind 1) and decay checks (kind 0), in time order
    PriorityQueue<Event> clock = new PriorityQueue<>((x, y) -> x.at != y.at
        ? Long.compare(x.at, y.at) : x.kind != y.kind ? Integer.compare(x.kind, y.kind)
        : x.lead != y.lead ? Integer.compare(x.lead, y.lead) : Integer.compare(x.index, y.index));
    for (int i = 0; i < n; i++) {
      LeadHistory h = b.history.get(i);
      states[i] = m.newState(h.lead().id());
      if (m.hasFit()) {
        states[i].fit = m.fitPoints(EvaluationInput.of(h.lead(),
            m.fitDependencies().readsTouchpoints() ? TouchpointHistory.of(h.touchpoints())
                : TouchpointHistory.empty(), to));
      }
      m.check(states[i], Instant.ofEpochMilli(Math.min(fromMs, firstAt(h, fromMs))),
          CompiledModel.IGNORE);
      for (int j = 0; j < h.touchpoints().size(); j++) {
        long at = h.touchpoints().get(j).at().toEpochMilli();
        if (at < toMs) {
          clock.add(new Event(at, 1, i, j));
        }
      }
    }
    List<BacktestReport.HandOff> handOffs = new ArrayList<>();
    long[] scheduled = new long[n];
    java.util.Arrays.fill(scheduled, ScoreState.NO_CHECK);
    while (!clock.isEmpty()) {
      Event e = clock.poll();
      if (e.at >= toMs) {
        break;
      }
      ScoreState s = states[e.lead];
      int lead = e.lead;
      CompiledModel.CrossingListener sink = (idx, th, up, v, at) -> {
        if (idx == 0 && up && at >= fromMs && at < toMs) {
          LeadId id = s.lead();
          DealOutcome d = deals.get(id);
          long w = b.window.toMillis();
          Optional<DealOutcome> deal = d != null && d.at().toEpochMilli() >= at
              && d.at().toEpochMilli() - at <= w ? Optional.of(d) : Optional.empty();
          handOffs.add(new BacktestReport.HandOff(id, Instant.ofEpochMilli(at), v, deal));
        }
      };
      if (e.kind == 0) {
        if (scheduled[lead] != e.at) {
          continue; // superseded by a later touchpoint
        }
        m.check(s, Instant.ofEpochMilli(e.at), sink);
      } else {
        m.score(s, b.history.get(lead).touchpoints().get(e.index), sink);
      }
      if (s.nextCheck() != ScoreState.NO_CHECK && s.nextCheck() < toMs
          && s.nextCheck() != scheduled[lead]) {
        scheduled[lead] = s.nextCheck();
        clock.add(new Event(s.nextCheck(), 0, lead, 0));
      } else if (s.nextCheck() == ScoreState.NO_CHECK) {
        scheduled[lead] = ScoreState.NO_CHECK;
      }
    }
    handOffs.sort(java.util.Comparator.comparing(BacktestReport.HandOff::at)
        .thenComparing(BacktestReport.HandOff::lead));
    return BacktestReport.of(b.model.name(), b.model.version(), from, to, b.bucket,
        handOffs);
  }

  private static long firstAt(LeadHistory h, long fallback) {
    return h.touchpoints().isEmpty() ? fallback : h.touchpoints().get(0).at().toEpochMilli();
  }
}
