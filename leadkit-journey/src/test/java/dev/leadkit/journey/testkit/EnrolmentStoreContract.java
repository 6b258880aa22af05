package dev.leadkit.journey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.memory.JourneyMemory;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link EnrolmentStore}. Subclass it and return a fresh, empty store. */
public abstract class EnrolmentStoreContract {
  /** A journey the contract enrols leads in. */
  protected static final Journey JOURNEY =
      Journey.builder("contract").send("s1", "tpl").wait("w", Duration.ofDays(1)).build();
  /** Another journey. */
  protected static final Journey OTHER = Journey.builder("contract-other").send("s", "t").build();
  /** The contract's "now". */
  protected static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  /** The store under test, created before each test. */
  protected EnrolmentStore store;

  /** The counters {@link #store} is given to complete a batch with, created before each test. */
  protected JourneyCounters counters;

  /** A fresh, empty store. */
  protected abstract EnrolmentStore newStore();

  /**
   * Fresh, empty counters to complete batches with, called after {@link #newStore()}: by
   * default in-memory ones; an adapter that writes completions and counters together returns
   * its own.
   */
  protected JourneyCounters newCounters() {
    return JourneyMemory.counters();
  }

  @BeforeEach
  void createStore() {
    store = newStore();
    counters = newCounters();
  }

  /** A new enrolment of {@code lead} in {@link #JOURNEY}, due at {@code due}. */
  protected static Enrolment enrolment(String lead, int seq, Instant due) {
    return Enrolment.start(JOURNEY, LeadId.of(lead), seq, "contract", T0)
        .due(Optional.of(due), T0);
  }

  @Test
  void insertedEnrolmentIsFoundWithRevisionOne() {
    Enrolment stored = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    assertThat(stored.revision()).isEqualTo(1);
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(store.findLive(JOURNEY.id(), LeadId.of("l1"))).contains(stored);
    assertThat(store.findByLead(LeadId.of("l1"))).containsExactly(stored);
  }

  @Test
  void aSecondLiveEnrolmentInTheSameJourneyIsRefused() {
    store.insert(enrolment("l1", 1, T0)).orElseThrow();
    assertThat(store.insert(enrolment("l1", 2, T0))).isEmpty();
    assertThat(store.insert(enrolment("l1", 1, T0))).isEmpty();
    assertThat(store.insert(Enrolment.start(OTHER, LeadId.of("l1"), 1, "c", T0))).isPresent();
    assertThat(store.findByLead(LeadId.of("l1"))).hasSize(2);
  }

  @Test
  void afterAnExitTheLeadMayEnrolAgain() {
    Enrolment first = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    store.update(first.exit(ExitReason.COMPLETED, T0)).orElseThrow();
    assertThat(store.insert(enrolment("l1", 2, T0.plusSeconds(1)))).isPresent();
    assertThat(store.findByLead(LeadId.of("l1"))).extracting(Enrolment::sequence)
        .containsExactly(1, 2);
    assertThat(store.findLive(JOURNEY.id(), LeadId.of("l1")).orElseThrow().sequence())
        .isEqualTo(2);
  }

  @Test
  void deleteLeadRemovesLiveAndExitedEnrolmentsOfThatLeadOnly() {
    Enrolment first = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    store.update(first.exit(ExitReason.COMPLETED, T0)).orElseThrow();
    Enrolment live = store.insert(enrolment("l1", 2, T0)).orElseThrow();
    Enrolment kept = store.insert(enrolment("l2", 1, T0)).orElseThrow();
    assertThat(store.deleteLead(LeadId.of("l1"))).isEqualTo(2);
    assertThat(store.findByLead(LeadId.of("l1"))).isEmpty();
    assertThat(store.find(live.id())).isEmpty();
    assertThat(store.findLive(JOURNEY.id(), LeadId.of("l1"))).isEmpty();
    assertThat(store.claimDue(T0.plusSeconds(1), 10, LEASE)).extracting(Enrolment::id)
        .containsExactly(kept.id());
    assertThat(store.deleteLead(LeadId.of("l1"))).isZero();
  }

  @Test
  void findByLeadsReadsABatchForOneJourney() {
    Enrolment first = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    store.update(first.exit(ExitReason.COMPLETED, T0)).orElseThrow();
    store.insert(enrolment("l1", 2, T0)).orElseThrow();
    store.insert(Enrolment.start(OTHER, LeadId.of("l2"), 1, "c", T0)).orElseThrow();
    var found = store.findByLeads(JOURNEY.id(),
        List.of(LeadId.of("l1"), LeadId.of("l2"), LeadId.of("l3")));
    assertThat(found).containsOnlyKeys(LeadId.of("l1"));
    assertThat(found.get(LeadId.of("l1"))).extracting(Enrolment::sequence).containsExactly(1, 2);
  }

