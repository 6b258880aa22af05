package dev.leadkit.journey;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts every call into the durable parts of the send path (before and after it takes effect)
 * and throws {@link Crash} at the chosen one, once: a process dying at that point. The
 * wrapped stores keep their state, as a database would.
 */
final class CrashInjector {
  /** A simulated process death; an Error so that no library catch block swallows it. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("simulated crash " + where, null, false, false);
    }
  }

  private final int crashAt;
  private int hits;
  private @Nullable String crashedAt;

  CrashInjector(int crashAt) {
    this.crashAt = crashAt;
  }

  int hits() {
    return hits;
  }

  @Nullable String crashedAt() {
    return crashedAt;
  }

  void hit(String where) {
    hits++;
    if (hits == crashAt) {
      crashedAt = where;
      throw new Crash(where);
    }
  }

  <T> T around(String where, Supplier<T> call) {
    hit(where + ".before");
    T out = call.get();
    hit(where + ".after");
    return out;
  }

  TimerStore wrap(TimerStore d) {
    return new TimerStore() {
      @Override
      public void schedule(Timer timer) {
        around("timers.schedule", () -> {
          d.schedule(timer);
          return null;
        });
      }

      @Override
      public void scheduleAll(List<Timer> timers) {
        around("timers.scheduleAll", () -> {
          d.scheduleAll(timers);
          return null;
        });
      }

      @Override
      public boolean cancel(String kind, String key) {
        return around("timers.cancel", () -> d.cancel(kind, key));
      }

      @Override
      public Optional<Timer> find(String kind, String key) {
        return d.find(kind, key);
      }

      @Override
      public List<Timer> claimDue(Instant now, int limit, Duration lease, String holder) {
        return around("timers.claimDue", () -> d.claimDue(now, limit, lease, holder));
      }

      @Override
      public boolean complete(Timer timer, String token) {
        return around("timers.complete", () -> d.complete(timer, token));
      }

      @Override
      public Set<String> completeAll(List<Timer> timers, String token) {
        return around("timers.completeAll", () -> d.completeAll(timers, token));
      }

      @Override
      public Set<String> reschedule(List<Timer> timers, String token) {
        return around("timers.reschedule", () -> d.reschedule(timers, token));
      }

      @Override
      public boolean release(Timer timer, String token, Instant retryAt) {
        return around("timers.release", () -> d.release(timer, token, retryAt));
      }

      @Override
      public List<Timer> findByLead(LeadId lead) {
        return d.findByLead(lead);
      }

      @Override
      public int deleteLead(LeadId lead) {
        return around("timers.deleteLead", () -> d.deleteLead(lead));
      }

      @Override
      public List<Timer> findOverdue(Instant before, int limit) {
        return d.findOverdue(before, limit);
      }

      @Override
      public long count() {
        return d.count();
      }
    };
  }

  EnrolmentStore wrap(EnrolmentStore d) {
    return new EnrolmentStore() {
      @Override
      public Optional<Enrolment> insert(Enrolment e) {
        return around("enrolments.insert", () -> d.insert(e));
      }

      @Override
      public List<Enrolment> insertAll(List<Enrolment> es) {
        return around("enrolments.insertAll", () -> d.insertAll(es));
      }

      @Override
      public int deleteLead(LeadId lead) {
        return around("enrolments.deleteLead", () -> d.deleteLead(lead));
      }

      @Override
      public Optional<Enrolment> find(EnrolmentId id) {
        return d.find(id);
      }

      @Override
      public List<Enrolment> findByLead(LeadId lead) {
        return d.findByLead(lead);
      }

      @Override
      public Map<LeadId, List<Enrolment>> findByLeads(JourneyId journey,
          Collection<LeadId> leads) {
        return d.findByLeads(journey, leads);
      }

      @Override
      public Optional<Enrolment> findLive(JourneyId journey, LeadId lead) {
        return d.findLive(journey, lead);
      }

      @Override
      public List<Enrolment> claimDue(Instant now, int limit, Duration lease) {
        return around("enrolments.claimDue", () -> d.claimDue(now, limit, lease));
      }

      @Override
      public Optional<Enrolment> claim(EnrolmentId id, Instant now, Duration lease) {
        return around("enrolments.claim", () -> d.claim(id, now, lease));
      }

      @Override
      public Optional<Enrolment> save(Enrolment e, String token) {
        return around("enrolments.save", () -> d.save(e, token));
      }

      @Override
      public Optional<Enrolment> complete(Enrolment e, String token) {
        return around("enrolments.complete", () -> d.complete(e, token));
      }

      @Override
      public Optional<Enrolment> update(Enrolment e) {
        return around("enrolments.update", () -> d.update(e));
      }

      @Override
      public List<Enrolment> page(JourneyId journey, @Nullable EnrolmentId after, int limit) {
        return d.page(journey, after, limit);
      }

      @Override
      public List<Enrolment> findOverdue(Instant before, int limit) {
        return d.findOverdue(before, limit);
      }

      @Override
      public Map<EnrolmentStatus, Long> countByStatus(JourneyId journey) {
        return d.countByStatus(journey);
      }
    };
  }

  SendLog wrap(SendLog d) {
    return new SendLog() {
      @Override
      public Reservation reserve(SendRecord message, List<FrequencyCap> caps) {
        return around("sendLog.reserve", () -> d.reserve(message, caps));
      }

      @Override
      public Optional<SendRecord> find(MessageKey key) {
        return d.find(key);
      }

      @Override
      public List<SendRecord> forLead(LeadId lead, Instant since) {
        return d.forLead(lead, since);
      }

      @Override
      public int deleteLead(LeadId lead) {
        return around("sendLog.deleteLead", () -> d.deleteLead(lead));
      }
    };
  }

  Outbox wrap(Outbox d) {
    return new Outbox() {
      @Override
      public boolean enqueue(OutboundMessage message, Instant now) {
        return around("outbox.enqueue", () -> d.enqueue(message, now));
      }

      @Override
      public int enqueueAll(List<OutboundMessage> messages, Instant now) {
        return around("outbox.enqueueAll", () -> d.enqueueAll(messages, now));
      }

      @Override
      public List<OutboxEntry> claim(Instant now, int limit, Duration lease) {
        return around("outbox.claim", () -> d.claim(now, limit, lease));
      }

      @Override
      public boolean markSent(MessageKey key, String token, Instant at, String providerId) {
        return around("outbox.markSent", () -> d.markSent(key, token, at, providerId));
      }

      @Override
      public boolean defer(MessageKey key, String token, Instant until, String detail) {
        return around("outbox.defer", () -> d.defer(key, token, until, detail));
      }

      @Override
      public boolean markFailed(MessageKey key, String token, Instant at, String error,
          Instant retryAt) {
        return around("outbox.markFailed", () -> d.markFailed(key, token, at, error, retryAt));
      }

      @Override
      public boolean markDead(MessageKey key, String token, Instant at, NotSentReason reason,
          String error) {
        return around("outbox.markDead", () -> d.markDead(key, token, at, reason, error));
      }

      @Override
      public boolean cancel(MessageKey key, Instant at, NotSentReason reason, String detail) {
        return around("outbox.cancel", () -> d.cancel(key, at, reason, detail));
      }

      @Override
      public Optional<OutboxEntry> find(MessageKey key) {
        return d.find(key);
      }

      @Override
      public Map<OutboxStatus, Long> countByStatus() {
        return d.countByStatus();
      }

      @Override
      public int purgeLead(LeadId lead) {
        return d.purgeLead(lead);
      }

      @Override
      public List<OutboxEntry> findByLead(LeadId lead) {
        return d.findByLead(lead);
      }
    };
  }

  Mailer wrap(Mailer d) {
    return (OutboundMessage m, Lead recipient) -> around("mailer.send", () -> d.send(m, recipient));
  }
}
