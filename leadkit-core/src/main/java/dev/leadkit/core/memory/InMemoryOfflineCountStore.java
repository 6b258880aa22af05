package dev.leadkit.core.memory;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.measure.OfflineCount;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.measure.ReportPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Offline figures in sorted maps, one per name. */
final class InMemoryOfflineCountStore implements OfflineCountStore {
  private final Map<String, NavigableMap<Instant, Long>> byName = new ConcurrentHashMap<>();

  @Override
  public void put(OfflineCount count) {
    if (count == null) {
      throw new InvalidValueException("offline count must not be null");
    }
    byName.computeIfAbsent(count.name(), k -> new ConcurrentSkipListMap<>())
        .put(count.at(), count.value());
  }

  @Override
  public long total(String name, ReportPeriod period) {
    if (name == null || period == null) {
      throw new InvalidValueException("offline count name and period must not be null");
    }
    NavigableMap<Instant, Long> m = byName.get(name);
    if (m == null) {
      return 0;
    }
    long sum = 0;
    for (long v : m.subMap(period.from(), true, period.to(), false).values()) {
      sum += v;
    }
    return sum;
  }

  @Override
  public List<OfflineCount> find(String name) {
    if (name == null) {
      throw new InvalidValueException("offline count name must not be null");
    }
    List<OfflineCount> out = new ArrayList<>();
    NavigableMap<Instant, Long> m = byName.get(name);
    if (m != null) {
      m.forEach((at, v) -> out.add(new OfflineCount(name, at, v)));
    }
    return out;
  }
}
