package dev.leadkit.jdbc;

import static dev.leadkit.jdbc.Fixtures.T0;
import static dev.leadkit.jdbc.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcOutboxTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private Outbox outbox(Dialect d) {
    return TestDatabases.stores(d, getClass().getName()).build().outbox();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aMessageKeyIsEnqueuedOnceWhateverItsState(Dialect d) {
    Outbox outbox = outbox(d);
    assertThat(outbox.enqueue(message("m-1", T0), T0)).isTrue();
    assertThat(outbox.enqueue(message("m-1", T0.plusSeconds(9)), T0)).isFalse();
    assertThat(outbox.enqueueAll(List.of(message("m-1", T0), message("m-2", T0),
        message("m-2", T0), message("m-3", T0)), T0)).isEqualTo(2);

    OutboxEntry e = outbox.find(MessageKey.of("m-1")).orElseThrow();
    assertThat(e.message()).isEqualTo(message("m-1", T0));
    assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(e.attempts()).isZero();
    assertThat(e.enqueuedAt()).isEqualTo(T0);
    assertThat(outbox.countByStatus()).containsEntry(OutboxStatus.PENDING, 3L)
        .containsEntry(OutboxStatus.SENT, 0L);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void claimsTakeReadyEntriesInNextAttemptOrderUnderOneLease(Dialect d) {
    Outbox outbox = outbox(d);
    outbox.enqueueAll(List.of(message("late", T0.plusSeconds(30)), message("b", T0),
        message("a", T0), message("future", T0.plusSeconds(3600))), T0);

    List<OutboxEntry> claimed = outbox.claim(T0.plusSeconds(60), 10, LEASE);

    assertThat(claimed).extracting(e -> e.key().value()).containsExactly("a", "b", "late");
    assertThat(claimed).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(OutboxStatus.CLAIMED);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.leaseUntil()).contains(T0.plusSeconds(60).plus(LEASE));
    });
    assertThat(outbox.claim(T0.plusSeconds(60), 10, LEASE)).isEmpty();
    assertThat(outbox.find(MessageKey.of("a")).orElseThrow().claimToken())
        .isEqualTo(claimed.get(0).claimToken());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void onlyTheCurrentHolderCanCompleteAndAnExpiredLeaseIsClaimedAgain(Dialect d) {
    Outbox outbox = outbox(d);
    outbox.enqueue(message("m", T0), T0);
    OutboxEntry first = outbox.claim(T0, 1, LEASE).get(0);
    String stale = first.claimToken().orElseThrow();

    List<OutboxEntry> again = outbox.claim(T0.plus(LEASE), 1, LEASE);

    assertThat(again).hasSize(1);
    assertThat(again.get(0).attempts()).isEqualTo(2);
    String current = again.get(0).claimToken().orElseThrow();
    assertThat(current).isNotEqualTo(stale);
    assertThat(outbox.markSent(first.key(), stale, T0, "p-1")).isFalse();
    assertThat(outbox.markFailed(first.key(), stale, T0, "x", T0)).isFalse();
    assertThat(outbox.markDead(first.key(), stale, T0, NotSentReason.MAILER_REJECTED, "x"))
        .isFalse();
    assertThat(outbox.markSent(first.key(), current, T0.plusSeconds(400), "p-2")).isTrue();
    assertThat(outbox.markSent(first.key(), current, T0.plusSeconds(401), "p-3")).isFalse();

    OutboxEntry sent = outbox.find(first.key()).orElseThrow();
    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.providerId()).contains("p-2");
    assertThat(sent.finishedAt()).contains(T0.plusSeconds(400));
    assertThat(sent.claimToken()).isEmpty();
    assertThat(sent.leaseUntil()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFailedAttemptWaitsForItsRetryTimeAndADeadOneIsFinal(Dialect d) {
    Outbox outbox = outbox(d);
    outbox.enqueue(message("m", T0), T0);
    OutboxEntry c1 = outbox.claim(T0, 1, LEASE).get(0);
    assertThat(outbox.markFailed(c1.key(), c1.claimToken().orElseThrow(), T0, "timeout",
        T0.plusSeconds(120))).isTrue();

    assertThat(outbox.claim(T0.plusSeconds(119), 1, LEASE)).isEmpty();
    OutboxEntry c2 = outbox.claim(T0.plusSeconds(120), 1, LEASE).get(0);
    assertThat(c2.lastError()).contains("timeout");
    assertThat(c2.attempts()).isEqualTo(2);
    assertThat(outbox.markDead(c2.key(), c2.claimToken().orElseThrow(), T0.plusSeconds(121),
        NotSentReason.MAILER_REJECTED, "bounced")).isTrue();

    assertThat(outbox.claim(T0.plusSeconds(99_999), 1, LEASE)).isEmpty();
    assertThat(outbox.find(c2.key()).orElseThrow().status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(outbox.cancel(c2.key(), T0, NotSentReason.OTHER, "too late")).isFalse();
    assertThat(outbox.find(c2.key()).orElseThrow().reason())
        .contains(NotSentReason.MAILER_REJECTED);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void cancellingStopsPendingAndClaimedMessages(Dialect d) {
    Outbox outbox = outbox(d);
    outbox.enqueueAll(List.of(message("p", T0), message("c", T0)), T0);
    OutboxEntry claimed = outbox.claim(T0, 1, LEASE).get(0);

    assertThat(outbox.cancel(MessageKey.of("p"), T0, NotSentReason.NO_CONSENT, "unsubscribed"))
        .isTrue();
    assertThat(outbox.cancel(claimed.key(), T0, NotSentReason.LEAD_MISSING, "unsubscribed"))
        .isTrue();
    assertThat(outbox.markSent(claimed.key(), claimed.claimToken().orElseThrow(), T0, "x"))
        .isFalse();
    assertThat(outbox.countByStatus()).containsEntry(OutboxStatus.CANCELLED, 2L);
    assertThat(outbox.find(MessageKey.of("p")).orElseThrow().lastError())
        .contains("unsubscribed");
    assertThat(outbox.find(MessageKey.of("p")).orElseThrow().reason())
        .contains(NotSentReason.NO_CONSENT);
    assertThat(outbox.find(claimed.key()).orElseThrow().reason())
        .contains(NotSentReason.LEAD_MISSING);
  }
}
