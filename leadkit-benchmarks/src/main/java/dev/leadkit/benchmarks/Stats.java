package dev.leadkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The statistics behind every ratio in {@code results/latest.json}: forks of the two sides run
 * in pairs, the ratio of each pair, the median of those ratios and a percentile bootstrap
 * interval of that median.
 *
 * <p>Order of forks: pair {@code i} runs leadkit then the reference when {@code i} is even and
 * the reference then leadkit when it is odd ({@code L R R L L R ...}), so that a load that rises
 * or falls steadily during a run hits both sides alike. Each pair is two adjacent forks, one per
 * side; its ratio is leadkit's score over the reference's.
 */
final class Stats {
  /** Resamples of every bootstrap (at least 10,000). */
  static final int RESAMPLES = 10_000;
  /** The seed of every bootstrap, so that the same forks always give the same interval. */
  static final long SEED = 0x1EAD_C17L;
  /** A ratio's interval is "wide" when it reaches further than this from the median. */
  static final double WIDE = 0.1;

  private Stats() {}

  /** The side a fork measured. */
  enum Side {
    LEADKIT, REFERENCE
  }

  /** A two-sided interval. */
  record Interval(double low, double high) {
    /** True if either end lies further than {@code halfWidth} from {@code centre}. */
    boolean widerThan(double centre, double halfWidth) {
      return centre - low > halfWidth + 1e-12 || high - centre > halfWidth + 1e-12;
    }
  }

  /** The sides of pair {@code pair} in the order they run. */
  static Side[] order(int pair) {
    return pair % 2 == 0 ? new Side[] {Side.LEADKIT, Side.REFERENCE}
        : new Side[] {Side.REFERENCE, Side.LEADKIT};
  }

  /**
   * The ratio (leadkit / reference) of each pair of adjacent forks, {@code sides[2i]} and
   * {@code sides[2i + 1]} being pair {@code i}.
   *
   * @throws IllegalArgumentException if the counts differ or are odd, or a pair holds two forks
   *     of one side
   */
  static double[] pairRatios(Side[] sides, double[] scores) {
    if (sides.length != scores.length || sides.length % 2 != 0 || sides.length == 0) {
      throw new IllegalArgumentException("need an even, non-zero number of forks, got "
          + sides.length + " sides and " + scores.length + " scores");
    }
    double[] out = new double[sides.length / 2];
    for (int i = 0; i < out.length; i++) {
      Side a = sides[2 * i];
      Side b = sides[2 * i + 1];
      if (a == b) {
        throw new IllegalArgumentException("pair " + i + " holds two " + a + " forks");
      }
      double mine = a == Side.LEADKIT ? scores[2 * i] : scores[2 * i + 1];
      double ref = a == Side.LEADKIT ? scores[2 * i + 1] : scores[2 * i];
      out[i] = mine / ref;
    }
    return out;
  }

  /** The median (the mean of the two middle values for an even count). */
  static double median(double[] xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("median of nothing");
    }
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * Percentile bootstrap interval of the median of {@code xs}: {@code resamples} samples of
   * {@code xs.length} values drawn with replacement (a {@link SplittableRandom} seeded with
   * {@code seed}), the median of each, and the {@code (1 - level) / 2} and {@code (1 + level) /
   * 2} quantiles of those medians (nearest rank).
   */
  static Interval bootstrapMedian(double[] xs, int resamples, long seed, double level) {
    if (xs.length == 0 || resamples < 1 || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("bootstrap of " + xs.length + " values, " + resamples
          + " resamples, level " + level);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[] medians = new double[resamples];
    double[] sample = new double[xs.length];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < sample.length; i++) {
        sample[i] = xs[r.nextInt(xs.length)];
      }
      Arrays.sort(sample);
      int n = sample.length;
      medians[b] = n % 2 == 1 ? sample[n / 2] : (sample[n / 2 - 1] + sample[n / 2]) / 2;
    }
    Arrays.sort(medians);
    double tail = (1 - level) / 2;
    int lo = (int) Math.ceil(tail * resamples) - 1;
    int hi = (int) Math.ceil((1 - tail) * resamples) - 1;
    return new Interval(medians[Math.max(0, lo)], medians[Math.min(resamples - 1, hi)]);
  }

  /** The 95 % interval with {@link #RESAMPLES} resamples and {@link #SEED}. */
  static Interval bootstrapMedian95(double[] xs) {
    return bootstrapMedian(xs, RESAMPLES, SEED, 0.95);
  }

  /** The scores of one side, in run order. */
  static double[] side(Side[] sides, double[] scores, Side which) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < sides.length; i++) {
      if (sides[i] == which) {
        out.add(scores[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
