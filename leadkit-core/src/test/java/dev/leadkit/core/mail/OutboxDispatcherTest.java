package dev.leadkit.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.MailerException;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");

  private static OutboundMessage msg(Lead lead, String key, boolean operational) {
    return new OutboundMessage(MessageKey.of(key), lead.id(), Channel.EMAIL, "welcome-1",
        Optional.empty(), Map.of(), lead.createdAt(), operational);
  }

  @Test
  void subscribedLeadGetsTheMessageOnceAndUnsubscribedNever() {
    RecordingMailer mailer = new RecordingMailer();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).build();
    Lead yes = kit.upsertLead(LeadInput.email("yes@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    Lead no = kit.upsertLead(LeadInput.email("no@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    Lead none = kit.upsertLead(LeadInput.email("none@example.com").build()).lead();
    kit.outbox().enqueue(msg(yes, "m-yes", false), clock.instant());
    kit.outbox().enqueue(msg(no, "m-no", false), clock.instant());
    kit.outbox().enqueue(msg(none, "m-none", false), clock.instant());
    kit.outbox().enqueue(msg(yes, "m-yes", false), clock.instant());
    kit.recordConsent(no.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");

    DispatchReport r = kit.dispatch();
    assertThat(r.sent()).isEqualTo(1);
    assertThat(r.cancelled()).isEqualTo(2);
    assertThat(mailer.deliveries()).singleElement()
        .satisfies(d -> assertThat(d.message().key().value()).isEqualTo("m-yes"));
    assertThat(kit.outbox().find(MessageKey.of("m-no")).orElseThrow().status())
        .isEqualTo(OutboxStatus.CANCELLED);
    assertThat(kit.outbox().find(MessageKey.of("m-no")).orElseThrow().reason())
        .contains(NotSentReason.NO_CONSENT);
    assertThat(kit.outbox().find(MessageKey.of("m-yes")).orElseThrow().reason()).isEmpty();
  }

  @Test
  void cancellationsCarryTheirTypedReasonOnTheEntryAndTheEvent() {
    RecordingMailer mailer = new RecordingMailer();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).build();
    List<MessageFailed> failed = new ArrayList<>();
    kit.events().on(MessageFailed.class, failed::add);
    Lead unsubscribed = kit.upsertLead(LeadInput.email("no@example.com")
        .consent(Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link").build()).lead();
    kit.outbox().enqueue(msg(unsubscribed, "m-no", false), clock.instant());
    kit.outbox().enqueue(new OutboundMessage(MessageKey.of("m-ghost"), LeadId.of("ghost"),
        Channel.EMAIL, "welcome-1", Optional.empty(), Map.of(), clock.instant(), false),
        clock.instant());

    assertThat(kit.dispatch().cancelled()).isEqualTo(2);

    assertThat(kit.outbox().find(MessageKey.of("m-no")).orElseThrow().reason())
        .contains(NotSentReason.NO_CONSENT);
    assertThat(kit.outbox().find(MessageKey.of("m-ghost")).orElseThrow().reason())
        .contains(NotSentReason.LEAD_MISSING);
    assertThat(failed).extracting(f -> f.message().key().value(), MessageFailed::reason,
        MessageFailed::finalFailure).containsExactlyInAnyOrder(
            tuple("m-no", NotSentReason.NO_CONSENT, true),
            tuple("m-ghost", NotSentReason.LEAD_MISSING, true));
    assertThat(failed).filteredOn(f -> f.reason() == NotSentReason.NO_CONSENT).singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("no consent"));
    assertThat(mailer.deliveries()).isEmpty();
  }

  @Test
  void operationalMailReachesPendingDoubleOptInButNotUnsubscribed() {
    RecordingMailer mailer = new RecordingMailer();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).build();
    Lead pending = kit.upsertLead(LeadInput.email("p@example.com")
        .consent(Channel.EMAIL, ConsentStatus.PENDING_CONFIRMATION, "form").build()).lead();
    kit.outbox().enqueue(msg(pending, "confirm", true), clock.instant());
    kit.outbox().enqueue(msg(pending, "promo", false), clock.instant());
    kit.dispatch();
    assertThat(mailer.deliveries()).extracting(d -> d.message().key().value())
        .containsExactly("confirm");
  }

  @Test
  void failuresAreRetriedWithBackoffThenDeadLettered() {
    AtomicInteger calls = new AtomicInteger();
    LeadKit kit = LeadKit.builder().clock(clock)
        .retryPolicy(new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10)))
        .mailer((m, l) -> {
          calls.incrementAndGet();
          throw new MailerException("provider timeout", true);
        }).build();
    List<MessageFailed> failed = new ArrayList<>();
    kit.events().on(MessageFailed.class, failed::add);
    Lead l = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    kit.outbox().enqueue(msg(l, "k", false), clock.instant());
    assertThat(kit.dispatch().retried()).isEqualTo(1);
    assertThat(kit.dispatch().claimed()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(kit.dispatch().retried()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    assertThat(kit.dispatch().dead()).isEqualTo(1);
    clock.advance(Duration.ofDays(1));
    assertThat(kit.dispatch().claimed()).isZero();
    assertThat(calls.get()).isEqualTo(3);
    assertThat(kit.outbox().find(MessageKey.of("k")).orElseThrow().lastError())
        .contains("provider timeout");
    assertThat(kit.outbox().find(MessageKey.of("k")).orElseThrow().reason())
        .contains(NotSentReason.RETRIES_EXHAUSTED);
    assertThat(failed).extracting(MessageFailed::reason, MessageFailed::finalFailure,
        MessageFailed::detail).containsExactly(
            tuple(NotSentReason.MAILER_FAILED, false, "provider timeout"),
            tuple(NotSentReason.MAILER_FAILED, false, "provider timeout"),
            tuple(NotSentReason.RETRIES_EXHAUSTED, true, "provider timeout"));
  }

  @Test
  void permanentFailureIsDeadAtOnce() {
    LeadKit kit = LeadKit.builder().clock(clock)
        .mailer((m, l) -> {
          throw new MailerException("mailbox does not exist", false);
        }).build();
    Lead l = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    kit.outbox().enqueue(msg(l, "k", false), clock.instant());
    assertThat(kit.dispatch().dead()).isEqualTo(1);
    OutboxEntry dead = kit.outbox().find(MessageKey.of("k")).orElseThrow();
    assertThat(dead.reason()).contains(NotSentReason.MAILER_REJECTED);
    assertThat(dead.lastError()).contains("mailbox does not exist");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMinutes(5));
  }

  /**
   * A crash after the mailer accepted the message but before it was marked sent is modelled by
   * a lease that expires: the next dispatcher hands the same key over again, and a mailer that
   * dedupes by key (as the port asks) delivers it once.
   */
  @Property(tries = 50)
  void crashBeforeMarkingSentNeverDoublesADelivery(@ForAll @IntRange(min = 1, max = 20) int n) {
    RecordingMailer mailer = new RecordingMailer();
    ManualClock c = ManualClock.at("2026-04-01T09:00:00Z");
    LeadKit kit = LeadKit.builder().clock(c).mailer(mailer).dispatchLease(Duration.ofMinutes(1))
        .build();
    Lead l = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    for (int i = 0; i < n; i++) {
      kit.outbox().enqueue(msg(l, "k" + i, false), c.instant());
    }
    // "crashed" dispatcher: claims, sends, dies before marking
    var claimed = kit.outbox().claim(c.instant(), n, Duration.ofMinutes(1));
    claimed.forEach(e -> mailer.send(e.message(), l));
    c.advance(Duration.ofMinutes(2));
    DispatchReport r = kit.dispatch();
    assertThat(r.sent()).isEqualTo(n);
    assertThat(mailer.deliveries()).hasSize(n);
    assertThat(mailer.duplicateCalls()).isEqualTo(n);
  }
}
