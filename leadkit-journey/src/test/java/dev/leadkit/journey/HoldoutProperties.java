package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HoldoutProperties {
  @Provide
  Arbitrary<Double> shares() {
    return Arbitraries.of(0.05, 0.1, 0.2, 0.5, 0.9);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
  }

  @Property(tries = 200)
  void assignmentIsStableAcrossCallsAndInstances(@ForAll("ids") String lead,
      @ForAll("ids") String journey, @ForAll("shares") double share, @ForAll("ids") String salt) {
    Holdout a = new Holdout(share, salt);
    Holdout b = new Holdout(share, salt);
    boolean first = a.holdsOut(LeadId.of(lead), JourneyId.of(journey));
    for (int i = 0; i < 3; i++) {
      assertThat(b.holdsOut(LeadId.of(lead), JourneyId.of(journey))).isEqualTo(first);
    }
    // a larger share never releases a lead a smaller one holds out
    if (first) {
      assertThat(new Holdout(Math.min(0.99, share + 0.05), salt).holdsOut(LeadId.of(lead),
          JourneyId.of(journey))).isTrue();
    }
  }

  /**
   * Over 20,000 random lead ids the held-out count lies within 4.5 standard deviations of
   * {@code share * n} (a false alarm about once in 150,000 runs), and two journeys (or two
   * salts) draw independent groups: their overlap is near {@code share^2 * n}.
   */
  @Property(tries = 10)
  void heldOutShareIsWithinStatisticalBoundsAndJourneysDrawIndependently(
      @ForAll("shares") double share, @ForAll long seed) {
    java.util.Random r = new java.util.Random(seed);
    int n = 20_000;
    List<LeadId> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leads.add(LeadId.of(new UUID(r.nextLong(), r.nextLong()).toString()));
    }
    Holdout h = new Holdout(share, "s1");
    JourneyId adoption = JourneyId.of("adoption");
    JourneyId welcome = JourneyId.of("welcome");
    long held = leads.stream().filter(l -> h.holdsOut(l, adoption)).count();
    double sd = Math.sqrt(n * share * (1 - share));
    assertThat((double) held).isBetween(n * share - 4.5 * sd, n * share + 4.5 * sd);
    long both = leads.stream().filter(l -> h.holdsOut(l, adoption) && h.holdsOut(l, welcome))
        .count();
    double p2 = share * share;
    double sd2 = Math.sqrt(n * p2 * (1 - p2));
    assertThat((double) both).isBetween(n * p2 - 4.5 * sd2, n * p2 + 4.5 * sd2);
    Holdout other = new Holdout(share, "s2");
    long bothSalts = leads.stream().filter(l -> h.holdsOut(l, adoption)
        && other.holdsOut(l, adoption)).count();
    assertThat((double) bothSalts).isBetween(n * p2 - 4.5 * sd2, n * p2 + 4.5 * sd2);
  }

  @Test
  void sharesOutsideZeroAndOneAreRefusedWithTheValue() {
    assertThatThrownBy(() -> Holdout.of(0)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> Holdout.of(1.5)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1.5");
  }
}
