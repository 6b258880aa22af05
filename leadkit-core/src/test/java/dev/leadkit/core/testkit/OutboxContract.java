package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Outbox} must pass. Subclass it and return a fresh, empty outbox from
 * {@link #newOutbox()}.
 */
public abstract class OutboxContract {
  protected static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);

  protected Outbox outbox;

  /** A fresh, empty outbox. */
  protected abstract Outbox newOutbox();

  @BeforeEach
  void setUpOutbox() {
    outbox = newOutbox();
  }

  protected static OutboundMessage msg(String key, Instant notBefore) {
    return new OutboundMessage(MessageKey.of(key), LeadId.of("lead-1"), Channel.EMAIL,
        "welcome-1", Optional.of(OwnerId.of("rep-1")), Map.of("token", "abc", "step", "1"),
        notBefore, false);
  }

  @Test
  void enqueueIsIdempotentByKey() {
    assertThat(outbox.enqueue(msg("k1", T0), T0)).isTrue();
    assertThat(outbox.enqueue(msg("k1", T0), T0)).isFalse();
    assertThat(outbox.enqueueAll(List.of(msg("k1", T0), msg("k2", T0), msg("k2", T0)), T0))
        .isEqualTo(1);
    assertThat(outbox.countByStatus().get(OutboxStatus.PENDING)).isEqualTo(2);
    OutboxEntry e = outbox.find(MessageKey.of("k1")).orElseThrow();
    assertThat(e.message()).isEqualTo(msg("k1", T0));
    assertThat(e.attempts()).isZero();
  }

  @Test
  void claimTakesOnlyReadyEntriesInTimeOrderAndNotTwice() {
    outbox.enqueueAll(List.of(msg("late", T0.plusSeconds(60)), msg("b", T0.plusSeconds(2)),
        msg("a", T0.plusSeconds(1))), T0);
    assertThat(outbox.claim(T0, 10, LEASE)).isEmpty();
    List<OutboxEntry> first = outbox.claim(T0.plusSeconds(10), 1, LEASE);
    assertThat(first).extracting(e -> e.key().value()).containsExactly("a");
    assertThat(first.get(0).status()).isEqualTo(OutboxStatus.CLAIMED);
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(outbox.claim(T0.plusSeconds(10), 10, LEASE)).extracting(e -> e.key().value())
        .containsExactly("b");
    assertThat(outbox.claim(T0.plusSeconds(10), 10, LEASE)).isEmpty();
  }

  @Test
  void completionNeedsTheCurrentClaimToken() {
    outbox.enqueue(msg("k", T0), T0);
    OutboxEntry c = outbox.claim(T0, 1, LEASE).get(0);
    String token = c.claimToken().orElseThrow();
    assertThat(outbox.markSent(c.key(), "not-the-token", T0, "p-1")).isFalse();
    assertThat(outbox.markSent(c.key(), token, T0.plusSeconds(1), "p-1")).isTrue();
    assertThat(outbox.markSent(c.key(), token, T0.plusSeconds(1), "p-1")).isFalse();
    OutboxEntry sent = outbox.find(c.key()).orElseThrow();
    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.providerId()).contains("p-1");
    assertThat(sent.finishedAt()).contains(T0.plusSeconds(1));
  }

  @Test
  void expiredLeaseMakesEntryClaimableAndOldHolderCannotComplete() {
    outbox.enqueue(msg("k", T0), T0);
    OutboxEntry first = outbox.claim(T0, 1, LEASE).get(0);
    assertThat(outbox.claim(T0.plus(LEASE).minusSeconds(1), 1, LEASE)).isEmpty();
    OutboxEntry second = outbox.claim(T0.plus(LEASE).plusSeconds(1), 1, LEASE).get(0);
    assertThat(second.claimToken()).isNotEqualTo(first.claimToken());
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(outbox.markSent(first.key(), first.claimToken().orElseThrow(), T0, "x")).isFalse();
    assertThat(outbox.markSent(second.key(), second.claimToken().orElseThrow(), T0, "y"))
        .isTrue();
  }

  @Test
  void deferredEntryComesBackAtItsTimeWithoutCountingTheAttempt() {
    outbox.enqueue(msg("later", T0), T0);
    OutboxEntry claimed = outbox.claim(T0, 1, LEASE).get(0);
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(outbox.defer(claimed.key(), "not-the-token", T0.plusSeconds(60), "x")).isFalse();
    assertThat(outbox.defer(claimed.key(), claimed.claimToken().orElseThrow(),
        T0.plusSeconds(60), "QUIET_HOURS: until 08:00")).isTrue();
    OutboxEntry waiting = outbox.find(claimed.key()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(waiting.attempts()).isZero();
    assertThat(waiting.lastError()).contains("QUIET_HOURS: until 08:00");
    assertThat(outbox.claim(T0.plusSeconds(59), 10, LEASE)).isEmpty();
    OutboxEntry again = outbox.claim(T0.plusSeconds(60), 10, LEASE).get(0);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(outbox.defer(again.key(), again.claimToken().orElseThrow(), T0.plusSeconds(90),
        "again")).isTrue();
    assertThat(outbox.defer(again.key(), again.claimToken().orElseThrow(), T0.plusSeconds(90),
        "no longer claimed")).isFalse();
  }

  @Test
  void failedEntryComesBackAtRetryTimeAndDeadEntryNever() {
    outbox.enqueueAll(List.of(msg("retry", T0), msg("dead", T0)), T0);
    List<OutboxEntry> claimed = outbox.claim(T0, 2, LEASE);
    for (OutboxEntry e : claimed) {
      String tok = e.claimToken().orElseThrow();
      if (e.key().value().equals("retry")) {
        assertThat(outbox.markFailed(e.key(), tok, T0, "timeout", T0.plusSeconds(30))).isTrue();
      } else {
        assertThat(outbox.markDead(e.key(), tok, T0, NotSentReason.MAILER_REJECTED,
            "bad address")).isTrue();
      }
    }
    assertThat(outbox.claim(T0.plusSeconds(29), 10, LEASE)).isEmpty();
    List<OutboxEntry> again = outbox.claim(T0.plusSeconds(31), 10, LEASE);
    assertThat(again).extracting(e -> e.key().value()).containsExactly("retry");
    assertThat(again.get(0).lastError()).contains("timeout");
    assertThat(outbox.markSent(again.get(0).key(), again.get(0).claimToken().orElseThrow(),
        T0.plusSeconds(32), "p-2")).isTrue();
    assertThat(outbox.find(MessageKey.of("dead")).orElseThrow().status())
        .isEqualTo(OutboxStatus.DEAD);
    assertThat(outbox.claim(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
    OutboxEntry dead = outbox.find(MessageKey.of("dead")).orElseThrow();
    assertThat(dead.reason()).contains(NotSentReason.MAILER_REJECTED);
    assertThat(dead.lastError()).contains("bad address");
    assertThat(outbox.find(MessageKey.of("retry")).orElseThrow().reason()).isEmpty();
  }

  @Test
  void cancelStopsPendingOrClaimedEntriesOnly() {
    outbox.enqueueAll(List.of(msg("p", T0), msg("c", T0), msg("s", T0)), T0);
    List<OutboxEntry> claimed = outbox.claim(T0, 2, LEASE);
    OutboxEntry s = claimed.stream().filter(e -> e.key().value().equals("s")).findFirst()
        .orElseGet(() -> claimed.get(1));
    outbox.markSent(s.key(), s.claimToken().orElseThrow(), T0, "id");
    int cancelled = 0;
    for (String k : List.of("p", "c", "s")) {
      if (outbox.cancel(MessageKey.of(k), T0, NotSentReason.NO_CONSENT, "unsubscribed")) {
        cancelled++;
      }
    }
    assertThat(cancelled).isEqualTo(2);
    assertThat(outbox.find(s.key()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
    assertThat(outbox.claim(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
    assertThat(outbox.countByStatus().get(OutboxStatus.CANCELLED)).isEqualTo(2);
    for (String k : List.of("p", "c", "s")) {
      OutboxEntry e = outbox.find(MessageKey.of(k)).orElseThrow();
      assertThat(e.reason()).isEqualTo(e.key().equals(s.key()) ? Optional.empty()
          : Optional.of(NotSentReason.NO_CONSENT));
    }
  }

  @Test
  void everyReasonRoundTripsThroughCancelAndDeadLetter() {
    List<OutboundMessage> msgs = new ArrayList<>();
    for (NotSentReason r : NotSentReason.values()) {
      msgs.add(msg("cancel-" + r, T0));
      msgs.add(msg("dead-" + r, T0));
    }
    outbox.enqueueAll(msgs, T0);
    for (NotSentReason r : NotSentReason.values()) {
      assertThat(outbox.find(MessageKey.of("cancel-" + r)).orElseThrow().reason()).isEmpty();
      assertThat(outbox.cancel(MessageKey.of("cancel-" + r), T0, r, "why " + r)).isTrue();
    }
    for (OutboxEntry e : outbox.claim(T0, msgs.size(), LEASE)) {
      assertThat(e.reason()).isEmpty();
      String r = e.key().value().substring("dead-".length());
      assertThat(outbox.markDead(e.key(), e.claimToken().orElseThrow(), T0,
          NotSentReason.valueOf(r), "error " + r)).isTrue();
    }
    for (NotSentReason r : NotSentReason.values()) {
      OutboxEntry cancelled = outbox.find(MessageKey.of("cancel-" + r)).orElseThrow();
      assertThat(cancelled.status()).isEqualTo(OutboxStatus.CANCELLED);
      assertThat(cancelled.reason()).contains(r);
      assertThat(cancelled.lastError()).contains("why " + r);
      OutboxEntry dead = outbox.find(MessageKey.of("dead-" + r)).orElseThrow();
      assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
      assertThat(dead.reason()).contains(r);
      assertThat(dead.lastError()).contains("error " + r);
    }
    assertThat(outbox.findByLead(LeadId.of("lead-1"))).hasSize(msgs.size())
        .allSatisfy(e -> assertThat(e.reason()).isPresent());
  }

  @Test
  void aReasonIsRequiredAndAMissingOneChangesNothing() {
    outbox.enqueueAll(List.of(msg("p", T0), msg("c", T0)), T0);
    OutboxEntry c = outbox.claim(T0, 1, LEASE).get(0);
    MessageKey other = c.key().value().equals("p") ? MessageKey.of("c") : MessageKey.of("p");
    assertThatThrownBy(() -> outbox.cancel(other, T0, null, "x"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> outbox.markDead(c.key(), c.claimToken().orElseThrow(), T0, null,
        "x")).isInstanceOf(InvalidValueException.class);
    assertThat(outbox.find(other).orElseThrow().status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(outbox.find(c.key()).orElseThrow().status()).isEqualTo(OutboxStatus.CLAIMED);
    assertThat(outbox.markSent(c.key(), c.claimToken().orElseThrow(), T0, "p-1")).isTrue();
  }

  @Test
  void concurrentClaimersNeverHoldTheSameEntry() throws Exception {
    List<OutboundMessage> msgs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      msgs.add(msg("m-" + i, T0));
    }
    outbox.enqueueAll(msgs, T0);
    Set<String> done = Collections.synchronizedSet(new HashSet<>());
    List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        fs.add(pool.submit(() -> {
          while (true) {
            List<OutboxEntry> batch = outbox.claim(T0, 7, LEASE);
            if (batch.isEmpty()) {
              return null;
            }
            for (OutboxEntry e : batch) {
              if (!done.add(e.key().value())) {
                duplicates.add(e.key().value());
              }
              outbox.markSent(e.key(), e.claimToken().orElseThrow(), T0, "p");
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(done).hasSize(200);
    assertThat(outbox.countByStatus().get(OutboxStatus.SENT)).isEqualTo(200);
  }
}
