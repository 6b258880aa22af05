package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.SuppressionList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SuppressionList}. Subclass it for an adapter and implement
 * {@link #newList()} to return an empty list.
 */
public abstract class SuppressionListContract {
  private static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");

  /** A new, empty list. */
  protected abstract SuppressionList newList();

  private SuppressionList list;

  @BeforeEach
  void setUp() {
    list = newList();
  }

  @Test
  void suppressedHashesAreFoundAndSuppressingTwiceIsANoOp() {
    assertThat(list.suppress("ab12", T0)).isTrue();
    assertThat(list.suppress("ab12", T0.plusSeconds(5))).isFalse();
    assertThat(list.isSuppressed("ab12")).isTrue();
    assertThat(list.isSuppressed("cd34")).isFalse();
    assertThat(list.suppressedAmong(List.of("cd34", "ab12"))).containsExactly("ab12");
    assertThat(list.count()).isEqualTo(1);
  }

  @Test
  void countsAddUp() {
    list.addCounts(Map.of("leads", 1L, "touchpoints.page_view", 3L));
    list.addCounts(Map.of("leads", 1L));
    assertThat(list.counts()).containsEntry("leads", 2L).containsEntry("touchpoints.page_view",
        3L);
  }

  @Test
  void negativeCountsAreRefusedAndChangeNothing() {
    list.addCounts(Map.of("leads", 1L));
    assertThatThrownBy(() -> list.addCounts(Map.of("leads", -1L, "x", 1L)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(list.counts()).isEqualTo(Map.of("leads", 1L));
  }
}
