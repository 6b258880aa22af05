package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.segment.ListId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StaticListStore}. Subclass it and return a new, empty store from
 * {@link #newStore()}; every test starts from an empty store. Lead ids need not exist in any
 * lead store: the port does not check them.
 */
public abstract class StaticListStoreContract {
  /** A new, empty store. */
  protected abstract StaticListStore newStore();

  private StaticListStore store;
  private final ListId expo = ListId.of("expo-2025");
  private final ListId report = ListId.of("report-q1");

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static List<LeadId> ids(String... values) {
    return Arrays.stream(values).map(LeadId::of).toList();
  }

  @Test
  void addReturnsOnlyNewMembersInTheOrderGivenWithoutDuplicates() {
    assertThat(store.addAll(expo, ids("b", "a", "b"))).containsExactly(LeadId.of("b"),
        LeadId.of("a"));
    assertThat(store.addAll(expo, ids("a", "c"))).containsExactly(LeadId.of("c"));
    assertThat(store.size(expo)).isEqualTo(3);
  }

  @Test
  void removeReturnsOnlyFormerMembers() {
    store.addAll(expo, ids("a", "b"));
    assertThat(store.removeAll(expo, ids("b", "z", "b"))).containsExactly(LeadId.of("b"));
    assertThat(store.removeAll(report, ids("a"))).isEmpty();
    assertThat(store.contains(expo, LeadId.of("a"))).isTrue();
    assertThat(store.contains(expo, LeadId.of("b"))).isFalse();
  }

  @Test
  void listsOfALeadAreKeptInStepWithMembership() {
    store.addAll(expo, ids("a", "b"));
    store.addAll(report, ids("a"));
    assertThat(store.listsOf(LeadId.of("a"))).containsExactlyInAnyOrder(expo, report);
    store.removeAll(expo, ids("a"));
    assertThat(store.listsOf(LeadId.of("a"))).containsExactly(report);
    assertThat(store.listsOf(LeadId.of("nobody"))).isEmpty();
  }

  @Test
  void membersArePagedByIdAfterAKey() {
    List<LeadId> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(LeadId.of(String.format("lead-%03d", 24 - i)));
    }
    store.addAll(expo, all);
    List<LeadId> seen = new ArrayList<>();
    LeadId after = null;
    while (true) {
      List<LeadId> page = store.members(expo, after, 10);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(10);
      seen.addAll(page);
      after = page.get(page.size() - 1);
    }
    assertThat(seen).isSortedAccordingTo(LeadId::compareTo).hasSize(25)
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void emptyListsAreNotListed() {
    store.addAll(report, ids("a"));
    store.addAll(expo, ids("b"));
    assertThat(store.lists()).containsExactly(expo, report);
    store.removeAll(expo, ids("b"));
    assertThat(store.lists()).containsExactly(report);
    assertThat(store.size(expo)).isZero();
    assertThat(store.members(expo, null, 10)).isEmpty();
  }

  @Test
  void aBatchWithANullIdChangesNothing() {
    store.addAll(expo, ids("a"));
    List<LeadId> bad = new ArrayList<>(ids("b", "c"));
    bad.add(null);
    assertThatThrownBy(() -> store.addAll(expo, bad)).isInstanceOf(LeadkitException.class);
    assertThat(store.size(expo)).isEqualTo(1);
    assertThatThrownBy(() -> store.removeAll(expo, bad)).isInstanceOf(LeadkitException.class);
    assertThat(store.contains(expo, LeadId.of("a"))).isTrue();
  }
}
