package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Set-like tables keyed by (group, lead), such as list and segment members: inserts that skip
 * pairs already stored and tell which were new, and deletes that tell which were there. The
 * caller owns the transaction and passes leads distinct and sorted (a stable lock order).
 */
final class PairWriter {
  private final Db db;
  private final String table;
  private final String groupColumn;
  private final @Nullable String timeColumn;

  PairWriter(Db db, String table, String groupColumn, @Nullable String timeColumn) {
    this.db = db;
    this.table = table;
    this.groupColumn = groupColumn;
    this.timeColumn = timeColumn;
  }

  private List<String> existing(Connection c, String group, List<String> leads)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM " + table + " WHERE "
        + groupColumn + " = ? AND lead_id IN (" + "?, ".repeat(leads.size() - 1) + "?)"
        + (db.dialect() == Dialect.POSTGRESQL ? "" : " FOR UPDATE"))) {
      ps.setString(1, group);
      for (int i = 0; i < leads.size(); i++) {
        ps.setString(i + 2, leads.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Inserts the absent pairs (with {@code at} as time, if the table has one); returns them. */
  Set<String> insertAbsent(Connection c, String group, List<String> leads,
      java.time.@Nullable Instant at) throws SQLException {
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < leads.size(); from += AbsentInserter.CHUNK) {
      List<String> chunk = leads.subList(from, Math.min(leads.size(), from + AbsentInserter.CHUNK));
      String cols = groupColumn + ", lead_id" + (timeColumn == null ? "" : ", " + timeColumn);
      String row = timeColumn == null ? "(?, ?)" : "(?, ?, ?)";
      if (db.dialect() == Dialect.H2) {
        Set<String> there = new HashSet<>(existing(c, group, chunk));
        List<String> fresh = chunk.stream().filter(l -> !there.contains(l)).toList();
        if (!fresh.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + cols
              + ") VALUES " + row)) {
            for (String l : fresh) {
              bind(ps, 1, group, l, at);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          inserted.addAll(fresh);
        }
        continue;
      }
      StringBuilder sql = new StringBuilder(db.dialect() == Dialect.MARIADB ? "INSERT IGNORE INTO "
          : "INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      if (db.dialect() == Dialect.POSTGRESQL) {
        sql.append(" ON CONFLICT (").append(groupColumn).append(", lead_id) DO NOTHING");
      }
      sql.append(" RETURNING lead_id");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (String l : chunk) {
          i = bind(ps, i, group, l, at);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getString(1));
          }
        }
      }
    }
    return inserted;
  }

  private int bind(PreparedStatement ps, int i, String group, String lead,
      java.time.@Nullable Instant at) throws SQLException {
    ps.setString(i, group);
    ps.setString(i + 1, lead);
    if (timeColumn == null) {
      return i + 2;
    }
    db.setInstant(ps, i + 2, at);
    return i + 3;
  }

  /** Deletes the stored pairs among {@code leads}; returns the leads that were there. */
  Set<String> delete(Connection c, String group, List<String> leads) throws SQLException {
    Set<String> deleted = new HashSet<>();
    for (int from = 0; from < leads.size(); from += AbsentInserter.CHUNK) {
      List<String> chunk = leads.subList(from, Math.min(leads.size(), from + AbsentInserter.CHUNK));
      String where = " WHERE " + groupColumn + " = ? AND lead_id IN ("
          + "?, ".repeat(chunk.size() - 1) + "?)";
      if (db.dialect() == Dialect.H2) {
        deleted.addAll(existing(c, group, chunk));
      }
      String returning = db.dialect() == Dialect.H2 ? "" : " RETURNING lead_id";
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + where
          + returning)) {
        ps.setString(1, group);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 2, chunk.get(i));
        }
        if (returning.isEmpty()) {
          ps.executeUpdate();
        } else {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              deleted.add(rs.getString(1));
            }
          }
        }
      }
    }
    return deleted;
  }
}