  @Test
  void insertAllStoresTheAcceptableOnesInOrder() {
    store.insert(enrolment("l2", 1, T0)).orElseThrow();
    List<Enrolment> stored = store.insertAll(List.of(enrolment("l1", 1, T0),
        enrolment("l2", 2, T0), enrolment("l3", 1, T0)));
    assertThat(stored).extracting(e -> e.lead().value()).containsExactly("l1", "l3");
  }

  @Test
  void claimTakesDueEnrolmentsEarliestFirstUpToTheLimit() {
    store.insert(enrolment("late", 1, T0.plusSeconds(30))).orElseThrow();
    store.insert(enrolment("early", 1, T0.plusSeconds(10))).orElseThrow();
    store.insert(enrolment("future", 1, T0.plusSeconds(3600))).orElseThrow();
    List<Enrolment> claimed = store.claimDue(T0.plusSeconds(60), 1, LEASE);
    assertThat(claimed).extracting(e -> e.lead().value()).containsExactly("early");
    assertThat(claimed.get(0).leaseToken()).isPresent();
    assertThat(claimed.get(0).leaseUntil()).contains(T0.plusSeconds(60).plus(LEASE));
    assertThat(store.claimDue(T0.plusSeconds(60), 10, LEASE)).extracting(e -> e.lead().value())
        .containsExactly("late");
    assertThat(store.claimDue(T0.plusSeconds(60), 10, LEASE)).isEmpty();
  }

  @Test
  void aLeasedEnrolmentIsClaimableAgainOnlyAfterItsLeaseExpires() {
    Enrolment e = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    Enrolment first = store.claimDue(T0, 10, LEASE).get(0);
    assertThat(store.claim(e.id(), T0.plusSeconds(1), LEASE)).isEmpty();
    assertThat(store.claimDue(T0.plus(LEASE).minusSeconds(1), 10, LEASE)).isEmpty();
    Enrolment second = store.claimDue(T0.plus(LEASE), 10, LEASE).get(0);
    assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
    // the first holder lost its lease: its writes change nothing
    assertThat(store.complete(first, first.leaseToken().orElseThrow())).isEmpty();
    assertThat(store.save(first, first.leaseToken().orElseThrow())).isEmpty();
    assertThat(store.complete(second.sleep(Optional.empty(), T0), second.leaseToken()
        .orElseThrow())).isPresent();
  }

  @Test
  void saveKeepsTheLeaseAndCompleteReleasesIt() {
    store.insert(enrolment("l1", 1, T0)).orElseThrow();
    Enrolment c = store.claimDue(T0, 1, LEASE).get(0);
    String token = c.leaseToken().orElseThrow();
    Enrolment saved = store.save(c.enter(JOURNEY.steps().get(1).id(), T0, T0), token)
        .orElseThrow();
    assertThat(saved.leaseToken()).contains(token);
    assertThat(saved.revision()).isEqualTo(c.revision() + 1);
    assertThat(store.claimDue(T0, 1, LEASE)).isEmpty();
    Enrolment done = store.complete(saved.sleep(Optional.of(T0.plusSeconds(100)), T0), token)
        .orElseThrow();
    assertThat(done.leaseToken()).isEmpty();
    assertThat(done.status()).isEqualTo(EnrolmentStatus.WAITING);
    assertThat(store.claimDue(T0.plusSeconds(99), 1, LEASE)).isEmpty();
    assertThat(store.claimDue(T0.plusSeconds(100), 1, LEASE)).hasSize(1);
  }

  /**
   * Three enrolments claimed in one batch; someone else then exits the second (its lease is
   * gone); all three sent to sleep until T0 + 100 s, grouped by lease token (a store may give
   * the batch one token or one per enrolment).
   */
  private record ThreeClaimed(List<Enrolment> claimed, Enrolment taken, List<Enrolment> asleep,
      Map<String, List<Enrolment>> byToken) {}

  private ThreeClaimed claimThreeAndLoseTheSecond() {
    store.insert(enrolment("l1", 1, T0)).orElseThrow();
    store.insert(enrolment("l2", 1, T0)).orElseThrow();
    store.insert(enrolment("l3", 1, T0)).orElseThrow();
    List<Enrolment> claimed = store.claimDue(T0, 10, LEASE);
    assertThat(claimed).hasSize(3);
    Enrolment taken = store.update(claimed.get(1).exit(ExitReason.MANUAL, T0)).orElseThrow();
    List<Enrolment> asleep = claimed.stream()
        .map(e -> e.sleep(Optional.of(T0.plusSeconds(100)), T0)).toList();
    Map<String, List<Enrolment>> byToken = new LinkedHashMap<>();
    for (Enrolment e : asleep) {
      byToken.computeIfAbsent(e.leaseToken().orElseThrow(), k -> new ArrayList<>()).add(e);
    }
    return new ThreeClaimed(claimed, taken, asleep, byToken);
  }

