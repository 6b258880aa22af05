package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TimerStore}. Subclass it for an adapter and implement {@link
 * #newStore()} to return an empty store. Times are whole seconds, which every database keeps
 * exactly.
 */
public abstract class TimerStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final LeadId ANN = LeadId.of("ann");
  private static final LeadId BOB = LeadId.of("bob");

  /** A new, empty store. */
  protected abstract TimerStore newStore();

  private TimerStore store;

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static Timer timer(String key, LeadId lead, long dueSeconds) {
    return Timer.of("journey", key, lead, T0.plusSeconds(dueSeconds), "p-" + key);
  }

  @Test
  void aScheduledTimerIsStoredUnclaimedAndSchedulingItAgainMovesIt() {
    store.schedule(timer("e1", ANN, 60));
    Timer stored = store.find("journey", "e1").orElseThrow();
    assertThat(stored.due()).isEqualTo(T0.plusSeconds(60));
    assertThat(stored.payload()).isEqualTo("p-e1");
    assertThat(stored.lead()).isEqualTo(ANN);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.lease()).isEmpty();

    store.schedule(Timer.of("journey", "e1", ANN, T0.plusSeconds(120), "moved"));
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.find("journey", "e1").orElseThrow().due()).isEqualTo(T0.plusSeconds(120));
    assertThat(store.find("journey", "e1").orElseThrow().payload()).isEqualTo("moved");
    assertThat(store.find("other", "e1")).isEmpty();
  }

  @Test
  void scheduleAllStoresEachAndTheLastOfOneKeyWins() {
    store.scheduleAll(List.of(timer("a", ANN, 1), timer("b", BOB, 2),
        Timer.of("journey", "a", ANN, T0.plusSeconds(3), "last")));
    assertThat(store.count()).isEqualTo(2);
    assertThat(store.find("journey", "a").orElseThrow().payload()).isEqualTo("last");
    store.scheduleAll(List.of());
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void aClaimTakesOnlyDueTimersEarliestFirstUpToTheLimitWithALeaseFromItsTime() {
    store.scheduleAll(List.of(timer("late", ANN, 300), timer("b", ANN, 20), timer("a", BOB, 10),
        timer("c", BOB, 30)));
    Instant now = T0.plusSeconds(100);
    List<Timer> claimed = store.claimDue(now, 2, LEASE, "node-1");
    assertThat(claimed).extracting(Timer::key).containsExactly("a", "b");
    assertThat(claimed).allSatisfy(t -> {
      assertThat(t.lease()).isPresent();
      assertThat(t.lease().get().holder()).isEqualTo("node-1");
      assertThat(t.lease().get().until()).isEqualTo(now.plus(LEASE));
    });
    assertThat(claimed.get(0).token()).isEqualTo(claimed.get(1).token());
    assertThat(store.find("journey", "a").orElseThrow().lease()).isPresent();

    assertThat(store.claimDue(now, 10, LEASE, "node-2")).extracting(Timer::key)
        .containsExactly("c");
    assertThat(store.claimDue(now, 10, LEASE, "node-2")).isEmpty();
  }

  @Test
  void anExpiredLeaseMakesTheTimerClaimableAgainAndTheStaleHolderCannotCompleteIt() {
    store.schedule(timer("e1", ANN, 0));
    Timer first = store.claimDue(T0, 10, LEASE, "node-1").get(0);
    assertThat(store.claimDue(T0.plus(LEASE).minusSeconds(1), 10, LEASE, "node-2")).isEmpty();

    Timer second = store.claimDue(T0.plus(LEASE), 10, LEASE, "node-2").get(0);
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(second.lease().orElseThrow().holder()).isEqualTo("node-2");

    assertThat(store.complete(first, first.token())).isFalse();
    assertThat(store.release(first, first.token(), T0)).isFalse();
    assertThat(store.reschedule(List.of(first.movedTo(T0, "x")), first.token())).isEmpty();
    assertThat(store.find("journey", "e1").orElseThrow().lease().orElseThrow().token())
        .isEqualTo(second.token());

    assertThat(store.complete(second, second.token())).isTrue();
    assertThat(store.find("journey", "e1")).isEmpty();
    assertThat(store.complete(second, second.token())).isFalse();
  }

  @Test
  void completeNeedsTheClaimsToken() {
    store.schedule(timer("e1", ANN, 0));
    Timer c = store.claimDue(T0, 1, LEASE, "node-1").get(0);
    assertThat(store.complete(c, "another-token")).isFalse();
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.complete(c, c.token())).isTrue();
    assertThat(store.count()).isZero();
  }

  @Test
  void completeAllDeletesOnlyTheTimersStillHeldUnderTheToken() {
    store.scheduleAll(List.of(timer("a", ANN, 0), timer("b", ANN, 0), timer("c", BOB, 0)));
    List<Timer> claimed = store.claimDue(T0, 10, LEASE, "node-1");
    store.cancel("journey", "b");
    store.schedule(timer("c", BOB, 5)); // scheduled again: the claim on c is gone
    assertThat(store.completeAll(claimed, claimed.get(0).token()))
        .containsExactly("journey:a");
    assertThat(store.find("journey", "a")).isEmpty();
    assertThat(store.find("journey", "c").orElseThrow().lease()).isEmpty();
    assertThat(store.completeAll(List.of(), "t")).isEmpty();
  }

  @Test
  void rescheduleMovesAHeldTimerAndDropsItsLease() {
    store.scheduleAll(List.of(timer("a", ANN, 0), timer("b", BOB, 0)));
    List<Timer> claimed = store.claimDue(T0, 10, LEASE, "node-1");
    String token = claimed.get(0).token();
    Timer a = claimed.get(0);
    store.cancel("journey", "b");
    assertThat(store.reschedule(List.of(a.movedTo(T0.plusSeconds(86_400), "next"),
        claimed.get(1).movedTo(T0.plusSeconds(86_400), "next")), token))
        .containsExactly("journey:a");
    Timer moved = store.find("journey", "a").orElseThrow();
    assertThat(moved.due()).isEqualTo(T0.plusSeconds(86_400));
    assertThat(moved.payload()).isEqualTo("next");
    assertThat(moved.lease()).isEmpty();
    assertThat(store.find("journey", "b")).isEmpty();
    assertThat(store.claimDue(T0.plusSeconds(86_399), 10, LEASE, "n")).isEmpty();
    assertThat(store.claimDue(T0.plusSeconds(86_400), 10, LEASE, "n")).hasSize(1);
  }

  @Test
  void releaseBacksOffAFailedTimerAndCountsTheAttempt() {
    store.schedule(timer("e1", ANN, 0));
    Timer c = store.claimDue(T0, 1, LEASE, "node-1").get(0);
    assertThat(store.release(c, c.token(), T0.plusSeconds(30))).isTrue();
    Timer back = store.find("journey", "e1").orElseThrow();
    assertThat(back.attempts()).isEqualTo(1);
    assertThat(back.due()).isEqualTo(T0.plusSeconds(30));
    assertThat(back.lease()).isEmpty();
    assertThat(store.release(c, c.token(), T0.plusSeconds(30))).isFalse();
    assertThat(store.claimDue(T0.plusSeconds(29), 1, LEASE, "n")).isEmpty();
    Timer again = store.claimDue(T0.plusSeconds(30), 1, LEASE, "n").get(0);
    assertThat(again.attempts()).isEqualTo(1);
    store.schedule(timer("e1", ANN, 40));
    assertThat(store.find("journey", "e1").orElseThrow().attempts()).isZero();
  }

  @Test
  void cancelDeletesAHeldTimerAndItsHolderCannotCompleteIt() {
    store.schedule(timer("e1", ANN, 0));
    Timer c = store.claimDue(T0, 1, LEASE, "node-1").get(0);
    assertThat(store.cancel("journey", "e1")).isTrue();
    assertThat(store.cancel("journey", "e1")).isFalse();
    assertThat(store.complete(c, c.token())).isFalse();
    assertThat(store.count()).isZero();
  }

  @Test
  void schedulingAHeldTimerAgainDropsTheLease() {
    store.schedule(timer("e1", ANN, 0));
    Timer c = store.claimDue(T0, 1, LEASE, "node-1").get(0);
    store.schedule(timer("e1", ANN, 0));
    assertThat(store.complete(c, c.token())).isFalse();
    assertThat(store.claimDue(T0, 1, LEASE, "node-2")).hasSize(1);
  }

  @Test
  void findByLeadDeleteLeadFindOverdueAndCount() {
    store.scheduleAll(List.of(timer("a2", ANN, 20), timer("a1", ANN, 10), timer("b", BOB, 5)));
    assertThat(store.findByLead(ANN)).extracting(Timer::key).containsExactly("a1", "a2");
    assertThat(store.findOverdue(T0.plusSeconds(11), 10)).extracting(Timer::key)
        .containsExactly("b", "a1");
    assertThat(store.findOverdue(T0.plusSeconds(11), 1)).extracting(Timer::key)
        .containsExactly("b");
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.deleteLead(ANN)).isEqualTo(2);
    assertThat(store.findByLead(ANN)).isEmpty();
    assertThat(store.deleteLead(ANN)).isZero();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void badArgumentsAreRefusedAndChangeNothing() {
    store.schedule(timer("e1", ANN, 0));
    assertThatThrownBy(() -> store.schedule(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.claimDue(T0, 0, LEASE, "n"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> store.claimDue(T0, 1, Duration.ZERO, "n"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> store.claimDue(T0, 1, LEASE, " "))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.claimDue(null, 1, LEASE, "n"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.complete(null, "t")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.scheduleAll(java.util.Arrays.asList(timer("x", ANN, 0), null)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.findOverdue(T0, 0)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Timer.of("bad kind", "k", ANN, T0, ""))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("bad kind");
    assertThatThrownBy(() -> Timer.of("journey", "k", ANN, T0, "x".repeat(1001)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("1001");
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.find("journey", "e1").orElseThrow().lease()).isEmpty();
    assertThat(store.find("journey", "x")).isEmpty();
  }

  /**
   * Several workers claim and complete at once, all at the same clock reading: every timer is
   * handed to exactly one holder, and all of them are completed.
   */
  @Test
  void concurrentClaimersNeverGetTheSameTimer() throws Exception {
    int timers = 300;
    List<Timer> all = new ArrayList<>();
    for (int i = 0; i < timers; i++) {
      all.add(timer(String.format("e%04d", i), i % 2 == 0 ? ANN : BOB, i % 7));
    }
    store.scheduleAll(all);
    int workers = 4;
    Map<String, String> holderOf = new ConcurrentHashMap<>();
    Set<String> doubles = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String holder = "node-" + w;
        fs.add(pool.submit(() -> {
          start.await();
          int done = 0;
          while (true) {
            List<Timer> batch = store.claimDue(T0.plusSeconds(10), 7, LEASE, holder);
            if (batch.isEmpty()) {
              return done;
            }
            for (Timer t : batch) {
              if (holderOf.putIfAbsent(t.id(), holder) != null) {
                doubles.add(t.id());
              }
            }
            done += store.completeAll(batch, batch.get(0).token()).size();
          }
        }));
      }
      start.countDown();
      int completed = 0;
      for (Future<Integer> f : fs) {
        completed += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(doubles).isEmpty();
      assertThat(completed).isEqualTo(timers);
      assertThat(new HashSet<>(holderOf.keySet())).hasSize(timers);
      assertThat(store.count()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
