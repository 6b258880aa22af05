package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.IllegalStageTransitionException;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateArbitraries;
import dev.leadkit.core.predicate.ReferenceInterpreter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Incremental membership (touchpoints, lead changes, lists, due time checks) always equals a
 * from-scratch evaluation with the reference interpreter, and the published events replay to
 * the stored membership.
 */
class IncrementalMembershipPropertyTest {
  static final List<SegmentId> IDS = List.of(SegmentId.of("s1"), SegmentId.of("s2"),
      SegmentId.of("s3"));

  sealed interface Op {}

  record Track(int lead, TouchpointType type, Optional<String> url, Optional<String> campaign,
      long backSeconds) implements Op {}

  /** Several touchpoints in one {@code trackAll}, the first one twice (same id). */
  record TrackBatch(List<Track> batch) implements Op {}

  record SetAttr(int lead, AttributeKey key, Optional<AttributeValue> value) implements Op {}

  record SetScore(int lead, String model, double value, Optional<String> band) implements Op {}

  record SetConsent(int lead, ConsentStatus status) implements Op {}

  record SetOwner(int lead, Optional<String> owner) implements Op {}

  record SetStage(int lead, LifecycleStage stage) implements Op {}

  record ListOp(int lead, String list, boolean add) implements Op {}

  record Advance(long seconds) implements Op {}