  @Test
  void completeAllWritesTheEnrolmentsStillHeldAndLeavesTheOthers() {
    ThreeClaimed b = claimThreeAndLoseTheSecond();
    List<Enrolment> claimed = b.claimed();
    Enrolment taken = b.taken();
    List<Enrolment> asleep = b.asleep();
    List<Enrolment> done = new ArrayList<>();
    b.byToken().forEach((token, group) -> done.addAll(store.completeAll(group, token)));
    assertThat(done).extracting(Enrolment::id)
        .containsExactly(claimed.get(0).id(), claimed.get(2).id());
    for (Enrolment d : done) {
      assertThat(d.leaseToken()).isEmpty();
      assertThat(d.status()).isEqualTo(EnrolmentStatus.WAITING);
      Enrolment stored = store.find(d.id()).orElseThrow();
      assertThat(stored.revision()).isEqualTo(d.revision());
      assertThat(stored.leaseToken()).isEmpty();
      assertThat(stored.readyAt()).contains(T0.plusSeconds(100));
    }
    assertThat(store.find(taken.id()).orElseThrow()).isEqualTo(taken);
    assertThat(store.claimDue(T0.plusSeconds(99), 10, LEASE)).isEmpty();
    assertThat(store.claimDue(T0.plusSeconds(100), 10, LEASE)).hasSize(2);
    // a wrong token changes nothing
    assertThat(store.completeAll(asleep, "not-the-token")).isEmpty();
  }

  @Test
  void completeAllWithCountsCompletesThoseStillHeldAndAddsTheCounts() {
    ThreeClaimed b = claimThreeAndLoseTheSecond();
    List<Enrolment> claimed = b.claimed();
    Enrolment taken = b.taken();
    List<Enrolment> asleep = b.asleep();
    CounterKey waited = CounterKey.of(JOURNEY.id().value(), "w", "waited");
    CounterKey journeyLevel = CounterKey.of(JOURNEY.id().value(), "stepped");
    Map<CounterKey, Long> counts = Map.of(waited, 3L, journeyLevel, 2L);
    List<Enrolment> done = new ArrayList<>();
    Map<CounterKey, Long> pending = counts;
    for (Map.Entry<String, List<Enrolment>> g : b.byToken().entrySet()) {
      done.addAll(store.completeAll(g.getValue(), g.getKey(), pending, counters));
      pending = Map.of();
    }
    assertThat(done).extracting(Enrolment::id)
        .containsExactly(claimed.get(0).id(), claimed.get(2).id());
    for (Enrolment d : done) {
      Enrolment stored = store.find(d.id()).orElseThrow();
      assertThat(stored).isEqualTo(d);
      assertThat(stored.leaseToken()).isEmpty();
      assertThat(stored.readyAt()).contains(T0.plusSeconds(100));
    }
    assertThat(store.find(taken.id()).orElseThrow()).isEqualTo(taken);
    assertThat(counters.snapshot(JOURNEY.id().value()))
        .containsExactlyInAnyOrderEntriesOf(counts);
    // the steps ran even where the lease was lost: counted, nothing completed
    assertThat(store.completeAll(asleep, "not-the-token", Map.of(waited, 1L), counters))
        .isEmpty();
    assertThat(counters.snapshot(JOURNEY.id().value())).containsEntry(waited, 4L);
    assertThat(store.claimDue(T0.plusSeconds(100), 10, LEASE)).hasSize(2);
  }

