package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.segment.SegmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Members per segment in sorted maps (id to entry time), a reverse index per lead, and the
 * schedule as a sorted set ordered by (time, segment, lead). One monitor serialises all access.
 */
final class InMemorySegmentMembershipStore implements SegmentMembershipStore {
  private record Key(SegmentId segment, LeadId lead) {}

  private final Map<SegmentId, TreeMap<LeadId, Instant>> members = new HashMap<>();
  private final Map<LeadId, Set<SegmentId>> byLead = new HashMap<>();
  private final Map<Key, Instant> scheduled = new HashMap<>();
  private final TreeSet<Check> queue = new TreeSet<>((a, b) -> {
    int c = a.at().compareTo(b.at());
    if (c == 0) {
      c = a.segment().compareTo(b.segment());
    }
    return c != 0 ? c : a.lead().compareTo(b.lead());
  });

  @Override
  public synchronized Optional<Instant> memberSince(SegmentId segment, LeadId lead) {
    TreeMap<LeadId, Instant> m = members.get(segment);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(lead));
  }

  /** One hash lookup in the reverse index, not a search of the segment's sorted members. */
  @Override
  public synchronized boolean isMember(SegmentId segment, LeadId lead) {
    Set<SegmentId> s = byLead.get(lead);
    return s != null && s.contains(segment);
  }

  @Override
  public synchronized Set<SegmentId> segmentsOf(LeadId lead) {
    Set<SegmentId> s = byLead.get(lead);
    return s == null ? Set.of() : Set.copyOf(s);
  }

  @Override
  public synchronized List<LeadId> members(SegmentId segment, @Nullable LeadId after, int limit) {
    if (limit < 0) {
      throw new InvalidValueException("limit must not be negative: " + limit);
    }
    TreeMap<LeadId, Instant> m = members.get(segment);
    if (m == null) {
      return List.of();
    }
    NavigableMap<LeadId, Instant> tail = after == null ? m : m.tailMap(after, false);
    List<LeadId> out = new ArrayList<>(Math.min(limit, tail.size()));
    for (LeadId l : tail.keySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(l);
    }
    return out;
  }

  @Override
  public synchronized long count(SegmentId segment) {
    TreeMap<LeadId, Instant> m = members.get(segment);
    return m == null ? 0 : m.size();
  }

  @Override
  public synchronized void apply(Collection<Change> changes) {
    for (Change c : changes) {
      if (c == null) {
        throw new InvalidValueException("membership changes must not contain null");
      }
    }
    for (Change c : changes) {
      if (c.entered()) {
        TreeMap<LeadId, Instant> m = members.computeIfAbsent(c.segment(), k -> new TreeMap<>());
        if (m.putIfAbsent(c.lead(), c.at()) == null) {
          byLead.computeIfAbsent(c.lead(), k -> new TreeSet<>()).add(c.segment());
        }
      } else {
        TreeMap<LeadId, Instant> m = members.get(c.segment());
        if (m != null && m.remove(c.lead()) != null) {
          Set<SegmentId> s = byLead.get(c.lead());
          if (s != null && s.remove(c.segment()) && s.isEmpty()) {
            byLead.remove(c.lead());
          }
          if (m.isEmpty()) {
            members.remove(c.segment());
          }
        }
      }
    }
  }

  @Override
  public synchronized void schedule(SegmentId segment, LeadId lead, Optional<Instant> at) {
    if (segment == null || lead == null || at == null) {
      throw new InvalidValueException("schedule arguments must not be null");
    }
    Key k = new Key(segment, lead);
    Instant old = at.isPresent() ? scheduled.put(k, at.get()) : scheduled.remove(k);
    if (old != null) {
      queue.remove(new Check(segment, lead, old));
    }
    at.ifPresent(t -> queue.add(new Check(segment, lead, t)));
  }

  @Override
  public synchronized void scheduleAll(Collection<Reschedule> entries) {
    if (entries == null) {
      throw new InvalidValueException("schedule entries must not be null");
    }
    for (Reschedule r : entries) {
      if (r == null) {
        throw new InvalidValueException("schedule entries must not contain null");
      }
    }
    for (Reschedule r : entries) {
      schedule(r.segment(), r.lead(), r.at());
    }
  }

  @Override
  public synchronized Optional<Instant> scheduled(SegmentId segment, LeadId lead) {
    return Optional.ofNullable(scheduled.get(new Key(segment, lead)));
  }

  @Override
  public synchronized List<Check> due(Instant now, int limit) {
    List<Check> out = new ArrayList<>();
    for (Check c : queue) {
      if (c.at().isAfter(now) || out.size() >= limit) {
        break;
      }
      out.add(c);
    }
    return out;
  }

  @Override
  public synchronized long clearSegment(SegmentId segment) {
    TreeMap<LeadId, Instant> m = members.remove(segment);
    long n = 0;
    if (m != null) {
      n = m.size();
      for (LeadId l : m.keySet()) {
        Set<SegmentId> s = byLead.get(l);
        if (s != null && s.remove(segment) && s.isEmpty()) {
          byLead.remove(l);
        }
      }
    }
    queue.removeIf(c -> c.segment().equals(segment));
    scheduled.keySet().removeIf(k -> k.segment().equals(segment));
    return n;
  }

  @Override
  public synchronized void forgetLead(LeadId lead) {
    Set<SegmentId> s = byLead.remove(lead);
    if (s != null) {
      for (SegmentId seg : s) {
        TreeMap<LeadId, Instant> m = members.get(seg);
        if (m != null && m.remove(lead) != null && m.isEmpty()) {
          members.remove(seg);
        }
      }
    }
    queue.removeIf(c -> c.lead().equals(lead));
    scheduled.keySet().removeIf(k -> k.lead().equals(lead));
  }
}
