package dev.leadkit.core.predicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class PredicatePropertiesTest {

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

  @Provide
  Arbitrary<Set<ListId>> lists() {
    return PredicateArbitraries.lists();
  }

  @Provide
  Arbitrary<Set<SegmentId>> segments() {
    return PredicateArbitraries.segments();
  }

  private static EvaluationInput input(Lead lead, List<Touchpoint> history, Instant now,
      Set<ListId> lists, Set<SegmentId> segments) {
    return EvaluationInput.of(lead, history, now).withLists(lists).withSegments(segments);
  }

  @Property(tries = 800)
  void compiledEvaluatorAgreesWithTheReferenceInterpreter(
      @ForAll("predicates") Predicate p, @ForAll("leads") Lead lead,
      @ForAll("histories") List<Touchpoint> history,
      @ForAll @LongRange(min = -3 * 86400, max = 3 * 86400) long shift,
      @ForAll("lists") Set<ListId> lists, @ForAll("segments") Set<SegmentId> segments) {
    Instant now = PredicateArbitraries.NOW.plusSeconds(shift);
    CompiledPredicate c = p.compile();
    EvaluationInput in = input(lead, history, now, lists, segments);
    boolean expected = ReferenceInterpreter.eval(p, lead, history, now, lists, segments);

    assertThat(c.test(in)).as(p.toText()).isEqualTo(expected);
    assertThat(c.explain(in).matched()).as("explain of " + p.toText()).isEqualTo(expected);
  }

  @Property(tries = 300)
  void historyRestrictedToTheQueryGivesTheSameResult(
      @ForAll("predicates") Predicate p, @ForAll("leads") Lead lead,
      @ForAll("histories") List<Touchpoint> history, @ForAll("lists") Set<ListId> lists,
      @ForAll("segments") Set<SegmentId> segments) {
    Instant now = PredicateArbitraries.NOW;
    CompiledPredicate c = p.compile();
    Optional<TouchpointQuery> q = c.historyQuery(now);
    List<Touchpoint> restricted = q.map(query -> history.stream()
        .filter(t -> query.matches(t.type(), t.at())).toList()).orElse(List.of());

    assertThat(c.test(input(lead, restricted, now, lists, segments)))
        .as(p.toText() + " with " + q)
        .isEqualTo(c.test(input(lead, history, now, lists, segments)));
  }

  @Property(tries = 300)
  void nothingChangesBeforeTheAnnouncedNextChange(
      @ForAll("predicates") Predicate p, @ForAll("leads") Lead lead,
      @ForAll("histories") List<Touchpoint> history,
      @ForAll @LongRange(min = 1, max = 400L * 86400) long later) {
    Instant now = PredicateArbitraries.NOW;
    CompiledPredicate c = p.compile();
    EvaluationInput in = EvaluationInput.of(lead, history, now);
    Optional<Instant> next = c.nextChange(in);
    Instant t = now.plusSeconds(later);
    if (next.isEmpty() || t.isBefore(next.get())) {
      assertThat(c.test(in.at(t))).as(p.toText() + " at " + t + ", next " + next)
          .isEqualTo(c.test(in));
    } else {
      assertThat(next.get()).isAfter(now);
    }
  }

  @Property(tries = 600)
  void textRoundTripIsLossless(@ForAll("predicates") Predicate p) {
    String text = PredicateText.format(p);
    assertThat(PredicateText.parse(text)).as(text).isEqualTo(p);
  }

  @Property(tries = 600)
  void jsonRoundTripIsLossless(@ForAll("predicates") Predicate p) {
    String json = PredicateJson.write(p);
    Predicate back = PredicateJson.read(json);
    assertThat(back).as(json).isEqualTo(p);
    assertThat(PredicateText.format(back)).isEqualTo(PredicateText.format(p));
  }

  @Provide
  Arbitrary<TouchpointFilter> filters() {
    return PredicateArbitraries.filters();
  }

  @Property(tries = 300)
  void touchpointFiltersRoundTripThroughTheirOwnText(@ForAll("filters") TouchpointFilter f) {
    assertThat(PredicateText.parseFilter(PredicateText.formatFilter(f))).isEqualTo(f);
    assertThat(f.toString()).isEqualTo(PredicateText.formatFilter(f));
  }
}
