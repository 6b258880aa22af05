package dev.leadkit.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateArbitraries;
import dev.leadkit.core.predicate.ReferenceInterpreter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.ArrayList;
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
 * The behaviour cache equals a recount from the log: for random streams (out of order,
 * re-sent duplicates, batches appended before their touchpoints reach the cache, entries built
 * in the middle of the stream) and evaluation times that jump back and forth across window
 * edges, {@code latest(filter, k)} equals the answer computed from the lead's full history, and
 * counts and recency evaluated through the cache equal the reference interpreter, with the same
 * next change as an evaluation over the full history.
 */
class RecentTouchpointsPropertyTest {
  private static final List<LeadId> LEADS = List.of(LeadId.of("a"), LeadId.of("b"));

  sealed interface Op {}

  /** Appends a batch to the log, then hands the fresh touchpoints to the cache one by one. */
  record Append(List<Spec> batch) implements Op {}

  /** Re-sends an earlier touchpoint (same id): the log refuses it, the cache never sees it. */
  record Resend(int index) implements Op {}

  /** Asks the cache (which may build an entry from the log) and compares with a recount. */
  record Ask(int lead, int predicate, long nowOffsetSeconds) implements Op {}

  /** Drops a lead's entries, as identity changes and full evaluations do. */
  record Forget(int lead) implements Op {}

  record Spec(int lead, TouchpointType type, long offsetSeconds, Optional<String> url,
      Optional<String> campaign) {}

  @Provide
  Arbitrary<List<Predicate>> predicates() {
    return Arbitraries.oneOf(PredicateArbitraries.touchCounts(),
        PredicateArbitraries.lastTouches()).list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, 1),
        Arbitraries.of(PredicateArbitraries.TYPES),
        Arbitraries.longs().between(-150L * 86400, 5L * 86400).injectDuplicates(0.2),
        Arbitraries.of(PredicateArbitraries.URLS).optional(0.8),
        Arbitraries.of(PredicateArbitraries.CAMPAIGNS).optional(0.4)).as(Spec::new);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, spec.list().ofMinSize(1).ofMaxSize(4).map(Append::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 40).map(Resend::new)),
        net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, 2),
            // evaluation times before, inside and after the stream, in any order
            Arbitraries.longs().between(-160L * 86400, 130L * 86400)).as(Ask::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1).map(Forget::new)));
    return op.list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void cacheEqualsRecountFromTheLog(@ForAll("predicates") List<Predicate> predicates,
      @ForAll("ops") List<Op> ops) {
    TouchpointLog log = InMemory.touchpointLog();
    RecentTouchpoints cache = new RecentTouchpoints();
    List<CompiledPredicate> compiled = predicates.stream().map(Predicate::compile).toList();
    List<Touchpoint> sent = new ArrayList<>();
    int seq = 0;
    for (Op op : ops) {
      if (op instanceof Append a) {
        List<Touchpoint> batch = new ArrayList<>();
        for (Spec s : a.batch()) {
          Touchpoint.Builder b = Touchpoint.forLead(LEADS.get(s.lead()), s.type(),
              PredicateArbitraries.NOW.plusSeconds(s.offsetSeconds())).id("t" + seq++);
          s.url().ifPresent(b::url);
          s.campaign().ifPresent(c -> b.property(PropertyKey.CAMPAIGN, c));
          batch.add(b.build());
        }
        sent.addAll(batch);
        // like LeadKit.trackAll: the whole batch is in the log before the first hook runs
        for (Touchpoint t : log.appendAll(batch)) {
          cache.add(t);
        }
      } else if (op instanceof Resend r && !sent.isEmpty()) {
        Touchpoint again = sent.get(r.index() % sent.size());
        assertThat(log.appendAll(List.of(again))).isEmpty();
      } else if (op instanceof Forget f) {
        cache.forget(LEADS.get(f.lead()));
      } else if (op instanceof Ask q) {
        LeadId lead = LEADS.get(q.lead());
        Instant now = PredicateArbitraries.NOW.plusSeconds(q.nowOffsetSeconds());
        List<Touchpoint> all = log.findByLead(lead, TouchpointQuery.all());
        TouchpointHistory full = TouchpointHistory.of(all);
        TouchpointHistory cached = cache.history(log, lead, full);
        Predicate p = predicates.get(q.predicate() % predicates.size());
        CompiledPredicate c = compiled.get(q.predicate() % predicates.size());
        TouchpointFilter filter = filterOf(p);
        for (int k = 0; k <= 6; k++) {
          assertThat(cached.latest(filter, k)).as("latest(%s, %d) of %s", filter, k, lead)
              .isEqualTo(full.latest(filter, k));
        }
        Lead l = Lead.create(lead, dev.leadkit.core.lead.EmailAddress.parse(lead.value()
            + "@example.com"), dev.leadkit.core.lead.Attributes.empty(), now);
        EvaluationInput viaCache = EvaluationInput.of(l, cached, now);
        EvaluationInput viaLog = EvaluationInput.of(l, full, now);
        assertThat(c.test(viaCache)).as("%s at %s", p.toText(), now)
            .isEqualTo(ReferenceInterpreter.eval(p, l, all, now, Set.of(), Set.of()));
        assertThat(c.nextChange(viaCache)).as("next change of %s at %s", p.toText(), now)
            .isEqualTo(c.nextChange(viaLog));
      }
    }
  }

  private static TouchpointFilter filterOf(Predicate p) {
    if (p instanceof Predicate.TouchCount c) {
      return c.filter();
    }
    return ((Predicate.LastTouch) p).filter();
  }
}