  @Test
  void completeAllWithoutCountsOrCountersIsRefusedAndChangesNothing() {
    store.insert(enrolment("l1", 1, T0)).orElseThrow();
    Enrolment c = store.claimDue(T0, 1, LEASE).get(0);
    List<Enrolment> asleep = List.of(c.sleep(Optional.of(T0.plusSeconds(100)), T0));
    String token = c.leaseToken().orElseThrow();
    assertThatThrownBy(() -> store.completeAll(asleep, token, null, counters))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.completeAll(asleep, token, Map.of(), null))
        .isInstanceOf(InvalidValueException.class);
    assertThat(store.find(c.id()).orElseThrow()).isEqualTo(c);
  }

  @Test
  void waitingForAnEventOnlyIsNeverDueButCanBeClaimedDirectly() {
    Enrolment e = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    Enrolment c = store.claimDue(T0, 1, LEASE).get(0);
    store.complete(c.sleep(Optional.empty(), T0), c.leaseToken().orElseThrow()).orElseThrow();
    assertThat(store.claimDue(T0.plus(Duration.ofDays(365)), 10, LEASE)).isEmpty();
    assertThat(store.claim(e.id(), T0.plusSeconds(5), LEASE)).isPresent();
  }

  @Test
  void updateIsACompareAndSetThatDropsAnyLease() {
    Enrolment e = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    Enrolment c = store.claimDue(T0, 1, LEASE).get(0);
    assertThat(store.update(e.exit(ExitReason.MANUAL, T0))).isEmpty(); // stale revision
    Enrolment exited = store.update(c.exit(ExitReason.MANUAL, T0)).orElseThrow();
    assertThat(exited.leaseToken()).isEmpty();
    assertThat(store.complete(c, c.leaseToken().orElseThrow())).isEmpty();
    assertThat(store.find(e.id()).orElseThrow().status()).isEqualTo(EnrolmentStatus.EXITED);
    assertThat(store.findLive(JOURNEY.id(), LeadId.of("l1"))).isEmpty();
    assertThat(store.claimDue(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
  }

  @Test
  void anExitedEnrolmentCannotBeClaimed() {
    Enrolment e = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    store.update(e.exit(ExitReason.GOAL, T0)).orElseThrow();
    assertThat(store.claim(e.id(), T0, LEASE)).isEmpty();
    assertThat(store.findOverdue(T0.plus(Duration.ofDays(9)), 10)).isEmpty();
  }

  @Test
  void anEnrolmentThatWasStoredBeforeCannotBeInsertedAgain() {
    Enrolment e = store.insert(enrolment("l1", 1, T0)).orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.insert(e))
        .isInstanceOf(dev.leadkit.core.InvalidValueException.class)
        .hasMessageContaining(e.id().value());
  }

  @Test
  void pagesOfAJourneyAreInIdOrderAndExcludeOtherJourneys() {
    for (int i = 0; i < 7; i++) {
      store.insert(enrolment("l" + i, 1, T0)).orElseThrow();
    }
    store.insert(Enrolment.start(OTHER, LeadId.of("l1"), 1, "c", T0)).orElseThrow();
    List<Enrolment> all = new ArrayList<>();
    EnrolmentId after = null;
    while (true) {
      List<Enrolment> page = store.page(JOURNEY.id(), after, 3);
      all.addAll(page);
      if (page.size() < 3) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    assertThat(all).hasSize(7).allMatch(e -> e.journey().equals(JOURNEY.id()));
    assertThat(all).extracting(Enrolment::id).isSorted();
    assertThat(store.page(JourneyId.of("nothing"), null, 10)).isEmpty();
  }

  @Test
  void overdueListsLiveEnrolmentsReadyBeforeTheGivenTime() {
    store.insert(enrolment("old", 1, T0)).orElseThrow();
    store.insert(enrolment("new", 1, T0.plus(Duration.ofHours(2)))).orElseThrow();
    assertThat(store.findOverdue(T0.plus(Duration.ofHours(1)), 10))
        .extracting(e -> e.lead().value()).containsExactly("old");
  }

  @Test
  void countsByStatus() {
    Enrolment a = store.insert(enrolment("a", 1, T0)).orElseThrow();
    store.insert(enrolment("b", 1, T0)).orElseThrow();
    store.update(a.exit(ExitReason.GOAL, T0)).orElseThrow();
    assertThat(store.countByStatus(JOURNEY.id()))
        .containsEntry(EnrolmentStatus.ACTIVE, 1L).containsEntry(EnrolmentStatus.EXITED, 1L);
  }

  @Test
  void concurrentClaimsNeverHandOutTheSameEnrolmentTwice() throws Exception {
    for (int i = 0; i < 400; i++) {
      store.insert(enrolment("l" + i, 1, T0)).orElseThrow();
    }
    Set<EnrolmentId> seen = Collections.synchronizedSet(new HashSet<>());
    List<EnrolmentId> all = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < 4; t++) {
      pool.submit(() -> {
        go.await();
        while (true) {
          List<Enrolment> batch = store.claimDue(T0, 7, LEASE);
          if (batch.isEmpty()) {
            return null;
          }
          batch.forEach(e -> {
            seen.add(e.id());
            all.add(e.id());
          });
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(all).hasSize(400);
    assertThat(seen).hasSize(400);
  }
}
