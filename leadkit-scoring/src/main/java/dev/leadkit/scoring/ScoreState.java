package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One lead's scoring state under one model: the raw points and the time they were computed,
 * per-rule cap counters, threshold marks and the next instant at which decay takes the score
 * through a boundary. Mutable on purpose, so that {@link CompiledModel#apply} allocates nothing;
 * not thread-safe. Only rules with {@link Caps} keep counters (a rule without caps never needs
 * them); the counters live in one array that is created when the first one moves, so a state
 * under a model without caps is a single small object. A {@link ScoreStateStore} keeps its own copies: what {@code find} returns
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
  /** Counter slots per rule in {@link #counters}. */
  static final int STRIDE = 6;
  static final int DAY_BUCKET = 0;
  static final int DAY_COUNT = 1;
  static final int WEEK_BUCKET = 2;
  static final int WEEK_COUNT = 3;
  static final int TOTAL = 4;
  /** {@code Double.doubleToRawLongBits} of the points given. */
  static final int GIVEN = 5;
  private static final boolean[] NO_FLAGS = new boolean[0];
  private static final long[] NO_TIMES = new long[0];

  private final int ruleCount;
  /**
   * Rule {@code r}'s counters at {@code r * STRIDE + DAY_BUCKET ... GIVEN}; null while every
   * counter is empty (buckets {@link #NEVER}, counts and points 0).
   */
  long @Nullable [] counters;
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
    this.ruleCount = rules;
    if (thresholds == 0) {
      this.above = NO_FLAGS;
      this.announced = NO_FLAGS;
      this.lastHandOff = NO_TIMES;
    } else {
      this.above = new boolean[thresholds];
      this.announced = new boolean[thresholds];
      this.lastHandOff = new long[thresholds];
      Arrays.fill(lastHandOff, NEVER);
    }
  }

  /** The number of behaviour rules this state has counters for. */
  int ruleCount() {
    return ruleCount;
  }

  /** The counters, created empty on first use. */
  long[] counters() {
    long[] c = counters;
    if (c == null) {
      c = new long[ruleCount * STRIDE];
      for (int r = 0; r < ruleCount; r++) {
        c[r * STRIDE + DAY_BUCKET] = NEVER;
        c[r * STRIDE + WEEK_BUCKET] = NEVER;
        c[r * STRIDE + GIVEN] = Double.doubleToRawLongBits(0.0);
      }
      counters = c;
    }
    return c;
  }

  private static final RuleCounter EMPTY = new RuleCounter(NEVER, 0, NEVER, 0, 0, 0.0);

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
      if (c.equals(EMPTY) && s.counters == null) {
        continue;
      }
      long[] k = s.counters();
      int at = i * STRIDE;
      k[at + DAY_BUCKET] = c.dayBucket();
      k[at + DAY_COUNT] = c.dayCount();
      k[at + WEEK_BUCKET] = c.weekBucket();
      k[at + WEEK_COUNT] = c.weekCount();
      k[at + TOTAL] = c.total();
      k[at + GIVEN] = Double.doubleToRawLongBits(c.given());
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

  /**
   * The cap counters of every behaviour rule, in rule order. Only rules with {@link Caps} count;
   * a rule without caps has an empty counter (buckets {@link #NEVER}, counts and points 0).
   */
  public List<RuleCounter> rules() {
    List<RuleCounter> out = new ArrayList<>(ruleCount);
    long[] k = counters;
    for (int i = 0; i < ruleCount; i++) {
      int at = i * STRIDE;
      out.add(k == null ? EMPTY : new RuleCounter(k[at + DAY_BUCKET], (int) k[at + DAY_COUNT],
          k[at + WEEK_BUCKET], (int) k[at + WEEK_COUNT], (int) k[at + TOTAL],
          Double.longBitsToDouble(k[at + GIVEN])));
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
