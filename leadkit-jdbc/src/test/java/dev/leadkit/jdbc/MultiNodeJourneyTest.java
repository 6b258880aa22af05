package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.port.EnrolmentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7's multi-node test: four engines ({@link LeadKit} with {@link Journeys}), each over its
 * own {@link JdbcStores} as if on its own node, share one database schema (leads, touchpoints,
 * outbox, enrolments, send log, counters) and one mailer that counts hand-overs per message key.
 * A bulk-enrolled drip (send, wait a day, send) runs while one engine dies in the middle of its
 * first batch: after claiming it, it processes a few enrolments, dies while writing the next one
 * (whose message it had already queued) and leaves the batch claimed (the due loop completes a
 * batch at its end, so the finished ones too). The survivors take the batch over once its lease
 * expires; the messages already queued are not sent twice.
 */
class MultiNodeJourneyTest {
  private static final int NODES = 4;
  private static final int LEADS = 600;
  private static final int BATCH = 50;
  /** The doomed engine dies on this save of its first batch, after finishing the ones before. */
  private static final int DIES_AT_SAVE = 5;
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final JourneyId DRIP = JourneyId.of("drip");

  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private final CountingMailer mailer = new CountingMailer();

  /** Hands every message over and counts hand-overs per key. */
  private static final class CountingMailer implements Mailer {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public String send(OutboundMessage message, Lead recipient) {
      calls.computeIfAbsent(message.key().value(), k -> new AtomicInteger()).incrementAndGet();
      return "p-" + message.key().value();
    }
  }

  /** Thrown through the doomed engine's stack: not a RuntimeException, so nothing catches it. */
  private static final class NodeKilled extends Error {
    private static final long serialVersionUID = 1L;

    NodeKilled() {
      super("node killed");
    }
  }

  /**
   * The doomed engine's enrolment store: in its first claimed batch it dies on enrolment write
   * number {@link #DIES_AT_SAVE} (writing nothing), and every later call fails as if the process were
   * gone.
   */
  private static final class Doomed implements EnrolmentStore {
    private final EnrolmentStore delegate;
    private final CountDownLatch claimed = new CountDownLatch(1);
    private final List<Timer> firstBatch = new CopyOnWriteArrayList<>();
    private final AtomicInteger saves = new AtomicInteger();
    private volatile boolean dead;

    Doomed(EnrolmentStore delegate) {
      this.delegate = delegate;
    }

    private void alive() {
      if (dead) {
        throw new NodeKilled();
      }
    }

    @Override
    public Optional<Enrolment> insert(Enrolment enrolment) {
      alive();
      return delegate.insert(enrolment);
    }

    @Override
    public List<Enrolment> insertAll(List<Enrolment> enrolments) {
      alive();
      return delegate.insertAll(enrolments);
    }

    @Override
    public Optional<Enrolment> find(EnrolmentId id) {
      alive();
      return delegate.find(id);
    }

    @Override
    public List<Enrolment> findByLead(LeadId lead) {
      alive();
      return delegate.findByLead(lead);
    }

    @Override
    public int deleteLead(LeadId lead) {
      alive();
      return delegate.deleteLead(lead);
    }

    @Override
    public Map<LeadId, List<Enrolment>> findByLeads(JourneyId journey,
        Collection<LeadId> leads) {
      alive();
      return delegate.findByLeads(journey, leads);
    }

    @Override
    public Optional<Enrolment> findLive(JourneyId journey, LeadId lead) {
      alive();
      return delegate.findLive(journey, lead);
    }

    @Override
    @SuppressWarnings("deprecation")
    public List<Enrolment> claimDue(Instant now, int limit, Duration lease) {
      alive();
      return delegate.claimDue(now, limit, lease);
    }

    /** The doomed engine's timer store: records its first claimed batch; dead with it. */
    TimerStore timers(TimerStore real) {
      return (TimerStore) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {TimerStore.class}, (p, m, args) -> {
            alive();
            Object out;
            try {
              out = m.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            if (m.getName().equals("claimDue") && out instanceof List<?> batch
                && !batch.isEmpty() && firstBatch.isEmpty()) {
              batch.forEach(t -> firstBatch.add((Timer) t));
              claimed.countDown();
            }
            return out;
          });
    }

