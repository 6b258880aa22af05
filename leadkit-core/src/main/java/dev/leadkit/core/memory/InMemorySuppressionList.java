package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.SuppressionList;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Suppressed hashes in a concurrent map; counts in a sorted map under a monitor. */
final class InMemorySuppressionList implements SuppressionList {
  private final ConcurrentHashMap<String, Instant> hashes = new ConcurrentHashMap<>();
  private final TreeMap<String, Long> counts = new TreeMap<>();

  @Override
  public boolean suppress(String hash, Instant at) {
    if (hash == null || hash.isBlank() || at == null) {
      throw new InvalidValueException("suppression hash must not be blank: \"" + hash + "\"");
    }
    return hashes.putIfAbsent(hash, at) == null;
  }

  @Override
  public boolean isSuppressed(String hash) {
    return hashes.containsKey(hash);
  }

  @Override
  public Set<String> suppressedAmong(Collection<String> candidates) {
    Set<String> out = new LinkedHashSet<>();
    for (String h : candidates) {
      if (hashes.containsKey(h)) {
        out.add(h);
      }
    }
    return out;
  }

  @Override
  public long count() {
    return hashes.size();
  }

  @Override
  public synchronized void addCounts(Map<String, Long> add) {
    for (Map.Entry<String, Long> e : add.entrySet()) {
      if (e.getValue() < 0) {
        throw new InvalidValueException("counts only grow; refusing " + e);
      }
    }
    add.forEach((k, v) -> counts.merge(k, v, Long::sum));
  }

  @Override
  public synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