  @Provide
  Arbitrary<List<Predicate>> definitions() {
    Arbitrary<Predicate> p1 = PredicateArbitraries.predicates()
        .filter(p -> p.compile().dependencies().segments().isEmpty());
    Arbitrary<Predicate> p2 = PredicateArbitraries.predicates()
        .filter(p -> Set.of(IDS.get(0)).containsAll(p.compile().dependencies().segments()));
    Arbitrary<Predicate> p3 = PredicateArbitraries.predicates()
        .map(p -> Predicate.Or.class.isInstance(p) ? p : p.or(new Predicate.InSegment(IDS.get(1))));
    return Combinators.combine(p1, p2, p3).as(List::of);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Integer> lead = Arbitraries.integers().between(0, 1);
    Arbitrary<Track> track = Combinators.combine(lead,
        Arbitraries.of(PredicateArbitraries.TYPES),
        Arbitraries.of(PredicateArbitraries.URLS).optional(0.8),
        Arbitraries.of(PredicateArbitraries.CAMPAIGNS).optional(0.4),
        Arbitraries.longs().between(0, 100L * 86400).injectDuplicates(0.3))
        .as(Track::new);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, track.map(t -> (Op) t)),
        net.jqwik.api.Tuple.of(2, track.list().ofMinSize(1).ofMaxSize(4).map(TrackBatch::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(lead,
            Arbitraries.of(PredicateArbitraries.KEYS),
            PredicateArbitraries.anyValue().optional(0.8)).as(SetAttr::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(lead, Arbitraries.of("engagement", "fit"),
            Arbitraries.of(0.0, 5.0, 20.0, 25.0, -1.5),
            Arbitraries.of("A", "B", "C").optional()).as(SetScore::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(lead, Arbitraries.of(ConsentStatus.class))
            .as(SetConsent::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(lead,
            Arbitraries.of("rep-1", "rep-2").optional()).as(SetOwner::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(lead,
            Arbitraries.of(LifecycleStage.class)).as(SetStage::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(lead, Arbitraries.of("l1", "l2"),
            Arbitraries.of(true, false)).as(ListOp::new)),
        net.jqwik.api.Tuple.of(4, Arbitraries.oneOf(
            Arbitraries.longs().between(1, 3600),
            Arbitraries.longs().between(1, 40L * 86400),
            // long jumps across 90-day windows
            Arbitraries.longs().between(80L * 86400, 200L * 86400)).map(Advance::new)));
    return op.list().ofMaxSize(25);
  }

  @Property(tries = 200)
  void incrementalMembershipEqualsFullReferenceEvaluation(
      @ForAll("definitions") List<Predicate> defs, @ForAll("ops") List<Op> ops,
      @ForAll boolean touchpointCache) {
    ManualClock clock = ManualClock.at(PredicateArbitraries.NOW);
    SegmentsPlugin segments = SegmentsPlugin.builder().touchpointCache(touchpointCache).build();
    LeadKit kit = LeadKit.builder().clock(clock).vocabulary(PredicateArbitraries.VOCABULARY)
        .install(segments).build();
    Set<List<Object>> fromEvents = new HashSet<>();
    kit.events().on(SegmentEntered.class, e -> assertThat(fromEvents.add(List.of(e.segment(),
        e.lead()))).as("entered twice: " + e).isTrue());
    kit.events().on(SegmentExited.class, e -> assertThat(fromEvents.remove(List.of(e.segment(),
        e.lead()))).as("exited without entering: " + e).isTrue());
    List<LeadId> leads = List.of(
        kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id(),
        kit.upsertLead(LeadInput.email("b@example.com").build()).lead().id());
    for (int i = 0; i < IDS.size(); i++) {
      segments.define(new SegmentDefinition(IDS.get(i), "segment " + i, defs.get(i)));
    }
    check(kit, segments, defs, leads, fromEvents, "after definition");
    for (Op op : ops) {
      apply(kit, segments, clock, leads, op);
      kit.runDue();
      check(kit, segments, defs, leads, fromEvents, "after " + op);
    }
  }

  private static void apply(LeadKit kit, SegmentsPlugin segments, ManualClock clock,
      List<LeadId> leads, Op op) {
    Instant now = clock.instant();
    if (op instanceof Track t) {
      kit.track(touchpoint(leads, now, t));
    } else if (op instanceof TrackBatch tb) {
      List<Touchpoint> batch = new java.util.ArrayList<>();
      for (Track t : tb.batch()) {
        batch.add(touchpoint(leads, now, t));
      }
      batch.add(batch.get(0));
      kit.trackAll(batch);
    } else if (op instanceof SetAttr a) {
      kit.modify(leads.get(a.lead()), l -> l.withAttributes(a.value()
          .map(v -> l.attributes().with(a.key(), v)).orElse(l.attributes().without(a.key())),
          now));
    } else if (op instanceof SetScore s) {
      kit.modify(leads.get(s.lead()), l -> l.withScore(s.model(),
          new Score(s.value(), now, s.band())));
    } else if (op instanceof SetConsent c) {
      kit.recordConsent(leads.get(c.lead()), Channel.EMAIL, c.status(), "test");
    } else if (op instanceof SetOwner o) {
      kit.modify(leads.get(o.lead()), l -> l.withOwner(o.owner().map(OwnerId::of), now));
    } else if (op instanceof SetStage s) {
      try {
        kit.changeStage(leads.get(s.lead()), s.stage(), "test");
      } catch (IllegalStageTransitionException e) {
        // not every move is allowed; the refused one changes nothing
      }
    } else if (op instanceof ListOp l) {
      if (l.add()) {
        segments.lists().add(ListId.of(l.list()), List.of(leads.get(l.lead())));
      } else {
        segments.lists().remove(ListId.of(l.list()), List.of(leads.get(l.lead())));
      }
    } else if (op instanceof Advance a) {
      clock.advance(Duration.ofSeconds(a.seconds()));
    }
  }

  private static Touchpoint touchpoint(List<LeadId> leads, Instant now, Track t) {
    Touchpoint.Builder b = Touchpoint.forLead(leads.get(t.lead()), t.type(),
        now.minusSeconds(t.backSeconds()));
    t.url().ifPresent(b::url);
    t.campaign().ifPresent(c -> b.property(PropertyKey.CAMPAIGN, c));
    return b.build();
  }

  private static void check(LeadKit kit, SegmentsPlugin segments, List<Predicate> defs,
      List<LeadId> leads, Set<List<Object>> fromEvents, String when) {
    Instant now = kit.clock().instant();
    for (LeadId id : leads) {
      Lead lead = kit.require(id);
      List<Touchpoint> history = kit.touchpointLog().findByLead(id, TouchpointQuery.all());
      Set<ListId> lists = segments.lists().listsOf(id);
      Set<SegmentId> expected = new HashSet<>();
      for (int i = 0; i < IDS.size(); i++) {
        if (ReferenceInterpreter.eval(defs.get(i), lead, history, now, lists,
            new HashSet<>(expected))) {
          expected.add(IDS.get(i));
        }
      }
      assertThat(segments.segmentsOf(id)).as("%s, lead %s, now %s, defs %s", when, id, now,
          defs.stream().map(Predicate::toText).toList()).isEqualTo(expected);
      for (SegmentId s : IDS) {
        assertThat(fromEvents.contains(List.of(s, id))).as("events replay for " + s)
            .isEqualTo(expected.contains(s));
      }
    }
  }
}
