package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.JourneyCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journey counters as adding upserts, one row per (journey, step, metric). */
final class JdbcJourneyCounters implements JourneyCounters {
  private final Db db;
  private final Tables tables;

  JdbcJourneyCounters(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  @Override
  public void add(Map<CounterKey, Long> deltas) {
    List<Map.Entry<CounterKey, Long>> sorted = checked(deltas);
    if (sorted.isEmpty()) {
      return;
    }
    db.txInsertingAbsent("adding " + sorted.size() + " journey counters", SqlWork.of(c -> {
      add(c, sorted);
    }));
  }

  /** True if {@link #add(Connection, List)} can join a transaction of {@code other}. */
  boolean sharesDatabaseWith(Db other) {
    return db.dataSource() == other.dataSource() && db.dialect() == other.dialect();
  }

  /**
   * The valid deltas in a stable order, so that concurrent adders lock rows in the same order.
   *
   * @throws InvalidValueException if a delta is invalid
   */
  static List<Map.Entry<CounterKey, Long>> checked(Map<CounterKey, Long> deltas) {
    if (deltas == null) {
      throw new InvalidValueException("counter deltas must not be null");
    }
    for (Map.Entry<CounterKey, Long> e : deltas.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || e.getKey().journey().length() > 200
          || e.getKey().step().map(String::length).orElse(0) > 200) {
        throw new InvalidValueException("invalid counter delta " + e);
      }
    }
    return deltas.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<CounterKey, Long> e) -> e.getKey().journey())
            .thenComparing(e -> e.getKey().step().orElse(""))
            .thenComparing(e -> e.getKey().step().isPresent())
            .thenComparing(e -> e.getKey().metric())).toList();
  }

  /** Adds {@code sorted} (from {@link #checked}) inside the caller's transaction on {@code c}. */
  void add(Connection c, List<Map.Entry<CounterKey, Long>> sorted) throws SQLException {
    String t = tables.journeyCounters();
    String sql = switch (db.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + t + " (journey, has_step, step, metric, total) VALUES "
          + "(?, ?, ?, ?, ?) ON CONFLICT (journey, has_step, step, metric) DO UPDATE SET total = "
          + t + ".total + EXCLUDED.total";
      case MARIADB -> "INSERT INTO " + t + " (journey, has_step, step, metric, total) VALUES "
          + "(?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE total = total + VALUES(total)";
      case H2 -> "MERGE INTO " + t + " d USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS "
          + "BOOLEAN), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(80)), CAST(? AS BIGINT))) "
          + "s(journey, has_step, step, metric, total) ON d.journey = s.journey AND d.has_step "
          + "= s.has_step AND d.step = s.step AND d.metric = s.metric WHEN MATCHED THEN UPDATE "
          + "SET d.total = d.total + s.total WHEN NOT MATCHED THEN INSERT (journey, has_step, "
          + "step, metric, total) VALUES (s.journey, s.has_step, s.step, s.metric, s.total)";
    };
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<CounterKey, Long> e : sorted) {
        CounterKey k = e.getKey();
        ps.setString(1, k.journey());
        ps.setBoolean(2, k.step().isPresent());
        ps.setString(3, k.step().orElse(""));
        ps.setString(4, k.metric());
        ps.setLong(5, e.getValue());
        ps.addBatch();
      }
      // one round trip; the update counts are not needed (and not reliable on MariaDB)
      ps.executeBatch();
    }
  }

  @Override
  public Map<CounterKey, Long> snapshot(String journey) {
    return db.read("reading the counters of journey " + journey, c -> {
      Map<CounterKey, Long> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT has_step, step, metric, total FROM "
          + tables.journeyCounters() + " WHERE journey = ?")) {
        ps.setString(1, journey);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(new CounterKey(journey, rs.getBoolean(1) ? Optional.of(rs.getString(2))
                : Optional.empty(), rs.getString(3)), rs.getLong(4));
          }
        }
      }
      return Map.copyOf(out);
    });
  }
}
