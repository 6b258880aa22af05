package dev.leadkit.core.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.internal.TimeDirection;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** The time-direction analysis never claims a direction the evaluator contradicts. */
class TimeDirectionTest {
  @Provide
  Arbitrary<Predicate> predicates() {
    return PredicateArbitraries.predicates();
  }

  @Provide
  Arbitrary<Lead> leads() {
    return PredicateArbitraries.leads();
  }

  @Provide
  Arbitrary<List<Touchpoint>> histories() {
    return PredicateArbitraries.histories();
  }

  @Property(tries = 1500)
  void timeAloneOnlyMovesTheResultTheAnnouncedWay(@ForAll("predicates") Predicate p,
      @ForAll("leads") Lead lead, @ForAll("histories") List<Touchpoint> history,
      @ForAll @LongRange(min = -3 * 86400, max = 3 * 86400) long shift,
      @ForAll @LongRange(min = 1, max = 400L * 86400) long later) {
    TimeDirection d = TimeDirection.of(p);
    Statistics.collect(d);
    CompiledPredicate c = p.compile();
    Instant t1 = PredicateArbitraries.NOW.plusSeconds(shift);
    boolean before = c.test(EvaluationInput.of(lead, history, t1));
    boolean after = c.test(EvaluationInput.of(lead, history, t1.plusSeconds(later)));
    String what = p.toText() + " (" + d + ") at " + t1 + " +" + later + "s";
    switch (d) {
      case NONE -> assertThat(after).as(what).isEqualTo(before);
      case LEAVES -> assertThat(!before && after).as(what + " entered").isFalse();
      case ENTERS -> assertThat(before && !after).as(what + " left").isFalse();
      case BOTH -> assertThat(c.dependencies().timeDependent()).as(what).isTrue();
      default -> throw new AssertionError(d);
    }
    if (d == TimeDirection.NONE) {
      assertThat(c.dependencies().timeDependent()).as(what).isFalse();
    }
    // every direction must actually be exercised, or the property proves little
    Statistics.coverage(checker -> {
      for (TimeDirection each : TimeDirection.values()) {
        checker.check(each).percentage(pct -> pct >= 3);
      }
    });
  }

  @Test
  void directionsOfTheBuildingBlocks() {
    assertThat(TimeDirection.of(PredicateText.parse(
        "count(page_view where url ~ \"/pricing/**\", last 90d) >= 5")))
        .isEqualTo(TimeDirection.LEAVES);
    assertThat(TimeDirection.of(PredicateText.parse(
        "not count(page_view where url ~ \"/pricing/**\", last 90d) >= 5")))
        .isEqualTo(TimeDirection.ENTERS);
    assertThat(TimeDirection.of(PredicateText.parse(
        "industry = \"it\" and count(page_view, last 30d) >= 1")))
        .isEqualTo(TimeDirection.LEAVES);
    assertThat(TimeDirection.of(PredicateText.parse(
        "count(page_view, last 30d) >= 1 or not count(any, last 7d) >= 1")))
        .isEqualTo(TimeDirection.BOTH);
    assertThat(TimeDirection.of(PredicateText.parse("industry = \"it\"")))
        .isEqualTo(TimeDirection.NONE);
  }
}
