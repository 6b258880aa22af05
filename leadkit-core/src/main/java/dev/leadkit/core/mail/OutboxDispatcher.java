package dev.leadkit.core.mail;

import dev.leadkit.core.event.EventBus;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MailerException;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbox entries to the host's {@link Mailer}: claim a batch under a lease, check consent
 * at send time, send, record the result. Failures are retried with backoff and end in the dead
 * state after the {@link RetryPolicy}'s attempts.
 *
 * <p>Consent is re-checked for every message just before the mailer is called: a lead that
 * unsubscribed after the message was decided, or was erased, gets nothing and the entry is
 * cancelled. Only an explicit {@link ConsentStatus#SUBSCRIBED} permits a message, except that an
 * operational message may also go to a lead whose consent is pending confirmation (the double
 * opt-in mail itself). Nothing ever goes to an unsubscribed lead.
 *
 * <p>Then every {@link HandOverCheck} the plugins registered is asked, immediately before the
 * mailer is called: a cancellation cancels the entry with its reason; a deferral hands the entry
 * back, pending again at the latest time any check asked for, without counting an attempt (see
 * {@link Outbox#defer}). So a send rule that held when a message was decided (quiet hours,
 * frequency caps, sales collision, suppression) also holds at the moment it is handed over.
 *
 * <p>Every cancelled or dead entry, and every {@link MessageFailed} event, carries a {@link
 * NotSentReason}: {@code NO_CONSENT} or {@code LEAD_MISSING} for a cancellation, {@code
 * MAILER_REJECTED} for a non-retryable {@link MailerException}, {@code RETRIES_EXHAUSTED} when the
 * last allowed attempt failed, and {@code MAILER_FAILED} for a failure that will be retried.
 *
 * <p>Thread-safe and stateless apart from its fixed settings: several threads, or several
 * nodes sharing the outbox, may dispatch at once, since each claims a disjoint batch under a
 * lease, and the mailer's result is recorded only with the claim's token. The {@link Mailer}
 * is called on the dispatching thread, so concurrent dispatching calls it concurrently. A
 * message whose lease runs out while the mailer is still working on it may be claimed and
 * handed to the mailer again by another dispatcher; pass its stable
 * {@link dev.leadkit.core.port.MessageKey} to the mail provider as an idempotency key to
 * deliver it exactly once.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final Outbox outbox;
  private final LeadStore leads;
  private final Mailer mailer;
  private final Clock clock;
  private final EventBus events;
  private final RetryPolicy retry;
  private final Duration lease;
  private final @Nullable Stores stores;
  private final List<HandOverCheck> checks;

  /**
   * Creates a dispatcher whose bookkeeping of each message is not one unit of work: the outbox
   * row's new state and the reactions to its event are written one by one.
   */
  public OutboxDispatcher(Outbox outbox, LeadStore leads, Mailer mailer, Clock clock,
      EventBus events, RetryPolicy retry, Duration lease) {
    this(null, outbox, leads, mailer, clock, events, retry, lease, List.of());
  }

  /**
   * Creates a dispatcher over {@code stores}' outbox. Recording each message's outcome (sent,
   * failed, dead, cancelled) and the plugins' reactions to its event (a journey's sent
   * bookkeeping touchpoint and counters) are one unit of work of {@code stores}: they commit
   * together or not at all.
   */
  public OutboxDispatcher(Stores stores, LeadStore leads, Mailer mailer, Clock clock,
      EventBus events, RetryPolicy retry, Duration lease) {
    this(stores, stores.outbox(), leads, mailer, clock, events, retry, lease, List.of());
  }

  /**
   * Creates a dispatcher over {@code stores}' outbox (see the constructor above) that also
   * re-checks {@code checks}, in order, after consent and immediately before each hand-over.
   * The list is read at each hand-over, so checks added to it later take part.
   */
  public OutboxDispatcher(Stores stores, LeadStore leads, Mailer mailer, Clock clock,
      EventBus events, RetryPolicy retry, Duration lease, List<HandOverCheck> checks) {
    this(stores, stores.outbox(), leads, mailer, clock, events, retry, lease, checks);
  }

  private OutboxDispatcher(@Nullable Stores stores, Outbox outbox, LeadStore leads,
      Mailer mailer, Clock clock, EventBus events, RetryPolicy retry, Duration lease,
      List<HandOverCheck> checks) {
    this.checks = checks;
    this.stores = stores;
    this.outbox = outbox;
    this.leads = leads;
    this.mailer = mailer;
    this.clock = clock;
    this.events = events;
    this.retry = retry;
    this.lease = lease;
  }

  /** Runs {@code work} as one unit of work of the stores, if the dispatcher has them. */
  private boolean atomically(Supplier<Boolean> work) {
    Stores s = stores;
    return s == null ? work.get() : events.deferring(() -> s.inTransaction(work));
  }

  /** True if {@code message} may be delivered to {@code lead} now. */
  public static boolean permitted(OutboundMessage message, Lead lead) {
    return lead.consent(message.channel()).map(c -> c.status() == ConsentStatus.SUBSCRIBED
        || (message.operational() && c.status() == ConsentStatus.PENDING_CONFIRMATION))
        .orElse(false);
  }

  /** Claims and hands over up to {@code limit} ready messages. */
  public DispatchReport dispatchOnce(int limit) {
    Instant now = clock.instant();
    List<OutboxEntry> batch = outbox.claim(now, limit, lease);
    int sent = 0;
    int retried = 0;
    int dead = 0;
    int cancelled = 0;
    int lost = 0;
    int deferred = 0;
    for (OutboxEntry e : batch) {
      OutboundMessage m = e.message();
      String token = e.claimToken().orElseThrow();
      Optional<Lead> lead = leads.findById(m.lead());
      if (lead.isEmpty() || !permitted(m, lead.get())) {
        NotSentReason reason = lead.isEmpty() ? NotSentReason.LEAD_MISSING
            : NotSentReason.NO_CONSENT;
        String why = lead.isEmpty() ? "lead no longer exists" : "no consent on " + m.channel();
        if (atomically(() -> {
          if (!outbox.cancel(m.key(), clock.instant(), reason, why)) {
            return false;
          }
          events.publish(new MessageFailed(m, reason, why, true, clock.instant()));
          return true;
        })) {
          cancelled++;
        } else {
          lost++;
        }
        continue;
      }
      HandOverVerdict verdict = verdict(m, lead.get(), clock.instant());
      if (verdict.action() == HandOverVerdict.Action.DEFER) {
        Instant now2 = clock.instant();
        Instant until = verdict.until().orElseThrow();
        Instant next = until.isAfter(now2) ? until : now2.plusSeconds(1);
        String why = verdict.reason().orElseThrow() + ": " + verdict.detail();
        if (outbox.defer(m.key(), token, next, why)) {
          deferred++;
        } else {
          lost++;
        }
        continue;
      }
      if (verdict.action() == HandOverVerdict.Action.CANCEL) {
        NotSentReason reason = verdict.reason().orElseThrow();
        String why = verdict.detail();
        if (atomically(() -> {
          if (!outbox.cancel(m.key(), clock.instant(), reason, why)) {
            return false;
          }
          events.publish(new MessageFailed(m, reason, why, true, clock.instant()));
          return true;
        })) {
          cancelled++;
        } else {
          lost++;
        }
        continue;
      }
      String providerId;
      try {
        providerId = mailer.send(m, lead.get());
      } catch (RuntimeException ex) {
        // anything but a MailerException that says otherwise is taken as retryable
        boolean retryable = !(ex instanceof MailerException me) || me.retryable();
        Instant at = clock.instant();
        boolean last = !retryable || e.attempts() >= retry.maxAttempts();
        NotSentReason reason = !retryable ? NotSentReason.MAILER_REJECTED
            : last ? NotSentReason.RETRIES_EXHAUSTED : NotSentReason.MAILER_FAILED;
        String error = String.valueOf(ex.getMessage());
        boolean held = atomically(() -> {
          boolean h = last
              ? outbox.markDead(m.key(), token, at, reason, error)
              : outbox.markFailed(m.key(), token, at, error,
                  at.plus(retry.delayAfter(e.attempts())));
          events.publish(new MessageFailed(m, reason, error, last, at));
          return h;
        });
        if (!held) {
          lost++;
        } else if (last) {
          dead++;
        } else {
          retried++;
        }
        LOG.warn("mailer failed for {} (attempt {}): {}", m.key(), e.attempts(), ex.getMessage());
        continue;
      }
      Instant at = clock.instant();
      // the sent mark and the reactions to it (a journey's sent touchpoint and counters)
      // commit together: a crash between them would lose the bookkeeping for good
      if (atomically(() -> {
        if (!outbox.markSent(m.key(), token, at, providerId)) {
          return false;
        }
        events.publish(new MessageSent(m, providerId, at));
        return true;
      })) {
        sent++;
      } else {
        lost++;
        LOG.warn("lease on {} expired before it was marked sent; the mailer must dedupe by key",
            m.key());
      }
    }
    return new DispatchReport(batch.size(), sent, retried, dead, cancelled, lost, deferred);
  }

  /** The first verdict of the checks that is not "proceed"; a cancellation beats a deferral. */
  private HandOverVerdict verdict(OutboundMessage m, Lead lead, Instant now) {
    @Nullable HandOverVerdict deferral = null;
    for (HandOverCheck c : checks) {
      HandOverVerdict v = c.check(m, lead, now);
      if (v.action() == HandOverVerdict.Action.CANCEL) {
        return v;
      }
      if (v.action() == HandOverVerdict.Action.DEFER
          && (deferral == null || v.until().orElseThrow().isAfter(deferral.until().orElseThrow()))) {
        deferral = v;
      }
    }
    return deferral == null ? HandOverVerdict.proceed() : deferral;
  }

  /** Dispatches batches until nothing is ready. */
  public DispatchReport dispatchAll(int batchSize) {
    DispatchReport total = DispatchReport.empty();
    while (true) {
      DispatchReport r = dispatchOnce(batchSize);
      total = total.plus(r);
      if (r.claimed() < batchSize) {
        return total;
      }
    }
  }
}
