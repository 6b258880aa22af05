package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several dispatchers, each with its own {@link JdbcStores} as if on its own node, share one
 * database. Every entry must be handed over exactly once, and no entry may ever be held by two
 * live claims.
 */
class MultiNodeOutboxTest {
  private static final int NODES = 4;
  private static final int MESSAGES = 240;
  private static final Duration LEASE = Duration.ofMinutes(1);

  /** The live claims seen so far: key to (token, lease end). */
  private final Map<String, OutboxEntry> holders = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, String> delivered = new ConcurrentHashMap<>();
  private final List<String> duplicates = new CopyOnWriteArrayList<>();

  private void checkClaim(OutboxEntry e, Instant now) {
    OutboxEntry previous = holders.put(e.key().value(), e);
    if (previous != null && previous.leaseUntil().orElseThrow().isAfter(now)) {
      violations.add(e.key() + " claimed at " + now + " while the lease of "
          + previous.claimToken().orElseThrow() + " ran until " + previous.leaseUntil().get());
    }
  }

  private void deliver(Outbox outbox, OutboxEntry e, Instant now, String node) {
    if (outbox.markSent(e.key(), e.claimToken().orElseThrow(), now, node)) {
      holders.remove(e.key().value(), e);
      if (delivered.putIfAbsent(e.key().value(), node) != null) {
        duplicates.add(e.key().value());
      }
    }
  }

  private List<Outbox> nodes(Dialect d) {
    String owner = getClass().getName();
    TestDatabases.emptySchema(d, owner);
    List<Outbox> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(TestDatabases.stores(d, owner).build().outbox());
    }
    return nodes;
  }

  private static List<OutboundMessage> messages() {
    List<OutboundMessage> out = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      out.add(message(String.format("journey:welcome:lead-%04d:step-1", i),
          T0.plusMillis(i % 17)));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentDispatchersHandOverEveryMessageExactlyOnce(Dialect d) throws Exception {
    List<Outbox> nodes = nodes(d);
    nodes.get(0).enqueueAll(messages(), T0);
    Instant now = T0.plusSeconds(1);
    CyclicBarrier start = new CyclicBarrier(NODES);
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int n = 0; n < NODES; n++) {
        Outbox outbox = nodes.get(n);
        String node = "node-" + n;
        results.add(pool.submit(() -> {
          start.await();
          int handled = 0;
          while (true) {
            List<OutboxEntry> batch = outbox.claim(now, 7, LEASE);
            if (batch.isEmpty()) {
              return handled;
            }
            for (OutboxEntry e : batch) {
              checkClaim(e, now);
              deliver(outbox, e, now, node);
              handled++;
            }
          }
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(MESSAGES);
    } finally {
      pool.shutdownNow();
    }
    assertThat(violations).isEmpty();
    assertThat(duplicates).isEmpty();
    assertThat(delivered).hasSize(MESSAGES);
    assertThat(nodes.get(1).countByStatus()).containsEntry(OutboxStatus.SENT, (long) MESSAGES)
        .containsEntry(OutboxStatus.CLAIMED, 0L).containsEntry(OutboxStatus.PENDING, 0L);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void workOfAKilledDispatcherIsTakenOverAfterItsLeaseAndItsLateCompletionIsRefused(Dialect d)
      throws Exception {
    List<Outbox> nodes = nodes(d);
    nodes.get(0).enqueueAll(messages(), T0);
    AtomicReference<Instant> clock = new AtomicReference<>(T0.plusSeconds(1));
    List<OutboxEntry> abandoned = new CopyOnWriteArrayList<>();
    CyclicBarrier start = new CyclicBarrier(NODES);
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      List<Future<?>> phase = new ArrayList<>();
      for (int n = 0; n < NODES; n++) {
        Outbox outbox = nodes.get(n);
        String node = "node-" + n;
        boolean killed = n == 0;
        phase.add(pool.submit(() -> {
          if (killed) {
            // the doomed node claims a batch, delivers two of its five messages and dies
            Instant now = clock.get();
            List<OutboxEntry> batch = outbox.claim(now, 5, LEASE);
            batch.forEach(e -> checkClaim(e, now));
            start.await();
            deliver(outbox, batch.get(0), now, node);
            deliver(outbox, batch.get(1), now, node);
            abandoned.addAll(batch.subList(2, batch.size()));
            return null;
          }
          start.await();
          while (true) {
            Instant now = clock.get();
            List<OutboxEntry> batch = outbox.claim(now, 5, LEASE);
            if (batch.isEmpty()) {
              return null;
            }
            for (OutboxEntry e : batch) {
              checkClaim(e, now);
              deliver(outbox, e, now, node);
            }
          }
        }));
      }
      for (Future<?> f : phase) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(abandoned).hasSize(3);
      assertThat(nodes.get(1).countByStatus()).containsEntry(OutboxStatus.CLAIMED, 3L)
          .containsEntry(OutboxStatus.SENT, (long) MESSAGES - 3);

      // the survivors find the dead node's batch only once its lease has run out
      Instant beforeExpiry = T0.plusSeconds(1).plus(LEASE).minusMillis(1);
      assertThat(nodes.get(1).claim(beforeExpiry, 10, LEASE)).isEmpty();
      clock.set(T0.plusSeconds(1).plus(LEASE));
      List<Future<?>> takeover = new ArrayList<>();
      for (int n = 1; n < NODES; n++) {
        Outbox outbox = nodes.get(n);
        String node = "node-" + n;
        takeover.add(pool.submit(() -> {
          while (true) {
            Instant now = clock.get();
            List<OutboxEntry> batch = outbox.claim(now, 2, LEASE);
            if (batch.isEmpty()) {
              return null;
            }
            for (OutboxEntry e : batch) {
              checkClaim(e, now);
              deliver(outbox, e, now, node);
            }
          }
        }));
      }
      for (Future<?> f : takeover) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (OutboxEntry e : abandoned) {
      assertThat(nodes.get(0).markSent(e.key(), e.claimToken().orElseThrow(), clock.get(),
          "zombie")).isFalse();
      assertThat(nodes.get(0).find(e.key()).orElseThrow().attempts()).isEqualTo(2);
    }
    assertThat(violations).isEmpty();
    assertThat(duplicates).isEmpty();
    assertThat(delivered).hasSize(MESSAGES).doesNotContainValue("zombie");
    assertThat(nodes.get(2).countByStatus()).containsEntry(OutboxStatus.SENT, (long) MESSAGES);
    assertThat(nodes.get(3).find(MessageKey.of(abandoned.get(0).key().value())).orElseThrow()
        .providerId()).isPresent();
  }
}
