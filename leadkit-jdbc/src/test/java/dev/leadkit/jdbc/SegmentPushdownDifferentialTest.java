package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Glob;
import dev.leadkit.core.predicate.PredicateArbitraries;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 7's differential test: random predicates (every node kind, from core's
 * {@link PredicateArbitraries}) over random leads, histories, list and segment membership, at
 * random times. The in-memory compiled evaluator and {@link SegmentQuery} on each database must
 * select exactly the same leads, page by page and in the count.
 */
class SegmentPushdownDifferentialTest {
  private static final Map<Dialect, JdbcStores> STORES = new EnumMap<>(Dialect.class);

  /** One lead with its history and memberships. */
  record Case(Lead lead, List<Touchpoint> history, Set<ListId> lists, Set<SegmentId> segments) {}

  /** A predicate, the leads, and the evaluation time. */
  record Scenario(Predicate predicate, List<Case> cases, Instant now) {}

  @Property(tries = 150)
  void h2SelectsExactlyTheLeadsTheInMemoryEvaluatorSelects(@ForAll("scenarios") Scenario s) {
    check(Dialect.H2, s.predicate(), s.cases(), s.now());
  }

  @Property(tries = 80)
  void postgresSelectsExactlyTheLeadsTheInMemoryEvaluatorSelects(
      @ForAll("scenarios") Scenario s) {
    check(Dialect.POSTGRESQL, s.predicate(), s.cases(), s.now());
  }

  @Property(tries = 80)
  void mariaDbSelectsExactlyTheLeadsTheInMemoryEvaluatorSelects(
      @ForAll("scenarios") Scenario s) {
    check(Dialect.MARIADB, s.predicate(), s.cases(), s.now());
  }

  private static synchronized JdbcStores stores(Dialect dialect) {
    return STORES.computeIfAbsent(dialect, d -> TestDatabases
        .stores(d, SegmentPushdownDifferentialTest.class.getName())
        .leadCache(LeadCache.disabled()).build());
  }

  private static void check(Dialect dialect, Predicate predicate, List<Case> cases,
      Instant now) {
    JdbcStores stores = stores(dialect);
    TestDatabases.emptySchema(dialect, SegmentPushdownDifferentialTest.class.getName());
    List<Lead> leads = new ArrayList<>();
    List<Touchpoint> touchpoints = new ArrayList<>();
    List<SegmentMembershipStore.Change> memberships = new ArrayList<>();
    for (Case c : cases) {
      leads.add(c.lead());
      touchpoints.addAll(c.history());
      for (SegmentId s : c.segments()) {
        memberships.add(new SegmentMembershipStore.Change(s, c.lead().id(), true, now));
      }
    }
    stores.leadStore().saveAll(leads);
    if (!touchpoints.isEmpty()) {
      stores.touchpointLog().appendAll(touchpoints);
    }
    for (Case c : cases) {
      for (ListId l : c.lists()) {
        stores.staticListStore().addAll(l, List.of(c.lead().id()));
      }
    }
    if (!memberships.isEmpty()) {
      stores.segmentMembershipStore().apply(memberships);
    }

    CompiledPredicate compiled = predicate.compile();
    List<LeadId> expected = new ArrayList<>();
    for (Case c : cases) {
      List<Touchpoint> sorted = c.history().stream()
          .sorted(Comparator.comparing(Touchpoint::at).thenComparing(t -> t.id().value()))
          .toList();
      EvaluationInput in = EvaluationInput.of(c.lead(), sorted, now)
          .withLists(c.lists()).withSegments(c.segments());
      if (compiled.test(in)) {
        expected.add(c.lead().id());
      }
    }
    expected.sort(Comparator.comparing(LeadId::value));

    SegmentQuery query = stores.segmentQuery();
    List<LeadId> paged = new ArrayList<>();
    LeadId after = null;
    do {
      PredicateQuery.Page page = query.matching(predicate, now, after, 2);
      paged.addAll(page.leads());
      after = page.next().orElse(null);
    } while (after != null);
    String why = dialect.displayName() + ": " + predicate.toText() + " at " + now;
    assertThat(paged).as(why).containsExactlyElementsOf(expected);
    assertThat(query.count(predicate, now)).as(why).isEqualTo(expected.size());
    Statistics.label("evaluation").collect(query.fullyPushedDown(predicate) ? "all in SQL"
        : "SQL + Java re-check");
    Statistics.label("matches").collect(expected.isEmpty() ? "none"
        : expected.size() == cases.size() ? "all" : "some");
  }

