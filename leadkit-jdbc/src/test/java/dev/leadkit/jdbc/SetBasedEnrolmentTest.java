package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.ReEntryPolicy;
import dev.leadkit.journey.event.EnrolmentStarted;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.SetBasedEnrolment;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of the set-based segment enrolment ({@link SetBasedEnrolment} on
 * {@link JdbcEnrolmentStore}) against the engine's paged path, on H2, PostgreSQL and MariaDB.
 * Two copies of one random world (leads with and without e-mail consent, goal attributes and
 * page views; segment members incl. ids with no lead; earlier enrolments live and exited, with
 * exits on and around the cool-down edge) are built under two table prefixes; the same
 * journeys (re-entry never / always / after 7 days, goals on an attribute, on behaviour and on
 * a static list) enrol the segment's members through the set-based path in one copy and the
 * paged path in the other. Stored enrolments, returned counts, counters and
 * {@link EnrolmentStarted} events must be identical; running it again enrols nobody.
 */
class SetBasedEnrolmentTest {
  private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
  private static final SegmentId SEGMENT = SegmentId.of("seg");
  private static final SegmentId OTHER = SegmentId.of("other");
  private static final AttributeKey TIER = AttributeKey.of("tier");

  static Stream<Arguments> worlds() {
    List<Arguments> out = new ArrayList<>();
    for (long seed = 1; seed <= 8; seed++) {
      out.add(Arguments.of(Dialect.H2, seed));
    }
    for (long seed = 1; seed <= 4; seed++) {
      out.add(Arguments.of(Dialect.POSTGRESQL, seed));
      out.add(Arguments.of(Dialect.MARIADB, seed));
    }
    return out.stream();
  }

  // ------------------------------------------------------------------ journeys

  /** The journeys under test; all but the last take the set-based path. */
  private static List<Journey> journeys() {
    return List.of(
        Journey.builder("j-never").reEntry(ReEntryPolicy.never())
            .send("n1", "tpl-n1").build(),
        Journey.builder("j-always").reEntry(ReEntryPolicy.always())
            .send("a1", "tpl-a1").build(),
        Journey.builder("j-cool").reEntry(ReEntryPolicy.after(Duration.ofDays(7)))
            .goal(PredicateText.parse("tier = \"gold\""))
            .send("c1", "tpl-c1").build(),
        Journey.builder("j-behave").reEntry(ReEntryPolicy.after(Duration.ofDays(7)))
            .goal(PredicateText.parse("count(page_view) >= 2"))
            .send("b1", "tpl-b1").build(),
        Journey.builder("j-list").reEntry(ReEntryPolicy.never())
            .goal(PredicateText.parse("in list \"vip\""))
            .send("l1", "tpl-l1").build());
  }

  private static final String PAGED_ONLY = "j-list";

  // ------------------------------------------------------------------ the plan

  private record LeadSpec(LeadId id, String tier, ConsentStatus consent, int views,
      boolean member, boolean otherMember) {}

  /** One earlier enrolment: its journey, lead, sequence, and exit time (null: still live). */
  private record Earlier(JourneyId journey, LeadId lead, int seq, Instant exitAt) {}

  private record Plan(List<LeadSpec> leads, List<LeadId> ghosts, List<Earlier> earlier,
      List<LeadId> vip) {}

