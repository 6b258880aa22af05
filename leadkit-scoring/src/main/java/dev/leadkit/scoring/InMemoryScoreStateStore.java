package dev.leadkit.scoring;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** The in-memory {@link ScoreStateStore}: reads are lock-free, writes take one lock. */
final class InMemoryScoreStateStore implements ScoreStateStore {
  private record Key(LeadId lead, String model) {}

  private record Due(long at, LeadId lead) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : lead.compareTo(o.lead);
    }
  }

  private final Map<Key, ScoreState> states = new ConcurrentHashMap<>();
  private final Map<String, NavigableSet<Due>> dueIndex = new ConcurrentHashMap<>();

  @Override
  public Optional<ScoreState> find(LeadId lead, String model) {
    ScoreState s = states.get(new Key(lead, model));
    return s == null ? Optional.empty() : Optional.of(s.copy());
  }

  @Override
  public Map<LeadId, ScoreState> findAll(Collection<LeadId> leads, String model) {
    Map<LeadId, ScoreState> out = new LinkedHashMap<>();
    for (LeadId id : leads) {
      ScoreState s = states.get(new Key(id, model));
      if (s != null) {
        out.put(id, s.copy());
      }
    }
    return out;
  }

  @Override
  public synchronized List<ScoreState> saveAll(Collection<ScoreState> batch) {
    Set<Key> seen = new HashSet<>();
    for (ScoreState s : batch) {
      if (s == null) {
        throw new InvalidValueException("score state must not be null");
      }
      Key k = new Key(s.lead(), s.model());
      if (!seen.add(k)) {
        throw new InvalidValueException("batch holds two states for " + k.lead() + " / "
            + k.model());
      }
      ScoreState old = states.get(k);
      long stored = old == null ? 0 : old.revision();
      if (stored != s.revision()) {
        throw new ConcurrentUpdateException(s.lead(), s.revision(), stored);
      }
    }
    List<ScoreState> out = new ArrayList<>(batch.size());
    Map<Key, ScoreState> writes = new HashMap<>();
    for (ScoreState s : batch) {
      ScoreState saved = s.withRevision(s.revision() + 1);
      writes.put(new Key(s.lead(), s.model()), saved);
      out.add(saved.copy());
    }
    for (Map.Entry<Key, ScoreState> w : writes.entrySet()) {
      ScoreState old = states.put(w.getKey(), w.getValue());
      NavigableSet<Due> idx = dueIndex.computeIfAbsent(w.getKey().model(),
          m -> new ConcurrentSkipListSet<>());
      if (old != null && old.nextCheck() != ScoreState.NO_CHECK) {
        idx.remove(new Due(old.nextCheck(), old.lead()));
      }
      if (w.getValue().nextCheck() != ScoreState.NO_CHECK) {
        idx.add(new Due(w.getValue().nextCheck(), w.getValue().lead()));
      }
    }
    return out;
  }

  @Override
  public List<ScoreState> findByLead(LeadId lead) {
    List<ScoreState> out = new ArrayList<>();
    states.forEach((k, s) -> {
      if (k.lead().equals(lead)) {
        out.add(s.copy());
      }
    });
    out.sort(java.util.Comparator.comparing(ScoreState::model));
    return out;
  }

  @Override
  public synchronized int deleteLead(LeadId lead) {
    int n = 0;
    for (var it = states.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().lead().equals(lead)) {
        NavigableSet<Due> idx = dueIndex.get(e.getKey().model());
        if (idx != null) {
          idx.remove(new Due(e.getValue().nextCheck(), lead));
        }
        it.remove();
        n++;
      }
    }
    return n;
  }

  @Override
  public List<LeadId> due(String model, Instant now, int limit) {
    if (limit < 1) {
      throw new InvalidValueException("limit must be positive: " + limit);
    }
    NavigableSet<Due> idx = dueIndex.get(model);
    List<LeadId> out = new ArrayList<>();
    if (idx == null) {
      return out;
    }
    long t = now.toEpochMilli();
    for (Due d : idx) {
      if (d.at() > t || out.size() >= limit) {
        break;
      }
      out.add(d.lead());
    }
    return out;
  }

  @Override
  public long count() {
    return states.size();
  }
}
