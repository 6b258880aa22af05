package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.measure.OfflineCount;
import dev.leadkit.core.measure.OfflineCountStore;
import dev.leadkit.core.measure.ReportPeriod;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline figures in one narrow table keyed by name and time; a put is one upsert that replaces
 * the value ({@code ON CONFLICT DO UPDATE}, {@code ON DUPLICATE KEY UPDATE}, H2 {@code MERGE}).
 */
final class JdbcOfflineCountStore implements OfflineCountStore {
  private final Db db;
  private final Tables tables;

  JdbcOfflineCountStore(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  @Override
  public void put(OfflineCount count) {
    if (count == null) {
      throw new InvalidValueException("offline count must not be null");
    }
    String t = tables.offlineCounts();
    String sql = switch (db.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + t + " (name, counted_at, count_value) VALUES (?, ?, ?)"
          + " ON CONFLICT (name, counted_at) DO UPDATE SET count_value = EXCLUDED.count_value";
      case MARIADB -> "INSERT INTO " + t + " (name, counted_at, count_value) VALUES (?, ?, ?)"
          + " ON DUPLICATE KEY UPDATE count_value = VALUES(count_value)";
      case H2 -> "MERGE INTO " + t + " (name, counted_at, count_value) KEY (name, counted_at)"
          + " VALUES (?, ?, ?)";
    };
    db.txInsertingAbsent("storing offline count " + count.name(), SqlWork.of(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, count.name());
        db.setInstant(ps, 2, count.at());
        ps.setLong(3, count.value());
        ps.executeUpdate();
      }
    }));
  }

  @Override
  public long total(String name, ReportPeriod period) {
    if (name == null || period == null) {
      throw new InvalidValueException("offline count name and period must not be null");
    }
    return db.read("summing offline count " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(count_value), 0) FROM "
          + tables.offlineCounts() + " WHERE name = ? AND counted_at >= ? AND counted_at < ?")) {
        ps.setString(1, name);
        db.setInstant(ps, 2, period.from());
        db.setInstant(ps, 3, period.to());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public List<OfflineCount> find(String name) {
    if (name == null) {
      throw new InvalidValueException("offline count name must not be null");
    }
    return db.read("reading offline count " + name, c -> {
      List<OfflineCount> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT counted_at, count_value FROM "
          + tables.offlineCounts() + " WHERE name = ? ORDER BY counted_at")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new OfflineCount(name, db.requireInstant(rs, "counted_at"),
                rs.getLong("count_value")));
          }
        }
      }
      return out;
    });
  }
}