    @Override
    public Optional<Enrolment> claim(EnrolmentId id, Instant now, Duration lease) {
      alive();
      return delegate.claim(id, now, lease);
    }

    @Override
    public Optional<Enrolment> save(Enrolment enrolment, String leaseToken) {
      alive();
      return delegate.save(enrolment, leaseToken);
    }

    @Override
    public Optional<Enrolment> complete(Enrolment enrolment, String leaseToken) {
      alive();
      return delegate.complete(enrolment, leaseToken);
    }

    @Override
    public Optional<Enrolment> update(Enrolment enrolment) {
      alive();
      if (saves.incrementAndGet() == DIES_AT_SAVE) {
        dead = true;
        throw new NodeKilled();
      }
      return delegate.update(enrolment);
    }

    @Override
    public List<Enrolment> page(JourneyId journey, @Nullable EnrolmentId after, int limit) {
      alive();
      return delegate.page(journey, after, limit);
    }

    @Override
    public List<Enrolment> findOverdue(Instant before, int limit) {
      alive();
      return delegate.findOverdue(before, limit);
    }

    @Override
    public Map<EnrolmentStatus, Long> countByStatus(JourneyId journey) {
      alive();
      return delegate.countByStatus(journey);
    }
  }

  /** One node: its own stores over the shared schema, and its engine. */
  private record Node(JdbcStores stores, EnrolmentStore enrolments, Journeys journeys,
      LeadKit kit) {}

