package dev.leadkit.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.IllegalStageTransitionException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StageTransitionsTest {
  private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
  private final StageTransitions table = StageTransitions.defaults();

  private static Lead known() {
    return Lead.create(LeadId.of("l"), EmailAddress.parse("a@example.com"), Attributes.empty(), T);
  }

  @Test
  void funnelMovesForwardAndRecordsHistory() {
    Lead l = known()
        .withStage(LifecycleStage.MQL, "score crossed 20", T.plusSeconds(1), table)
        .withStage(LifecycleStage.SQL, "accepted by sales", T.plusSeconds(2), table);
    assertThat(l.stage()).isEqualTo(LifecycleStage.SQL);
    assertThat(l.stageHistory()).containsExactly(
        new StageChange(T.plusSeconds(1), LifecycleStage.KNOWN, LifecycleStage.MQL,
            "score crossed 20"),
        new StageChange(T.plusSeconds(2), LifecycleStage.MQL, LifecycleStage.SQL,
            "accepted by sales"));
  }

  @Test
  void notReadyLeadGoesBackToNurture() {
    Lead l = known().withStage(LifecycleStage.MQL, "hot", T, table)
        .withStage(LifecycleStage.ENGAGED, "sales: not ready", T, table);
    assertThat(l.stage()).isEqualTo(LifecycleStage.ENGAGED);
  }

  @Test
  void illegalMoveThrowsItsOwnExceptionAndChangesNothing() {
    Lead l = known().withStage(LifecycleStage.CUSTOMER, "bought", T, table);
    assertThatThrownBy(() -> l.withStage(LifecycleStage.MQL, "?", T, table))
        .isInstanceOf(IllegalStageTransitionException.class)
        .hasMessageContaining("CUSTOMER -> MQL");
    assertThatThrownBy(() -> known().withStage(LifecycleStage.ANONYMOUS, "?", T, table))
        .isInstanceOf(IllegalStageTransitionException.class);
    assertThat(l.stage()).isEqualTo(LifecycleStage.CUSTOMER);
  }

  @Test
  void sameStageIsNotATransition() {
    Lead l = known();
    assertThat(l.withStage(LifecycleStage.KNOWN, "noop", T, table)).isSameAs(l);
  }

  @Test
  void customTableCanForbidAndAllow() {
    StageTransitions strict = StageTransitions.from(table)
        .forbid(LifecycleStage.KNOWN, LifecycleStage.CUSTOMER).build();
    assertThat(strict.isAllowed(LifecycleStage.KNOWN, LifecycleStage.CUSTOMER)).isFalse();
    assertThat(table.isAllowed(LifecycleStage.KNOWN, LifecycleStage.CUSTOMER)).isTrue();
    StageTransitions tiny = StageTransitions.custom()
        .allow(LifecycleStage.KNOWN, LifecycleStage.MQL).build();
    assertThat(tiny.targets(LifecycleStage.KNOWN)).containsExactly(LifecycleStage.MQL);
    assertThat(tiny.targets(LifecycleStage.MQL)).isEmpty();
  }

  @Property
  void anyMoveIsEitherAppliedAndRecordedOrRefused(@ForAll LifecycleStage from,
      @ForAll LifecycleStage to) {
    Lead start = known();
    if (from != LifecycleStage.KNOWN) {
      if (!table.isAllowed(LifecycleStage.KNOWN, from)) {
        return;
      }
      start = start.withStage(from, "setup", T, table);
    }
    Lead before = start;
    if (table.isAllowed(from, to)) {
      Lead after = before.withStage(to, "move", T, table);
      assertThat(after.stage()).isEqualTo(to);
      assertThat(after.stageHistory()).hasSize(before.stageHistory().size() + (from == to ? 0 : 1));
    } else {
      assertThatThrownBy(() -> before.withStage(to, "move", T, table))
          .isInstanceOf(IllegalStageTransitionException.class);
    }
  }

  @Test
  void furthestStageRanksParkedStagesBelowLiveEngagement() {
    assertThat(LifecycleStage.furthest(LifecycleStage.DORMANT, LifecycleStage.MQL))
        .isEqualTo(LifecycleStage.MQL);
    assertThat(LifecycleStage.furthest(LifecycleStage.KNOWN, LifecycleStage.LOST))
        .isEqualTo(LifecycleStage.LOST);
    assertThat(LifecycleStage.CUSTOMER.isAtLeast(LifecycleStage.OPPORTUNITY)).isTrue();
  }
}
