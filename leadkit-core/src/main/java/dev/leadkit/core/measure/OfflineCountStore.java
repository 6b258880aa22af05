package dev.leadkit.core.measure;

import java.util.List;

/**
 * Where the host's {@linkplain OfflineCount offline figures} are kept. One figure per name and
 * time: putting it again replaces the value (a corrected count), so a retry is harmless.
 * Implementations: {@link dev.leadkit.core.memory.InMemory#offlineCounts()} and {@code
 * JdbcStores#offlineCounts()}; both are thread-safe, and each call is atomic on its own.
 */
public interface OfflineCountStore {
  /** Stores {@code count}, replacing the value of the same name and time. */
  void put(OfflineCount count);

  /** The sum of the values of {@code name} whose time lies in {@code period}; 0 if none. */
  long total(String name, ReportPeriod period);

  /** Every figure of {@code name}, oldest first. */
  List<OfflineCount> find(String name);
}