  private Node node(Dialect d, String prefix, boolean doomed) {
    JdbcStores stores = JdbcStores.builder(TestDatabases.dataSource(d)).dialect(d)
        .tablePrefix(prefix).leadCache(LeadCache.disabled()).build();
    EnrolmentStore enrolments = doomed ? new Doomed(stores.enrolmentStore())
        : stores.enrolmentStore();
    TimerStore timers = doomed ? ((Doomed) enrolments).timers(stores.timerStore())
        : stores.timerStore();
    Journeys journeys = Journeys.builder().enrolmentStore(enrolments).timerStore(timers)
        .sendLog(stores.sendLog())
        .counters(stores.journeyCounters()).batchSize(BATCH).lease(LEASE).build();
    LeadKit kit = LeadKit.builder().clock(clock).leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog()).outbox(stores.outbox()).mailer(mailer)
        .install(journeys).build();
    journeys.publish(Journey.builder("drip").send("m1", "tpl-1").wait("w", Duration.ofDays(1))
        .send("m2", "tpl-2").build());
    return new Node(stores, enrolments, journeys, kit);
  }

  /** Runs the node's due work until a round finds nothing to do. */
  private static int drain(LeadKit kit) {
    int steps = 0;
    while (true) {
      DueReport r = kit.runDue();
      int n = r.processed().values().stream().mapToInt(Integer::intValue).sum();
      steps += n;
      if (n == 0 && r.dispatch().claimed() == 0) {
        return steps;
      }
    }
  }

  /** Every survivor drains at once; returns the steps each processed. */
  private static List<Integer> drainAll(ExecutorService pool, List<Node> survivors)
      throws Exception {
    List<Future<Integer>> fs = new ArrayList<>();
    for (Node n : survivors) {
      fs.add(pool.submit(() -> drain(n.kit())));
    }
    List<Integer> out = new ArrayList<>();
    for (Future<Integer> f : fs) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void fourEnginesDeliverEveryMessageExactlyOnceWhileOneDiesMidBatch(Dialect d)
      throws Exception {
    String prefix = TestDatabases.emptySchema(d, getClass().getName());
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(node(d, prefix, i == 0));
    }
    Node doomed = nodes.get(0);
    List<Node> survivors = nodes.subList(1, NODES);
    long t0 = System.nanoTime();
    List<LeadInput> inputs = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      inputs.add(LeadInput.email(String.format("lead-%04d@example.com", i))
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build());
    }
    List<LeadId> ids = nodes.get(1).kit().upsertLeads(inputs).stream()
        .map(r -> r.lead().id()).toList();
    long accepted = nodes.get(2).journeys().enrolAll(DRIP, ids, "bulk").stream()
        .filter(r -> r.accepted()).count();
    assertThat(accepted).isEqualTo(LEADS);

    long t1 = System.nanoTime();
    long t2;
    long t3;
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      // day 0: the doomed engine claims first; the others start once it holds a batch
      Future<Integer> dying = pool.submit(() -> drain(doomed.kit()));
      Doomed store = (Doomed) doomed.enrolments();
      assertThat(store.claimed.await(60, TimeUnit.SECONDS)).isTrue();
      List<Integer> first = drainAll(pool, survivors);
      assertThat(dying).failsWithin(60, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(NodeKilled.class);
      assertThat(store.firstBatch).hasSize(BATCH);
      // a batch is one unit of work, rolled back when the engine dies: the dead engine's whole
      // batch (also the enrolments it had finished) stays claimed until the lease ends, and is
      // run again
      Map<EnrolmentStatus, Long> afterDay0 = survivors.get(0).enrolments().countByStatus(DRIP);
      assertThat(afterDay0).containsEntry(EnrolmentStatus.ACTIVE, (long) BATCH)
          .containsEntry(EnrolmentStatus.WAITING, (long) LEADS - BATCH);
      assertThat(first.stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(LEADS - BATCH);

      // the lease runs out: the survivors take the dead engine's batch over
      t2 = System.nanoTime();
      clock.advance(LEASE);
      List<Integer> takeover = drainAll(pool, survivors);
      assertThat(takeover.stream().mapToInt(Integer::intValue).sum()).isEqualTo(BATCH);
      assertThat(survivors.get(1).enrolments().countByStatus(DRIP))
          .containsEntry(EnrolmentStatus.WAITING, (long) LEADS);

      // a day later every lead gets the second message and completes the journey
      clock.advance(Duration.ofDays(1));
      t3 = System.nanoTime();
      List<Integer> second = drainAll(pool, survivors);
      long t4 = System.nanoTime();
      System.out.printf("multi-node journey on %s: %d leads upserted and enrolled in %d ms; "
          + "day 0 (%d steps, %d messages, one engine killed) %d ms; take-over %d ms; "
          + "day 1 (%d steps, %d messages) %d ms%n", d.displayName(), LEADS,
          (t1 - t0) / 1_000_000, LEADS, LEADS, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
          LEADS, LEADS, (t4 - t3) / 1_000_000);
      assertThat(second.stream().mapToInt(Integer::intValue).sum()).isEqualTo(LEADS);
    } finally {
      pool.shutdownNow();
    }

    // every step processed, every message handed over exactly once, nothing stuck
    assertThat(mailer.calls).hasSize(2 * LEADS);
    assertThat(mailer.calls.entrySet()).allSatisfy(e -> assertThat(e.getValue().get())
        .as("hand-overs of %s", e.getKey()).isEqualTo(1));
    Node any = survivors.get(2);
    assertThat(any.enrolments().countByStatus(DRIP))
        .containsEntry(EnrolmentStatus.EXITED, (long) LEADS)
        .containsEntry(EnrolmentStatus.ACTIVE, 0L).containsEntry(EnrolmentStatus.WAITING, 0L);
    assertThat(any.journeys().stats(DRIP).exitedByReason())
        .containsEntry("completed", (long) LEADS);
    assertThat(any.enrolments().findOverdue(clock.instant().plus(Duration.ofDays(365)), 10))
        .isEmpty();
    assertThat(any.journeys().stuck(Duration.ZERO)).isEmpty();
    assertThat(any.stores().outbox().countByStatus())
        .containsEntry(OutboxStatus.SENT, 2L * LEADS).containsEntry(OutboxStatus.PENDING, 0L)
        .containsEntry(OutboxStatus.CLAIMED, 0L);
    assertThat(any.stores().timerStore().count()).isZero();
    // the dead engine's leases are gone: a late completion under them changes nothing
    Doomed store = (Doomed) doomed.enrolments();
    Timer late = store.firstBatch.get(BATCH - 1);
    assertThat(doomed.stores().timerStore().complete(late, late.token())).isFalse();
  }
}