  private static Plan plan(long seed) {
    Random rnd = new Random(seed);
    int n = 30 + rnd.nextInt(50);
    List<LeadSpec> leads = new ArrayList<>();
    List<LeadId> vip = new ArrayList<>();
    ConsentStatus[] consents = {null, ConsentStatus.SUBSCRIBED, ConsentStatus.SUBSCRIBED,
        ConsentStatus.UNSUBSCRIBED};
    for (int i = 0; i < n; i++) {
      LeadId id = LeadId.of(String.format("lead-%03d-%d", i, rnd.nextInt(10)));
      leads.add(new LeadSpec(id, rnd.nextInt(4) == 0 ? "gold" : rnd.nextBoolean() ? "silver"
          : null, consents[rnd.nextInt(consents.length)], rnd.nextInt(4),
          rnd.nextInt(5) != 0, rnd.nextInt(3) == 0));
      if (rnd.nextInt(4) == 0) {
        vip.add(id);
      }
    }
    List<LeadId> ghosts = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      ghosts.add(LeadId.of("ghost-" + i));
    }
    Instant[] exits = {NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofDays(7)).plusSeconds(1), NOW.minus(Duration.ofDays(1))};
    List<Earlier> earlier = new ArrayList<>();
    for (Journey j : journeys()) {
      for (LeadSpec l : leads) {
        int kind = rnd.nextInt(8);
        // 0-2 none; 3 live; 4 exited; 5 exited twice; 6 exited then live; 7 exited, other lead
        if (kind == 3) {
          earlier.add(new Earlier(j.id(), l.id(), 1, null));
        } else if (kind == 4 || kind == 7) {
          earlier.add(new Earlier(j.id(), l.id(), 1, exits[rnd.nextInt(exits.length)]));
        } else if (kind == 5) {
          earlier.add(new Earlier(j.id(), l.id(), 1, exits[0]));
          earlier.add(new Earlier(j.id(), l.id(), 2, exits[rnd.nextInt(exits.length)]));
        } else if (kind == 6) {
          earlier.add(new Earlier(j.id(), l.id(), 1, exits[rnd.nextInt(exits.length)]));
          earlier.add(new Earlier(j.id(), l.id(), 2, null));
        }
      }
    }
    // an enrolment in a journey nobody enrols into now, for the same leads
    for (LeadSpec l : leads) {
      if (rnd.nextInt(3) == 0) {
        earlier.add(new Earlier(JourneyId.of("unrelated"), l.id(), 1, null));
      }
    }
    return new Plan(leads, ghosts, earlier, vip);
  }

  // ------------------------------------------------------------------ a world

  /** Records which store methods the engine called. */
  private static final class Recorder implements InvocationHandler {
    private final EnrolmentStore target;
    final List<String> calls = new CopyOnWriteArrayList<>();

    Recorder(EnrolmentStore target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args)
        throws Throwable {
      calls.add(m.getName());
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private static final class World {
    final JdbcStores stores;
    final JdbcEnrolmentStore jdbcStore;
    final Recorder recorder;
    final Journeys journeys;
    final LeadKit kit;
    final List<EnrolmentStarted> events = new CopyOnWriteArrayList<>();

    World(Dialect dialect, DataSource ds, String prefix, boolean setBased, int chunk) {
      stores = JdbcStores.builder(ds).dialect(dialect).tablePrefix(prefix)
          .leadCache(LeadCache.disabled()).build();
      jdbcStore = (JdbcEnrolmentStore) stores.enrolmentStore();
      jdbcStore.segmentChunk(chunk);
      recorder = new Recorder(jdbcStore);
      Class<?>[] faces = setBased
          ? new Class<?>[] {EnrolmentStore.class, SetBasedEnrolment.class}
          : new Class<?>[] {EnrolmentStore.class};
      EnrolmentStore store = (EnrolmentStore) Proxy.newProxyInstance(
          getClass().getClassLoader(), faces, recorder);
      journeys = Journeys.builder().enrolmentStore(store).timerStore(stores.timerStore())
          .sendLog(stores.sendLog())
          .counters(stores.journeyCounters()).build();
      SegmentsPlugin segments = SegmentsPlugin.builder()
          .membershipStore(stores.segmentMembershipStore())
          .staticListStore(stores.staticListStore()).build();
      kit = LeadKit.builder().clock(ManualClock.at(NOW.toString()))
          .leadStore(stores.leadStore()).touchpointLog(stores.touchpointLog())
          .outbox(stores.outbox()).vocabulary(Vocabulary.custom().attributeKeys(TIER).build())
          .install(segments).install(journeys).build();
      journeys.onEnrolmentStarted(events::add);
      journeys().forEach(journeys::publish);
      // enrolSegment needs a defined segment; fill() writes its members straight to the store
      segments.define(SegmentDefinition.of(SEGMENT.value(), "members written by fill()",
          Predicates.never()));
    }

    void fill(Plan plan) {
      Instant t0 = NOW.minus(Duration.ofDays(60));
      List<Touchpoint> views = new ArrayList<>();
      List<SegmentMembershipStore.Change> members = new ArrayList<>();
      for (LeadSpec l : plan.leads()) {
        Map<AttributeKey, AttributeValue> attrs = new HashMap<>();
        if (l.tier() != null) {
          attrs.put(TIER, AttributeValue.text(l.tier()));
        }
        Lead lead = Lead.create(l.id(), EmailAddress.parse(l.id().value() + "@example.test"),
            Attributes.of(attrs), t0);
        if (l.consent() != null) {
          lead = lead.withConsent(new ConsentRecord(Channel.EMAIL, l.consent(), "test", t0));
        }
        stores.leadStore().save(lead);
        for (int v = 0; v < l.views(); v++) {
          views.add(Touchpoint.forLead(l.id(), TouchpointType.PAGE_VIEW,
              NOW.minus(Duration.ofHours(v + 1))).id("tp-" + l.id().value() + "-" + v)
              .url("https://example.test/p" + v).build());
        }
        if (l.member()) {
          members.add(new SegmentMembershipStore.Change(SEGMENT, l.id(), true, t0));
        }
        if (l.otherMember()) {
          members.add(new SegmentMembershipStore.Change(OTHER, l.id(), true, t0));
        }
      }
      plan.ghosts().forEach(g -> members.add(
          new SegmentMembershipStore.Change(SEGMENT, g, true, t0)));
      stores.touchpointLog().appendAll(views);
      stores.segmentMembershipStore().apply(members);
      if (!plan.vip().isEmpty()) {
        stores.staticListStore().addAll(ListId.of("vip"), plan.vip());
      }
      Map<String, Journey> byId = new HashMap<>();
      journeys().forEach(j -> byId.put(j.id().value(), j));
      List<Enrolment> old = new ArrayList<>();
      for (Earlier e : plan.earlier()) {
        Journey j = byId.getOrDefault(e.journey().value(),
            Journey.builder(e.journey().value()).send("u1", "tpl-u1").build());
        Instant at = NOW.minus(Duration.ofDays(40)).plus(Duration.ofDays(e.seq()));
        Enrolment x = Enrolment.start(j, e.lead(), e.seq(), "earlier", at);
        old.add(e.exitAt() == null ? x : x.exit(ExitReason.COMPLETED, e.exitAt()));
      }
      assertThat(jdbcStore.insertAll(old)).hasSize(old.size());
    }

    List<Enrolment> all(JourneyId journey) {
      List<Enrolment> out = new ArrayList<>();
      EnrolmentId after = null;
      while (true) {
        List<Enrolment> page = jdbcStore.page(journey, after, 100);
        out.addAll(page);
        if (page.size() < 100) {
          return out;
        }
        after = page.get(page.size() - 1).id();
      }
    }

    Map<CounterKey, Long> counters(JourneyId journey) {
      return stores.journeyCounters().snapshot(journey.value());
    }
  }

  private static String prefix(Dialect dialect, String owner) {
    return TestDatabases.emptySchema(dialect, SetBasedEnrolmentTest.class.getSimpleName() + "-"
        + owner);
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("worlds")
  void setBasedEqualsPaged(Dialect dialect, long seed) {
    DataSource ds = TestDatabases.dataSource(dialect);
    Plan plan = plan(seed);
    int chunk = 1 + new Random(seed * 31).nextInt(25);
    World fast = new World(dialect, ds, prefix(dialect, "fast"), true, chunk);
    World paged = new World(dialect, ds, prefix(dialect, "paged"), false, chunk);
    fast.fill(plan);
    paged.fill(plan);

    int members = plan.leads().stream().mapToInt(l -> l.member() ? 1 : 0).sum()
        + plan.ghosts().size();
    int enrolledInAll = 0;
    for (Journey j : journeys()) {
      fast.recorder.calls.clear();
      int a = fast.journeys.enrolSegment(j.id(), SEGMENT);
      int b = paged.journeys.enrolSegment(j.id(), SEGMENT);
      boolean setBasedExpected = !j.id().value().equals(PAGED_ONLY);
      if (setBasedExpected) {
        assertThat(fast.recorder.calls).as("set-based path for %s", j.id())
            .contains("enrolSegment").doesNotContain("insertAll", "findByLeads");
      } else {
        assertThat(fast.recorder.calls).as("paged path for %s (goal reads a list)", j.id())
            .doesNotContain("enrolSegment").contains("insertAll");
      }
      assertThat(paged.recorder.calls).doesNotContain("enrolSegment");
      assertThat(a).as("enrolled into %s", j.id()).isEqualTo(b);
      assertThat(fast.all(j.id())).as("enrolments of %s", j.id()).isEqualTo(paged.all(j.id()));
      assertThat(fast.counters(j.id())).as("counters of %s", j.id())
          .isEqualTo(paged.counters(j.id()));
      enrolledInAll += a;
    }
    assertThat(fast.events).isEqualTo(paged.events);
    assertThat(fast.events).hasSize(enrolledInAll);
    // the world is not trivial: some enrolled, some refused
    assertThat(enrolledInAll).isPositive().isLessThan(members * journeys().size());

    // idempotent: a second run enrols nobody and changes nothing
    for (Journey j : journeys()) {
      List<Enrolment> before = fast.all(j.id());
      assertThat(fast.journeys.enrolSegment(j.id(), SEGMENT)).isZero();
      assertThat(paged.journeys.enrolSegment(j.id(), SEGMENT)).isZero();
      assertThat(fast.all(j.id())).isEqualTo(before);
    }
    assertThat(fast.events).hasSize(enrolledInAll);
    assertThat(fast.all(JourneyId.of("unrelated"))).isEqualTo(paged.all(JourneyId.of("unrelated")));
  }

  /**
   * A chunk whose commit fails leaves nothing of its own behind (earlier chunks stay, reported
   * in counters and events); running the enrolment again completes it without duplicates and
   * ends where the paged path ends.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void failedChunkRollsBackAndRerunCompletes(Dialect dialect) {
    DataSource real = TestDatabases.dataSource(dialect);
    String prefix = prefix(dialect, "crash");
    FailingCommits failing = new FailingCommits(real, prefix + "enrolments");
    Plan plan = plan(99);
    World fast = new World(dialect, failing.dataSource(), prefix, true, 4);
    World paged = new World(dialect, real, prefix(dialect, "crash-paged"), false, 4);
    fast.fill(plan);
    paged.fill(plan);
    JourneyId journey = JourneyId.of("j-always");
    int expected = paged.journeys.enrolSegment(journey, SEGMENT);
    assertThat(expected).as("enough members for several chunks").isGreaterThan(12);

    failing.failAt(3); // the third chunk's commit fails
    assertThatThrownBy(() -> fast.journeys.enrolSegment(journey, SEGMENT))
        .isInstanceOf(JdbcException.class).hasRootCauseMessage("injected commit failure");
    assertThat(failing.failed.get()).isEqualTo(1);
    List<Enrolment> afterCrash = fast.all(journey);
    List<Enrolment> reported = fast.events.stream().map(EnrolmentStarted::enrolment).toList();
    List<Enrolment> newRows = afterCrash.stream()
        .filter(e -> e.source().equals("segment:" + SEGMENT.value())).toList();
    // exactly the reported (committed) chunks are stored, nothing of the failed one
    assertThat(newRows).containsExactlyInAnyOrderElementsOf(reported);
    assertThat(newRows).isNotEmpty().hasSizeLessThan(expected);
    assertThat(fast.counters(journey).get(CounterKey.of(journey.value(), "enrolled")))
        .isEqualTo((long) newRows.size());

    failing.failAt(0);
    int rest = fast.journeys.enrolSegment(journey, SEGMENT);
    assertThat(newRows.size() + rest).isEqualTo(expected);
    assertThat(fast.all(journey)).isEqualTo(paged.all(journey));
    assertThat(fast.counters(journey)).isEqualTo(paged.counters(journey));
    assertThat(fast.events).containsExactlyInAnyOrderElementsOf(paged.events);
    assertThat(fast.journeys.enrolSegment(journey, SEGMENT)).isZero();
  }

  /**
   * Two engines on one schema enrol the same segment at the same time (small chunks, so their
   * statements interleave): every lead is enrolled once, the two counts add up to the paged
   * path's, and the stored enrolments and counters equal the paged path's.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentEnginesEnrolEachLeadOnce(Dialect dialect) throws Exception {
    DataSource ds = TestDatabases.dataSource(dialect);
    String prefix = prefix(dialect, "race");
    Plan plan = plan(7);
    World one = new World(dialect, ds, prefix, true, 3);
    World two = new World(dialect, ds, prefix, true, 3);
    World paged = new World(dialect, ds, prefix(dialect, "race-paged"), false, 3);
    one.fill(plan);
    paged.fill(plan);
    JourneyId journey = JourneyId.of("j-always");
    int expected = paged.journeys.enrolSegment(journey, SEGMENT);
    assertThat(expected).isGreaterThan(6);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (World w : List.of(one, two)) {
        runs.add(pool.submit(() -> {
          start.await();
          return w.journeys.enrolSegment(journey, SEGMENT);
        }));
      }
      start.countDown();
      int total = runs.get(0).get(60, TimeUnit.SECONDS) + runs.get(1).get(60, TimeUnit.SECONDS);
      assertThat(total).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
    assertThat(one.all(journey)).isEqualTo(paged.all(journey));
    assertThat(one.counters(journey)).isEqualTo(paged.counters(journey));
    assertThat(one.events.size() + two.events.size()).isEqualTo(expected);
  }

  /** A data source whose n-th commit after an enrolment INSERT ... SELECT fails. */
  private static final class FailingCommits {
    private final DataSource real;
    private final String table;
    private final AtomicInteger seen = new AtomicInteger();
    private volatile int failAt;
    final AtomicInteger failed = new AtomicInteger();

    FailingCommits(DataSource real, String table) {
      this.real = real;
      this.table = table;
    }

    void failAt(int n) {
      seen.set(0);
      failAt = n;
    }

    DataSource dataSource() {
      return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {DataSource.class}, (p, m, a) -> {
            Object r = call(m, real, a);
            return m.getName().equals("getConnection") ? connection((Connection) r) : r;
          });
    }

    private Connection connection(Connection c) {
      boolean[] enrolling = {false};
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                && sql.contains(table + " (id, journey, lead_id") && sql.contains("SELECT")) {
              enrolling[0] = true;
            }
            if (m.getName().equals("commit") && enrolling[0]) {
              enrolling[0] = false;
              if (failAt > 0 && seen.incrementAndGet() == failAt) {
                failed.incrementAndGet();
                throw new SQLException("injected commit failure");
              }
            }
            if (m.getName().equals("rollback") || m.getName().equals("close")) {
              enrolling[0] = false;
            }
            return call(m, c, a);
          });
    }

    private static Object call(java.lang.reflect.Method m, Object target, Object[] args)
        throws Throwable {
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
