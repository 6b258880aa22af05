package dev.leadkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.benchmarks.Stats.Interval;
import dev.leadkit.benchmarks.Stats.Side;
import org.junit.jupiter.api.Test;

class StatsTest {
  private static final Side L = Side.LEADKIT;
  private static final Side R = Side.REFERENCE;

  @Test
  void pairsAlternateTheirOrder() {
    assertThat(Stats.order(0)).containsExactly(L, R);
    assertThat(Stats.order(1)).containsExactly(R, L);
    assertThat(Stats.order(2)).containsExactly(L, R);
  }

  @Test
  void eachAdjacentPairGivesLeadkitOverReference() {
    double[] ratios = Stats.pairRatios(new Side[] {L, R, R, L, L, R},
        new double[] {10, 5, 4, 12, 1, 4});
    assertThat(ratios).containsExactly(2.0, 3.0, 0.25);
  }

  @Test
  void aPairOfOneSideIsRefused() {
    assertThatThrownBy(() -> Stats.pairRatios(new Side[] {L, R, L, L},
        new double[] {1, 2, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair 1");
    assertThatThrownBy(() -> Stats.pairRatios(new Side[] {L, R, L}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 sides");
  }

  @Test
  void sideKeepsRunOrder() {
    Side[] sides = {L, R, R, L};
    double[] scores = {1, 2, 3, 4};
    assertThat(Stats.side(sides, scores, L)).containsExactly(1, 4);
    assertThat(Stats.side(sides, scores, R)).containsExactly(2, 3);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Stats.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void bootstrapOfFiveRatiosSpansThemAll() {
    // P(median of a resample = smallest of 5) = P(Bin(5, 1/5) >= 3) = 0.058 > 0.025
    Interval i = Stats.bootstrapMedian95(new double[] {0.9, 0.7, 0.8, 1.1, 1.0});
    assertThat(i.low()).isEqualTo(0.7);
    assertThat(i.high()).isEqualTo(1.1);
  }

  @Test
  void bootstrapOfSevenRatiosDropsTheExtremes() {
    // P(median <= 1st of 7) = P(Bin(7, 1/7) >= 4) = 0.010 < 0.025,
    // P(median <= 2nd of 7) = P(Bin(7, 2/7) >= 4) = 0.108 > 0.025
    Interval i = Stats.bootstrapMedian95(new double[] {5, 1, 7, 3, 2, 6, 4});
    assertThat(i.low()).isEqualTo(2);
    assertThat(i.high()).isEqualTo(6);
  }

  @Test
  void bootstrapOfManyValuesNarrowsAroundTheMedian() {
    double[] xs = new double[101];
    for (int k = 0; k < xs.length; k++) {
      xs[k] = k;
    }
    // the median's rank has a standard deviation of about sqrt(101) / 2 = 5 ranks
    Interval i = Stats.bootstrapMedian95(xs);
    assertThat(i.low()).isBetween(38.0, 43.0);
    assertThat(i.high()).isBetween(57.0, 62.0);
  }

  @Test
  void bootstrapOfEqualValuesIsThatValue() {
    Interval i = Stats.bootstrapMedian95(new double[] {0.8, 0.8, 0.8, 0.8, 0.8});
    assertThat(i).isEqualTo(new Interval(0.8, 0.8));
  }

  @Test
  void bootstrapIsSeeded() {
    double[] xs = {0.61, 0.72, 0.70, 0.66, 0.81, 0.59, 0.75, 0.69};
    assertThat(Stats.bootstrapMedian(xs, 10_000, 42, 0.95))
        .isEqualTo(Stats.bootstrapMedian(xs, 10_000, 42, 0.95));
    assertThat(Stats.RESAMPLES).isGreaterThanOrEqualTo(10_000);
    Interval i = Stats.bootstrapMedian95(xs);
    assertThat(i.low()).isLessThanOrEqualTo(Stats.median(xs));
    assertThat(i.high()).isGreaterThanOrEqualTo(Stats.median(xs));
  }

  @Test
  void bootstrapRefusesNothing() {
    assertThatThrownBy(() -> Stats.bootstrapMedian95(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.bootstrapMedian(new double[] {1}, 100, 1, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIntervalIsWideWhenEitherEndPassesTheBound() {
    assertThat(new Interval(0.65, 0.85).widerThan(0.75, Stats.WIDE)).isFalse();
    assertThat(new Interval(0.60, 0.80).widerThan(0.75, Stats.WIDE)).isTrue();
    assertThat(new Interval(0.70, 0.90).widerThan(0.75, Stats.WIDE)).isTrue();
  }
}
