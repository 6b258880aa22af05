package dev.leadkit.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LiftTest {
  @Test
  void wilsonIntervalOfNoSuccessesInTenMatchesTheClosedForm() {
    double[] w = Lift.wilson(0, 10, 1.96);
    assertThat(w[0]).isEqualTo(0.0);
    // upper end z^2 / (n + z^2) when k = 0
    assertThat(w[1]).isCloseTo(3.8416 / 13.8416, within(1e-12));
  }

  @Test
  void twentyPercentMoreOpportunitiesIsReportedAsRelativeLiftWithAnInterval() {
    Lift l = Lift.of(Rate.of(1200, 10_000), Rate.of(100, 1000));
    assertThat(l.difference()).hasValueSatisfying(d -> assertThat(d).isCloseTo(0.02,
        within(1e-12)));
    assertThat(l.relative()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.2,
        within(1e-12)));
    Lift.Interval i = l.interval().orElseThrow();
    assertThat(i.low()).isLessThan(0.02).isGreaterThan(-0.02);
    assertThat(i.high()).isGreaterThan(0.02).isLessThan(0.05);
    // 1000 held out are too few to prove two points: the interval includes 0
    assertThat(l.significant()).isFalse();
    Lift big = Lift.of(Rate.of(12_000, 100_000), Rate.of(1000, 10_000));
    assertThat(big.significant()).isTrue();
  }

  @Test
  void emptyGroupsAndZeroControlRatesLeaveTheFiguresUndefined() {
    assertThat(Lift.of(Rate.of(3, 10), Rate.UNDEFINED).interval()).isEmpty();
    assertThat(Lift.of(Rate.of(3, 10), Rate.UNDEFINED).significant()).isFalse();
    Lift zero = Lift.of(Rate.of(3, 10), Rate.of(0, 10));
    assertThat(zero.relative()).isEmpty();
    assertThat(zero.difference()).contains(0.3);
  }

  @Property(tries = 500)
  void theIntervalHoldsTheDifferenceAndStaysWithinMinusOneAndOne(
      @ForAll @IntRange(min = 1, max = 5000) int n1, @ForAll @IntRange(min = 0, max = 5000) int k1,
      @ForAll @IntRange(min = 1, max = 5000) int n0, @ForAll @IntRange(min = 0, max = 5000)
      int k0) {
    Lift l = Lift.of(Rate.of(Math.min(k1, n1), n1), Rate.of(Math.min(k0, n0), n0));
    Lift.Interval i = l.interval().orElseThrow();
    double d = l.difference().orElseThrow();
    assertThat(i.low()).isBetween(-1.0, d + 1e-12);
    assertThat(i.high()).isBetween(d - 1e-12, 1.0);
  }
}
