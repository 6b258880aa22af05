package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One lead's scoring state under one model: the raw points and the time they were computed,
 * per-rule cap counters, threshold marks and the next instant at which decay takes the score
 * through a boundary. Mutable on purpose, so that {@link CompiledModel#apply} allocates nothing;
 * not thread-safe. A {@link ScoreStateStore} keeps its own copies: what {@code find} returns
 * may be changed freely and saved back.
 *
 * <p>Times are epoch milliseconds, {@link #NEVER} for "none".
 */
public final class ScoreState {
  /** "No such instant". */
  public static final long NEVER = Long.MIN_VALUE;
  /** "No next check". */
  public static final long NO_CHECK = Long.MAX_VALUE;

  private final LeadId lead;
  private final String model;
  int modelVersion;
  long revision;
  double positive;
  double negative;
  double fit;
  long asOf = NEVER;
  long nextCheck = NO_CHECK;
  final long[] dayBucket;
  final int[] dayCount;
  final long[] weekBucket;
  final int[] weekCount;
  final int[] total;
  final double[] given;
  final boolean[] above;
  final boolean[] announced;
  final long[] lastHandOff;

  ScoreState(LeadId lead, String model, int modelVersion, int rules, int thresholds) {
    if (lead == null || model == null) {
      throw new InvalidValueException("score state needs a lead and a model");
    }
    this.lead = lead;
    this.model = model;
    this.modelVersion = modelVersion;
    this.dayBucket = new long[rules];
    this.dayCount = new int[rules];
    this.weekBucket = new long[rules];
    this.weekCount = new int[rules];
    this.total = new int[rules];
    this.given = new double[rules];
    Arrays.fill(dayBucket, NEVER);
    Arrays.fill(weekBucket, NEVER);
    this.above = new boolean[thresholds];
    this.announced = new boolean[thresholds];
    this.lastHandOff = new long[thresholds];
    Arrays.fill(lastHandOff, NEVER);
  }

  /**
   * A behaviour rule's cap counters.
   *
   * @param dayBucket the UTC epoch day of {@code dayCount}, or {@link #NEVER}
   * @param dayCount scoring touchpoints on that day
   * @param weekBucket the ISO week index (days since the Monday 1969-12-29, divided by 7), or
   *     {@link #NEVER}
   * @param weekCount scoring touchpoints in that week
   * @param total scoring touchpoints in all
   * @param given points given in all, before decay
   */
  public record RuleCounter(long dayBucket, int dayCount, long weekBucket, int weekCount,
      int total, double given) {}

  /**
   * A threshold's marks.
   *
   * @param above the score is at or above the threshold (with hysteresis)
   * @param announced the last upward crossing was announced (not in a cool-down)
   * @param lastHandOff epoch millis of the last announced upward crossing, or {@link #NEVER}
   */
  public record ThresholdMark(boolean above, boolean announced, long lastHandOff) {}

  /** Rebuilds a state from stored parts, e.g. in a JDBC adapter; {@code revision} as stored. */
  public static ScoreState restore(LeadId lead, String model, int modelVersion, long revision,
      double positive, double negative, double fit, long asOf, long nextCheck,
      List<RuleCounter> rules, List<ThresholdMark> thresholds) {
    ScoreState s = new ScoreState(lead, model, modelVersion, rules.size(), thresholds.size());
    s.revision = revision;
    s.positive = positive;
    s.negative = negative;
    s.fit = fit;
    s.asOf = asOf;
    s.nextCheck = nextCheck;
    for (int i = 0; i < rules.size(); i++) {
      RuleCounter c = rules.get(i);
      s.dayBucket[i] = c.dayBucket();
      s.dayCount[i] = c.dayCount();
      s.weekBucket[i] = c.weekBucket();
      s.weekCount[i] = c.weekCount();
      s.total[i] = c.total();
      s.given[i] = c.given();
    }
    for (int i = 0; i < thresholds.size(); i++) {
      ThresholdMark m = thresholds.get(i);
      s.above[i] = m.above();
      s.announced[i] = m.announced();
      s.lastHandOff[i] = m.lastHandOff();
    }
    return s;
  }

  /** A deep copy. */
  public ScoreState copy() {
    return restore(lead, model, modelVersion, revision, positive, negative, fit, asOf, nextCheck,
        rules(), thresholds());
  }

  /** The lead. */
  public LeadId lead() {
    return lead;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The model version this state was computed with. */
  public int modelVersion() {
    return modelVersion;
  }

  /** The store's revision (compare-and-set); 0 for a state never stored. */
  public long revision() {
    return revision;
  }

  /** A copy of this state carrying {@code newRevision}; used by stores. */
  public ScoreState withRevision(long newRevision) {
    ScoreState s = copy();
    s.revision = newRevision;
    return s;
  }

  /** Positive behaviour points as of {@link #asOf()} (decay applied up to then). */
  public double positive() {
    return positive;
  }

  /** Negative behaviour points (they do not decay). */
  public double negative() {
    return negative;
  }

  /** Fit points as last evaluated. */
  public double fit() {
    return fit;
  }

  /** Epoch millis up to which decay is applied, or {@link #NEVER} before any touchpoint. */
  public long asOf() {
    return asOf;
  }

  /** {@link #asOf()} as an instant. */
  public Optional<Instant> asOfInstant() {
    return asOf == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(asOf));
  }

  /**
   * Epoch millis at which decay takes the score below the next boundary (band minimum or
   * threshold exit level), or {@link #NO_CHECK}. Stores index it for {@link
   * ScoreStateStore#due}.
   */
  public long nextCheck() {
    return nextCheck;
  }

  /** The cap counters of every behaviour rule, in rule order. */
  public List<RuleCounter> rules() {
    List<RuleCounter> out = new ArrayList<>(total.length);
    for (int i = 0; i < total.length; i++) {
      out.add(new RuleCounter(dayBucket[i], dayCount[i], weekBucket[i], weekCount[i], total[i],
          given[i]));
    }
    return out;
  }

  /** The marks of every threshold, in threshold order. */
  public List<ThresholdMark> thresholds() {
    List<ThresholdMark> out = new ArrayList<>(above.length);
    for (int i = 0; i < above.length; i++) {
      out.add(new ThresholdMark(above[i], announced[i], lastHandOff[i]));
    }
    return out;
  }

  /** True if this and {@code other} hold the same scoring data (revision ignored). */
  public boolean sameContent(ScoreState other) {
    return lead.equals(other.lead) && model.equals(other.model)
        && modelVersion == other.modelVersion
        && Double.compare(positive, other.positive) == 0
        && Double.compare(negative, other.negative) == 0
        && Double.compare(fit, other.fit) == 0 && asOf == other.asOf
        && nextCheck == other.nextCheck && rules().equals(other.rules())
        && thresholds().equals(other.thresholds());
  }

  @Override
  public String toString() {
    return "ScoreState[" + lead + ", " + model + " v" + modelVersion + ", +" + positive + " "
        + negative + " fit " + fit + " asOf " + asOfInstant().map(Instant::toString).orElse("-")
        + "]";
  }
}