  /**
   * Whole trees; single leaves with and without a negation (where translations differ); and
   * behaviour leaves that always carry a URL glob (some of which need the Java re-check), alone,
   * negated and mixed with other leaves.
   */
  @Provide
  Arbitrary<Predicate> predicates() {
    Arbitrary<Predicate> globbed = globbedBehaviour();
    Arbitrary<Predicate> numbered = numberedBehaviour();
    return Arbitraries.oneOf(PredicateArbitraries.predicates(), PredicateArbitraries.leaves(),
        PredicateArbitraries.leaves().map(Predicate.Not::new), globbed,
        globbed.map(Predicate.Not::new), numbered, numbered.map(Predicate.Not::new),
        Combinators.combine(globbed, PredicateArbitraries.leaves(), Arbitraries.of(true, false))
            .as((g, l, and) -> and ? new Predicate.And(List.of(g, new Predicate.Not(l)))
                : new Predicate.Or(List.of(new Predicate.Not(g), l))));
  }

  private static Arbitrary<Predicate> globbedBehaviour() {
    Arbitrary<TouchpointFilter> filter = Combinators.combine(
        Arbitraries.of(PredicateArbitraries.TYPES).set().ofMaxSize(2),
        Arbitraries.of(PredicateArbitraries.GLOBS),
        PredicateArbitraries.propertyFilters().list().ofMaxSize(1)).as((types, glob, more) -> {
          List<PropertyFilter> ps = new ArrayList<>(more);
          ps.add(new PropertyFilter.Matches(PropertyKey.URL, Glob.of(glob)));
          return new TouchpointFilter(types, ps);
        });
    Arbitrary<Predicate> count = Combinators.combine(filter, PredicateArbitraries.windows(),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 3))
        .filter((f, w, min, span) -> min > 0 || span >= 0)
        .as((f, w, min, span) -> new Predicate.TouchCount(f, w, min,
            span < 0 ? OptionalInt.empty() : OptionalInt.of(min + span)));
    Arbitrary<Predicate> last = Combinators.combine(filter,
        Arbitraries.of(Predicate.Recency.class), PredicateArbitraries.durations())
        .as(Predicate.LastTouch::new);
    return Arbitraries.oneOf(count, last);
  }

  /**
   * Behaviour counts that always compare the {@code seconds} property as a number (as in
   * {@code count(page_view where url ~ "/pricing/**" and seconds >= 60, last 30d) >= 3}), some
   * with a URL glob beside it.
   */
  private static Arbitrary<Predicate> numberedBehaviour() {
    Arbitrary<TouchpointFilter> filter = Combinators.combine(
        Arbitraries.of(PredicateArbitraries.TYPES).set().ofMaxSize(2),
        PredicateArbitraries.numberFilters(),
        Arbitraries.of(PredicateArbitraries.GLOBS).optional(0.5)).as((types, number, glob) -> {
          List<PropertyFilter> ps = new ArrayList<>();
          glob.ifPresent(g -> ps.add(new PropertyFilter.Matches(PropertyKey.URL, Glob.of(g))));
          ps.add(number);
          return new TouchpointFilter(types, ps);
        });
    return Combinators.combine(filter, PredicateArbitraries.windows(),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 2))
        .filter((f, w, min, span) -> min > 0 || span >= 0)
        .as((f, w, min, span) -> new Predicate.TouchCount(f, w, min,
            span < 0 ? OptionalInt.empty() : OptionalInt.of(min + span)));
  }

  @Provide
  Arbitrary<Instant> nows() {
    return Arbitraries.of(0L, 1L, -3600L, 86_400L * 10, -86_400L * 40)
        .map(s -> PredicateArbitraries.NOW.plus(Duration.ofSeconds(s)));
  }

  /**
   * A predicate and a time first, then leads whose touchpoints often sit exactly on (or one
   * second off) the edges of the predicate's windows, where SQL and memory could disagree.
   */
  @Provide
  Arbitrary<Scenario> scenarios() {
    return Combinators.combine(predicates(), nows()).flatAs((p, now) -> {
      List<Instant> edges = new ArrayList<>();
      edges(p, now, edges);
      Arbitrary<Case> one = Combinators.combine(PredicateArbitraries.leads(), histories(edges),
          PredicateArbitraries.lists(), PredicateArbitraries.segments())
          .as((l, h, ls, ss) -> new Case(l, h, ls, ss));
      return one.list().ofMinSize(1).ofMaxSize(6)
          .map(cs -> new Scenario(p, renumber(cs), now));
    });
  }

  private static void edges(Predicate p, Instant now, List<Instant> out) {
    if (p instanceof Predicate.And a) {
      a.operands().forEach(o -> edges(o, now, out));
    } else if (p instanceof Predicate.Or o) {
      o.operands().forEach(x -> edges(x, now, out));
    } else if (p instanceof Predicate.Not n) {
      edges(n.operand(), now, out);
    } else if (p instanceof Predicate.LastTouch t) {
      out.add(now.minus(t.age()));
    } else if (p instanceof Predicate.TouchCount c) {
      if (c.window() instanceof Predicate.Window.Last l) {
        out.add(now.minus(l.length()));
      } else if (c.window() instanceof Predicate.Window.Since since) {
        out.add(since.from());
      } else if (c.window() instanceof Predicate.Window.Between b) {
        out.add(b.from());
        out.add(b.to());
      }
    }
  }

  /** Histories like core's, with times on whole days and hours, and on the given edges. */
  private static Arbitrary<List<Touchpoint>> histories(List<Instant> edges) {
    Arbitrary<Long> coarse = Arbitraries.oneOf(
        Arbitraries.longs().between(-120, 5).map(d -> d * 86_400),
        Arbitraries.longs().between(-48, 48).map(h -> h * 3_600),
        Arbitraries.longs().between(-200L * 86_400, 5L * 86_400));
    Arbitrary<Long> offsets = edges.isEmpty() ? coarse : Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, coarse),
        net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of(edges),
            Arbitraries.of(-1L, 0L, 0L, 1L)).as((e, d) -> e.getEpochSecond() + d
                - PredicateArbitraries.NOW.getEpochSecond())));
    Arbitrary<PredicateArbitraries.TouchSpec> spec = Combinators.combine(
        Arbitraries.of(PredicateArbitraries.TYPES), offsets,
        Arbitraries.of(PredicateArbitraries.URLS).optional(0.8),
        Arbitraries.of(PredicateArbitraries.CAMPAIGNS).optional(0.4),
        Arbitraries.of(PredicateArbitraries.SECONDS).optional(0.5))
        .as(PredicateArbitraries.TouchSpec::new);
    return spec.list().ofMaxSize(10).map(specs -> {
      List<Touchpoint> out = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        PredicateArbitraries.TouchSpec ts = specs.get(i);
        Touchpoint.Builder b = Touchpoint.forLead(PredicateArbitraries.LEAD, ts.type(),
            PredicateArbitraries.NOW.plusSeconds(ts.offset())).id("t" + i);
        ts.url().ifPresent(b::url);
        ts.campaign().ifPresent(c -> b.property(PropertyKey.CAMPAIGN, c));
        ts.seconds().ifPresent(v -> b.property(PropertyKey.SECONDS, v));
        out.add(b.build());
      }
      return out;
    });
  }

  /** Gives every generated lead (all generated as "lead-1") its own id, e-mail and touchpoints. */
  private static List<Case> renumber(List<Case> cases) {
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      LeadId id = LeadId.of("lead-" + i);
      Lead g = c.lead();
      Lead lead = new Lead(id, EmailAddress.parse("lead-" + i + "@example.com"),
          g.attributes(), g.stage(), g.stageHistory(), g.consents(), g.owner(), g.scores(),
          g.createdAt(), g.updatedAt(), 0);
      List<Touchpoint> history = new ArrayList<>();
      for (Touchpoint t : c.history()) {
        history.add(new Touchpoint(dev.leadkit.core.touch.TouchpointId.of(
            "l" + i + "-" + t.id().value()), java.util.Optional.of(id), t.visitor(), t.type(),
            t.at(), t.channel(), t.properties()));
      }
      out.add(new Case(lead, history, new TreeSet<>(c.lists()), new TreeSet<>(c.segments())));
    }
    return out;
  }
}
