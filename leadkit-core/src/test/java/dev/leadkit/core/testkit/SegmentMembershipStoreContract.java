package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.SegmentMembershipStore.Change;
import dev.leadkit.core.port.SegmentMembershipStore.Check;
import dev.leadkit.core.port.SegmentMembershipStore.Reschedule;
import dev.leadkit.core.segment.SegmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SegmentMembershipStore}. Subclass it and return a new, empty store from
 * {@link #newStore()}.
 */
public abstract class SegmentMembershipStoreContract {
  /** A new, empty store. */
  protected abstract SegmentMembershipStore newStore();

  private static final Instant T = Instant.parse("2026-04-01T09:00:00Z");
  private SegmentMembershipStore store;
  private final SegmentId hot = SegmentId.of("hot");
  private final SegmentId idle = SegmentId.of("idle");
  private final LeadId a = LeadId.of("a");
  private final LeadId b = LeadId.of("b");

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void entriesKeepTheFirstEntryTimeAndExitsOfNonMembersAreIgnored() {
    store.apply(List.of(new Change(hot, a, true, T), new Change(hot, a, true, T.plusSeconds(5)),
        new Change(idle, b, false, T)));
    assertThat(store.memberSince(hot, a)).contains(T);
    assertThat(store.isMember(idle, b)).isFalse();
    assertThat(store.count(hot)).isEqualTo(1);
  }

  @Test
  void changesApplyInOrderAndKeepTheReverseIndex() {
    store.apply(List.of(new Change(hot, a, true, T), new Change(idle, a, true, T),
        new Change(hot, a, false, T.plusSeconds(1)), new Change(hot, b, true, T)));
    assertThat(store.segmentsOf(a)).containsExactly(idle);
    assertThat(store.segmentsOf(b)).containsExactly(hot);
    assertThat(store.members(hot, null, 10)).containsExactly(b);
  }

  @Test
  void membersArePagedById() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      changes.add(new Change(hot, LeadId.of(String.format("l%02d", 22 - i)), true, T));
    }
    store.apply(changes);
    List<LeadId> first = store.members(hot, null, 10);
    assertThat(first).hasSize(10).isSorted();
    assertThat(store.members(hot, first.get(9), 100)).hasSize(13).first()
        .isEqualTo(LeadId.of("l10"));
  }

  @Test
  void oneScheduleEntryPerSegmentAndLeadReturnedEarliestFirstWhenDue() {
    store.schedule(hot, a, Optional.of(T.plusSeconds(30)));
    store.schedule(hot, a, Optional.of(T.plusSeconds(10)));
    store.schedule(idle, b, Optional.of(T.plusSeconds(20)));
    store.schedule(idle, a, Optional.of(T.plusSeconds(99)));
    assertThat(store.scheduled(hot, a)).contains(T.plusSeconds(10));
    assertThat(store.due(T.plusSeconds(20), 10)).containsExactly(
        new Check(hot, a, T.plusSeconds(10)), new Check(idle, b, T.plusSeconds(20)));
    assertThat(store.due(T.plusSeconds(100), 1)).hasSize(1);
    store.schedule(hot, a, Optional.empty());
    assertThat(store.scheduled(hot, a)).isEmpty();
    assertThat(store.due(T.plusSeconds(20), 10)).containsExactly(
        new Check(idle, b, T.plusSeconds(20)));
  }

  @Test
  void scheduleAllSetsReplacesAndRemovesInOrderWithTheLastEntryWinning() {
    store.schedule(hot, a, Optional.of(T.plusSeconds(50)));
    store.schedule(idle, a, Optional.of(T.plusSeconds(60)));
    List<Reschedule> batch = new ArrayList<>();
    batch.add(new Reschedule(hot, a, Optional.of(T.plusSeconds(5))));   // replaces 50
    batch.add(new Reschedule(idle, a, Optional.empty()));              // removes 60
    batch.add(new Reschedule(hot, b, Optional.of(T.plusSeconds(40))));
    batch.add(new Reschedule(hot, b, Optional.of(T.plusSeconds(7))));   // the later one wins
    batch.add(new Reschedule(idle, b, Optional.of(T.plusSeconds(9))));
    batch.add(new Reschedule(idle, b, Optional.empty()));              // set, then removed
    batch.add(new Reschedule(idle, LeadId.of("c"), Optional.empty())); // nothing to remove
    store.scheduleAll(batch);
    assertThat(store.scheduled(hot, a)).contains(T.plusSeconds(5));
    assertThat(store.scheduled(idle, a)).isEmpty();
    assertThat(store.scheduled(hot, b)).contains(T.plusSeconds(7));
    assertThat(store.scheduled(idle, b)).isEmpty();
    assertThat(store.due(T.plusSeconds(100), 10)).containsExactly(
        new Check(hot, a, T.plusSeconds(5)), new Check(hot, b, T.plusSeconds(7)));
    store.scheduleAll(List.of());
    assertThat(store.due(T.plusSeconds(100), 10)).hasSize(2);
  }

  @Test
  void scheduleAllOfManyLeadsEqualsOneScheduleCallEach() {
    List<Reschedule> batch = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      batch.add(new Reschedule(i % 2 == 0 ? hot : idle, LeadId.of(String.format("m%04d", i)),
          i % 5 == 0 ? Optional.empty() : Optional.of(T.plusSeconds(i))));
    }
    store.scheduleAll(batch);
    List<Check> due = store.due(T.plusSeconds(10_000), 2000);
    assertThat(due).hasSize(960).isSortedAccordingTo(
        java.util.Comparator.comparing(Check::at));
    assertThat(store.scheduled(idle, LeadId.of("m0001"))).contains(T.plusSeconds(1));
    assertThat(store.scheduled(hot, LeadId.of("m0010"))).isEmpty();
  }

  @Test
  void scheduleAllRefusesNullsWithoutWritingAnything() {
    List<Reschedule> batch = new ArrayList<>();
    batch.add(new Reschedule(hot, a, Optional.of(T)));
    batch.add(null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.scheduleAll(batch))
        .isInstanceOf(dev.leadkit.core.InvalidValueException.class);
    assertThat(store.scheduled(hot, a)).isEmpty();
  }

  @Test
  void clearingASegmentRemovesMembersAndScheduleTogether() {
    store.apply(List.of(new Change(hot, a, true, T), new Change(idle, a, true, T)));
    store.schedule(hot, a, Optional.of(T));
    store.schedule(idle, a, Optional.of(T));
    assertThat(store.clearSegment(hot)).isEqualTo(1);
    assertThat(store.segmentsOf(a)).containsExactly(idle);
    assertThat(store.due(T, 10)).containsExactly(new Check(idle, a, T));
  }

  @Test
  void forgettingALeadRemovesItEverywhere() {
    store.apply(List.of(new Change(hot, a, true, T), new Change(idle, a, true, T),
        new Change(hot, b, true, T)));
    store.schedule(hot, a, Optional.of(T));
    store.forgetLead(a);
    assertThat(store.segmentsOf(a)).isEmpty();
    assertThat(store.members(hot, null, 10)).containsExactly(b);
    assertThat(store.due(T, 10)).isEmpty();
  }
}
