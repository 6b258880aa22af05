package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-lead part of the {@link Outbox} contract used by export and erasure. Subclass it for an
 * adapter and implement {@link #newOutbox()} to return an empty outbox.
 */
public abstract class OutboxByLeadContract {
  private static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");
  private static final LeadId A = LeadId.of("lead-a");
  private static final LeadId B = LeadId.of("lead-b");

  /** A new, empty outbox. */
  protected abstract Outbox newOutbox();

  private Outbox outbox;

  @BeforeEach
  void setUp() {
    outbox = newOutbox();
  }

  private static OutboundMessage message(String key, LeadId lead) {
    return new OutboundMessage(MessageKey.of(key), lead, Channel.EMAIL, "welcome",
        Optional.empty(), Map.of(), T0, false);
  }

  @Test
  void findByLeadListsEveryStateInEnqueueOrder() {
    outbox.enqueue(message("k2", A), T0);
    outbox.enqueue(message("k1", A), T0.plusSeconds(1));
    outbox.enqueue(message("k3", B), T0);
    outbox.claim(T0.plusSeconds(2), 1, Duration.ofMinutes(1));
    assertThat(outbox.findByLead(A)).extracting(e -> e.key().value()).containsExactly("k2", "k1");
  }

  @Test
  void purgeLeadDeletesItsEntriesAndClaimsCanNoLongerComplete() {
    outbox.enqueue(message("k1", A), T0);
    outbox.enqueue(message("k2", A), T0);
    outbox.enqueue(message("k3", B), T0);
    List<OutboxEntry> claimed = outbox.claim(T0, 1, Duration.ofMinutes(1));
    assertThat(outbox.purgeLead(A)).isEqualTo(2);
    assertThat(outbox.findByLead(A)).isEmpty();
    assertThat(outbox.find(MessageKey.of("k3"))).isPresent();
    OutboxEntry c = claimed.get(0);
    if (c.message().lead().equals(A)) {
      assertThat(outbox.markSent(c.key(), c.claimToken().orElseThrow(), T0, "p1")).isFalse();
    }
    assertThat(outbox.claim(T0.plusSeconds(1), 10, Duration.ofMinutes(1)))
        .allSatisfy(e -> assertThat(e.message().lead()).isEqualTo(B));
  }
}
