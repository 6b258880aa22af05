package dev.leadkit.journey.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.port.EnrolmentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Enrolments by id (sorted, so a journey's enrolments are a key range), an index by lead, and
 * one ready index ordered by (ready time, id). All operations hold one monitor.
 */
final class InMemoryEnrolmentStore implements EnrolmentStore {
  private record Slot(Instant at, EnrolmentId id) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private static final Comparator<Enrolment> BY_TIME = Comparator
      .comparing(Enrolment::enrolledAt).thenComparing(Enrolment::id);

  /** Enrolments by id (point reads and updates are hash lookups) ... */
  private final Map<EnrolmentId, Enrolment> byId = new HashMap<>();
  /** ... and their ids in order, for pages; changed only when an enrolment is added. */
  private final TreeSet<EnrolmentId> sortedIds = new TreeSet<>();
  private final Map<LeadId, List<EnrolmentId>> byLead = new HashMap<>();
  private final TreeSet<Slot> ready = new TreeSet<>();

  private void put(Enrolment e) {
    Enrolment old = byId.put(e.id(), e);
    if (old != null) {
      old.readyAt().ifPresent(t -> ready.remove(new Slot(t, old.id())));
    } else {
      sortedIds.add(e.id());
      byLead.computeIfAbsent(e.lead(), k -> new ArrayList<>()).add(e.id());
    }
    e.readyAt().ifPresent(t -> ready.add(new Slot(t, e.id())));
  }

  @Override
  public synchronized Optional<Enrolment> insert(Enrolment enrolment) {
    if (enrolment.revision() != 0) {
      throw new InvalidValueException("a new enrolment has revision 0: " + enrolment.id());
    }
    if (byId.containsKey(enrolment.id())
        || findLive(enrolment.journey(), enrolment.lead()).isPresent()) {
      return Optional.empty();
    }
    Enrolment stored = enrolment.withRevision(1);
    put(stored);
    return Optional.of(stored);
  }

  @Override
  public synchronized List<Enrolment> insertAll(List<Enrolment> enrolments) {
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : enrolments) {
      insert(e).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public synchronized Optional<Enrolment> find(EnrolmentId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized List<Enrolment> findByLead(LeadId lead) {
    List<Enrolment> out = new ArrayList<>();
    for (EnrolmentId id : byLead.getOrDefault(lead, List.of())) {
      out.add(byId.get(id));
    }
    out.sort(BY_TIME);
    return out;
  }

  @Override
  public synchronized int deleteLead(LeadId lead) {
    List<EnrolmentId> ids = byLead.remove(lead);
    if (ids == null) {
      return 0;
    }
    for (EnrolmentId id : ids) {
      Enrolment old = byId.remove(id);
      sortedIds.remove(id);
      if (old != null) {
        old.readyAt().ifPresent(t -> ready.remove(new Slot(t, id)));
      }
    }
    return ids.size();
  }

  @Override
  public synchronized Map<LeadId, List<Enrolment>> findByLeads(JourneyId journey,
      Collection<LeadId> leads) {
    Map<LeadId, List<Enrolment>> out = new HashMap<>();
    for (LeadId lead : leads) {
      List<Enrolment> mine = findByLead(lead).stream()
          .filter(e -> e.journey().equals(journey)).toList();
      if (!mine.isEmpty()) {
        out.put(lead, mine);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<Enrolment> findLive(JourneyId journey, LeadId lead) {
    for (EnrolmentId id : byLead.getOrDefault(lead, List.of())) {
      Enrolment e = byId.get(id);
      if (e != null && e.journey().equals(journey) && e.isLive()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized List<Enrolment> claimDue(Instant now, int limit, Duration lease) {
    checkClaim(limit, lease);
    List<Enrolment> out = new ArrayList<>();
    while (out.size() < limit && !ready.isEmpty() && !ready.first().at().isAfter(now)) {
      Slot s = ready.first();
      out.add(take(stored(s.id()), now, lease));
    }
    return out;
  }

  private static void checkClaim(int limit, Duration lease) {
    if (limit <= 0 || lease.isNegative() || lease.isZero()) {
      throw new InvalidValueException("claim needs a positive limit and lease: " + limit + ", "
          + lease);
    }
  }

  // the queues and indexes only hold ids of stored enrolments
  private Enrolment stored(EnrolmentId id) {
    Enrolment e = byId.get(id);
    if (e == null) {
      throw new IllegalStateException("index names a missing enrolment " + id);
    }
    return e;
  }

  private Enrolment take(Enrolment e, Instant now, Duration lease) {
    Enrolment c = e.withLease(UUID.randomUUID().toString(), now.plus(lease))
        .withRevision(e.revision() + 1);
    put(c);
    return c;
  }

  @Override
  public synchronized Optional<Enrolment> claim(EnrolmentId id, Instant now, Duration lease) {
    checkClaim(1, lease);
    Enrolment e = byId.get(id);
    if (e == null || !e.isLive() || e.leasedAt(now)) {
      return Optional.empty();
    }
    return Optional.of(take(e, now, lease));
  }

  private @Nullable Enrolment held(Enrolment e, String token) {
    Enrolment stored = byId.get(e.id());
    if (stored == null || !stored.leaseToken().orElse("").equals(token)) {
      return null;
    }
    return stored;
  }

  @Override
  public synchronized Optional<Enrolment> save(Enrolment enrolment, String leaseToken) {
    Enrolment stored = held(enrolment, leaseToken);
    if (stored == null) {
      return Optional.empty();
    }
    Enrolment next = enrolment.withLease(leaseToken, stored.leaseUntil().orElseThrow())
        .withRevision(stored.revision() + 1);
    put(next);
    return Optional.of(next);
  }

  @Override
  public synchronized Optional<Enrolment> complete(Enrolment enrolment, String leaseToken) {
    Enrolment stored = held(enrolment, leaseToken);
    if (stored == null) {
      return Optional.empty();
    }
    Enrolment next = enrolment.withoutLease().withRevision(stored.revision() + 1);
    put(next);
    return Optional.of(next);
  }

  @Override
  public synchronized Optional<Enrolment> update(Enrolment enrolment) {
    Enrolment stored = byId.get(enrolment.id());
    if (stored == null || stored.revision() != enrolment.revision()) {
      return Optional.empty();
    }
    Enrolment next = enrolment.withoutLease().withRevision(stored.revision() + 1);
    put(next);
    return Optional.of(next);
  }

  @Override
  public synchronized List<Enrolment> page(JourneyId journey, @Nullable EnrolmentId after,
      int limit) {
    String prefix = journey.value() + ":";
    List<Enrolment> out = new ArrayList<>();
    var tail = after == null ? sortedIds.tailSet(new EnrolmentId(prefix), true)
        : sortedIds.tailSet(after, false);
    for (EnrolmentId id : tail) {
      if (!id.value().startsWith(prefix) || out.size() >= limit) {
        break;
      }
      out.add(byId.get(id));
    }
    return out;
  }

  @Override
  public synchronized List<Enrolment> findOverdue(Instant before, int limit) {
    List<Enrolment> out = new ArrayList<>();
    for (Slot s : ready) {
      if (!s.at().isBefore(before) || out.size() >= limit) {
        break;
      }
      out.add(byId.get(s.id()));
    }
    return out;
  }

  @Override
  public synchronized Map<EnrolmentStatus, Long> countByStatus(JourneyId journey) {
    Map<EnrolmentStatus, Long> m = new EnumMap<>(EnrolmentStatus.class);
    for (EnrolmentStatus s : EnrolmentStatus.values()) {
      m.put(s, 0L);
    }
    String prefix = journey.value() + ":";
    for (EnrolmentId id : sortedIds.tailSet(new EnrolmentId(prefix), true)) {
      if (!id.value().startsWith(prefix)) {
        break;
      }
      m.merge(stored(id).status(), 1L, Long::sum);
    }
    return m;
  }
}
