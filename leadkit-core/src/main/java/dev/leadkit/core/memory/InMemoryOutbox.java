package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Outbox entries by key, with a queue of claimable entries ordered by (nextAttemptAt, key) and
 * a queue of claimed entries ordered by lease expiry. All operations hold one monitor.
 */
final class InMemoryOutbox implements Outbox {
  private record Slot(Instant at, String key) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private final Map<MessageKey, OutboxEntry> entries = new HashMap<>();
  private final TreeSet<Slot> pending = new TreeSet<>();
  private final TreeSet<Slot> claimed = new TreeSet<>();

  @Override
  public synchronized boolean enqueue(OutboundMessage message, Instant now) {
    return enqueueAll(List.of(message), now) == 1;
  }

  @Override
  public synchronized int enqueueAll(List<OutboundMessage> messages, Instant now) {
    Map<MessageKey, OutboundMessage> fresh = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      if (!entries.containsKey(m.key())) {
        fresh.putIfAbsent(m.key(), m);
      }
    }
    for (OutboundMessage m : fresh.values()) {
      Instant ready = m.notBefore().isAfter(now) ? m.notBefore() : now;
      OutboxEntry e = new OutboxEntry(m, OutboxStatus.PENDING, 0, ready, Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now,
          Optional.empty());
      entries.put(m.key(), e);
      pending.add(new Slot(ready, m.key().value()));
    }
    return fresh.size();
  }

  @Override
  public synchronized List<OutboxEntry> claim(Instant now, int limit, Duration lease) {
    if (limit <= 0 || lease.isNegative() || lease.isZero()) {
      throw new InvalidValueException("claim needs a positive limit and lease: " + limit + ", "
          + lease);
    }
    List<OutboxEntry> out = new ArrayList<>();
    // expired claims first: they are the oldest work
    while (out.size() < limit && !claimed.isEmpty() && !claimed.first().at().isAfter(now)) {
      Slot s = claimed.pollFirst();
      out.add(take(MessageKey.of(s.key()), now, lease));
    }
    while (out.size() < limit && !pending.isEmpty() && !pending.first().at().isAfter(now)) {
      Slot s = pending.pollFirst();
      out.add(take(MessageKey.of(s.key()), now, lease));
    }
    return out;
  }

  private OutboxEntry take(MessageKey key, Instant now, Duration lease) {
    OutboxEntry e = entries.get(key);
    if (e == null) {
      // the pending and claimed queues only hold keys of stored entries
      throw new IllegalStateException("outbox queue names a missing entry " + key);
    }
    Instant until = now.plus(lease);
    OutboxEntry c = new OutboxEntry(e.message(), OutboxStatus.CLAIMED, e.attempts() + 1,
        e.nextAttemptAt(), Optional.of(UUID.randomUUID().toString()), Optional.of(until),
        e.lastError(), Optional.empty(), e.providerId(), e.enqueuedAt(), Optional.empty());
    entries.put(key, c);
    claimed.add(new Slot(until, key.value()));
    return c;
  }

  private @Nullable OutboxEntry held(MessageKey key, String token) {
    OutboxEntry e = entries.get(key);
    if (e == null || e.status() != OutboxStatus.CLAIMED
        || !e.claimToken().orElse("").equals(token)) {
      return null;
    }
    return e;
  }

  private void release(OutboxEntry e) {
    claimed.remove(new Slot(e.leaseUntil().orElseThrow(), e.key().value()));
  }

  @Override
  public synchronized boolean markSent(MessageKey key, String claimToken, Instant at,
      String providerId) {
    OutboxEntry e = held(key, claimToken);
    if (e == null) {
      return false;
    }
    release(e);
    entries.put(key, new OutboxEntry(e.message(), OutboxStatus.SENT, e.attempts(),
        e.nextAttemptAt(), Optional.empty(), Optional.empty(), e.lastError(), Optional.empty(),
        Optional.of(providerId), e.enqueuedAt(), Optional.of(at)));
    return true;
  }

  @Override
  public synchronized boolean markFailed(MessageKey key, String claimToken, Instant at,
      String error, Instant retryAt) {
    OutboxEntry e = held(key, claimToken);
    if (e == null) {
      return false;
    }
    release(e);
    entries.put(key, new OutboxEntry(e.message(), OutboxStatus.PENDING, e.attempts(), retryAt,
        Optional.empty(), Optional.empty(), Optional.of(error), Optional.empty(), e.providerId(),
        e.enqueuedAt(), Optional.empty()));
    pending.add(new Slot(retryAt, key.value()));
    return true;
  }

  @Override
  public synchronized boolean defer(MessageKey key, String claimToken, Instant until,
      String detail) {
    OutboxEntry e = held(key, claimToken);
    if (e == null) {
      return false;
    }
    release(e);
    entries.put(key, new OutboxEntry(e.message(), OutboxStatus.PENDING,
        Math.max(0, e.attempts() - 1), until, Optional.empty(), Optional.empty(),
        Optional.of(detail), Optional.empty(), e.providerId(), e.enqueuedAt(),
        Optional.empty()));
    pending.add(new Slot(until, key.value()));
    return true;
  }

  @Override
  public synchronized boolean markDead(MessageKey key, String claimToken, Instant at,
      NotSentReason reason, String error) {
    requireReason(reason);
    OutboxEntry e = held(key, claimToken);
    if (e == null) {
      return false;
    }
    release(e);
    entries.put(key, new OutboxEntry(e.message(), OutboxStatus.DEAD, e.attempts(),
        e.nextAttemptAt(), Optional.empty(), Optional.empty(), Optional.of(error),
        Optional.of(reason), e.providerId(), e.enqueuedAt(), Optional.of(at)));
    return true;
  }

  private static void requireReason(@Nullable NotSentReason reason) {
    if (reason == null) {
      throw new InvalidValueException("a cancelled or dead message needs a reason, got null");
    }
  }

  @Override
  public synchronized boolean cancel(MessageKey key, Instant at, NotSentReason reason,
      String detail) {
    requireReason(reason);
    OutboxEntry e = entries.get(key);
    if (e == null) {
      return false;
    }
    if (e.status() == OutboxStatus.PENDING) {
      pending.remove(new Slot(e.nextAttemptAt(), key.value()));
    } else if (e.status() == OutboxStatus.CLAIMED) {
      release(e);
    } else {
      return false;
    }
    entries.put(key, new OutboxEntry(e.message(), OutboxStatus.CANCELLED, e.attempts(),
        e.nextAttemptAt(), Optional.empty(), Optional.empty(), Optional.of(detail),
        Optional.of(reason), e.providerId(), e.enqueuedAt(), Optional.of(at)));
    return true;
  }

  @Override
  public synchronized Optional<OutboxEntry> find(MessageKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized List<OutboxEntry> findByLead(dev.leadkit.core.lead.LeadId lead) {
    List<OutboxEntry> out = new ArrayList<>();
    for (OutboxEntry e : entries.values()) {
      if (e.message().lead().equals(lead)) {
        out.add(e);
      }
    }
    out.sort(java.util.Comparator.comparing(OutboxEntry::enqueuedAt)
        .thenComparing(e -> e.key().value()));
    return out;
  }

  @Override
  public synchronized int purgeLead(dev.leadkit.core.lead.LeadId lead) {
    List<OutboxEntry> doomed = findByLead(lead);
    for (OutboxEntry e : doomed) {
      if (e.status() == OutboxStatus.PENDING) {
        pending.remove(new Slot(e.nextAttemptAt(), e.key().value()));
      } else if (e.status() == OutboxStatus.CLAIMED) {
        release(e);
      }
      entries.remove(e.key());
    }
    return doomed.size();
  }

  @Override
  public synchronized Map<OutboxStatus, Long> countByStatus() {
    Map<OutboxStatus, Long> m = new EnumMap<>(OutboxStatus.class);
    for (OutboxStatus s : OutboxStatus.values()) {
      m.put(s, 0L);
    }
    for (OutboxEntry e : entries.values()) {
      m.merge(e.status(), 1L, Long::sum);
    }
    return m;
  }
}
