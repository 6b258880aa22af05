package dev.leadkit.core.memory;

import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerLease;
import dev.leadkit.core.port.TimerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Timers in memory: a map by id and a sorted index by the time each becomes claimable (its
 * lease end while leased, else its due time), so a claim reads only the claimable head.
 * Thread-safe (one lock).
 */
final class InMemoryTimerStore implements TimerStore {
  private static final Comparator<Timer> ORDER = Comparator.comparing(Timer::due)
      .thenComparing(Timer::id);

  /** An index entry: when the timer becomes claimable, and its id. */
  private record Ready(Instant at, String id) implements Comparable<Ready> {
    @Override
    public int compareTo(Ready o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final Map<String, Timer> byId = new HashMap<>();
  private final TreeSet<Ready> ready = new TreeSet<>();

  private static Ready readyOf(Timer t) {
    return new Ready(t.lease().map(TimerLease::until).orElse(t.due()), t.id());
  }

  private static String id(String kind, String key) {
    return kind + ":" + key;
  }

  private void put(Timer t) {
    Timer old = byId.put(t.id(), t);
    if (old != null) {
      ready.remove(readyOf(old));
    }
    ready.add(readyOf(t));
  }

  private Optional<Timer> remove(String id) {
    Timer old = byId.remove(id);
    if (old != null) {
      ready.remove(readyOf(old));
    }
    return Optional.ofNullable(old);
  }

  private Optional<Timer> held(Timer timer, String token) {
    Timer stored = byId.get(timer.id());
    if (stored == null || stored.lease().isEmpty()
        || !stored.lease().get().token().equals(token)) {
      return Optional.empty();
    }
    return Optional.of(stored);
  }

  @Override
  public synchronized void schedule(Timer timer) {
    Args.notNull(timer, "timer");
    put(timer.movedTo(timer.due(), timer.payload()));
  }

  @Override
  public synchronized void scheduleAll(List<Timer> timers) {
    for (Timer t : TimerStore.checked(timers, "timers")) {
      put(t.movedTo(t.due(), t.payload()));
    }
  }

  @Override
  public synchronized boolean cancel(String kind, String key) {
    Args.notNull(kind, "kind");
    Args.notNull(key, "key");
    return remove(id(kind, key)).isPresent();
  }

  @Override
  public synchronized Optional<Timer> find(String kind, String key) {
    Args.notNull(kind, "kind");
    Args.notNull(key, "key");
    return Optional.ofNullable(byId.get(id(kind, key)));
  }

  @Override
  public synchronized List<Timer> claimDue(Instant now, int limit, Duration lease,
      String holder) {
    TimerStore.checkClaim(now, limit, lease, holder);
    TimerLease l = new TimerLease(holder, UUID.randomUUID().toString(), now.plus(lease));
    List<Timer> picked = new ArrayList<>();
    for (Ready r : ready) {
      if (r.at().isAfter(now) || picked.size() >= limit) {
        break;
      }
      Timer t = byId.get(r.id());
      if (t != null && !t.due().isAfter(now)) {
        picked.add(t);
      }
    }
    List<Timer> out = new ArrayList<>(picked.size());
    for (Timer t : picked) {
      Timer claimed = new Timer(t.kind(), t.key(), t.lead(), t.due(), t.payload(), t.attempts(),
          Optional.of(l));
      put(claimed);
      out.add(claimed);
    }
    out.sort(ORDER);
    return out;
  }

  @Override
  public synchronized boolean complete(Timer timer, String token) {
    Args.notNull(timer, "timer");
    Args.notNull(token, "token");
    if (held(timer, token).isEmpty()) {
      return false;
    }
    remove(timer.id());
    return true;
  }

  @Override
  public synchronized Set<String> completeAll(List<Timer> timers, String token) {
    Args.notNull(token, "token");
    Set<String> out = new HashSet<>();
    for (Timer t : TimerStore.checked(timers, "timers")) {
      if (complete(t, token)) {
        out.add(t.id());
      }
    }
    return out;
  }

  @Override
  public synchronized Set<String> reschedule(List<Timer> timers, String token) {
    Args.notNull(token, "token");
    Set<String> out = new HashSet<>();
    for (Timer t : TimerStore.checked(timers, "timers")) {
      Optional<Timer> stored = held(t, token);
      if (stored.isPresent()) {
        put(stored.get().movedTo(t.due(), t.payload()));
        out.add(t.id());
      }
    }
    return out;
  }

  @Override
  public synchronized boolean release(Timer timer, String token, Instant retryAt) {
    Args.notNull(timer, "timer");
    Args.notNull(token, "token");
    Args.notNull(retryAt, "retryAt");
    Optional<Timer> stored = held(timer, token);
    if (stored.isEmpty()) {
      return false;
    }
    Timer s = stored.get();
    put(new Timer(s.kind(), s.key(), s.lead(), retryAt, s.payload(), s.attempts() + 1,
        Optional.empty()));
    return true;
  }

  @Override
  public synchronized List<Timer> findByLead(LeadId lead) {
    Args.notNull(lead, "lead");
    List<Timer> out = new ArrayList<>();
    for (Timer t : byId.values()) {
      if (t.lead().equals(lead)) {
        out.add(t);
      }
    }
    out.sort(ORDER);
    return out;
  }

  @Override
  public synchronized int deleteLead(LeadId lead) {
    int n = 0;
    for (Timer t : findByLead(lead)) {
      remove(t.id());
      n++;
    }
    return n;
  }

  @Override
  public synchronized List<Timer> findOverdue(Instant before, int limit) {
    Args.notNull(before, "before");
    if (limit <= 0) {
      throw new dev.leadkit.core.InvalidValueException("limit must be positive: " + limit);
    }
    List<Timer> out = new ArrayList<>();
    for (Ready r : ready) {
      if (!r.at().isBefore(before) || out.size() >= limit) {
        break;
      }
      out.add(byId.get(r.id()));
    }
    return out;
  }

  @Override
  public synchronized long count() {
    return byId.size();
  }

  @Override
  public String toString() {
    return "in-memory timers";
  }
}
