package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Inserts rows whose key is not stored yet, ignoring the others, and tells which were inserted.
 * Never errors on an existing key, never duplicates one.
 *
 * <ul>
 *   <li>PostgreSQL: multi-row {@code INSERT ... ON CONFLICT (key) DO NOTHING RETURNING key};
 *   <li>MariaDB: multi-row {@code INSERT IGNORE ... RETURNING key} (10.5+), which returns only the
 *       rows it inserted;
 *   <li>H2: reads which keys exist, then batch-inserts the rest; a row inserted concurrently in
 *       between raises a key violation (or a lock time-out while the other transaction is
 *       open), which {@link Db#txInsertingAbsent} handles by rerunning the transaction.
 * </ul>
 *
 * <p>Rows must have distinct keys (callers dedupe first). The caller owns the transaction.
 */
final class AbsentInserter<T> {
  /** Rows per statement: 500 rows of up to 17 columns stay far below every driver's limit. */
  static final int CHUNK = 500;

  /** Binds one row's values from {@code offset} (1-based) on; returns the next free index. */
  @FunctionalInterface
  interface Binder<T> {
    int bind(PreparedStatement ps, int offset, T row) throws SQLException;
  }

  private final Db db;
  private final String table;
  private final String keyColumn;
  private final String columnList;
  private final String rowPlaceholders;
  private final Function<T, String> key;
  private final Binder<T> binder;

  AbsentInserter(Db db, String table, String keyColumn, List<String> columns,
      String rowPlaceholders, Function<T, String> key, Binder<T> binder) {
    this.db = db;
    this.table = table;
    this.keyColumn = keyColumn;
    this.columnList = String.join(", ", columns);
    this.rowPlaceholders = rowPlaceholders;
    this.key = key;
    this.binder = binder;
  }

  /**
   * Inserts the absent rows; returns the keys inserted. Rows are written in key order, so that
   * concurrent batches lock keys in the same order and wait for each other instead of
   * deadlocking.
   */
  Set<String> insert(Connection c, List<T> given) throws SQLException {
    List<T> rows = new ArrayList<>(given);
    rows.sort(Comparator.comparing(key));
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<T> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      if (db.dialect() == Dialect.H2) {
        insertH2(c, chunk, inserted);
      } else {
        insertReturning(c, chunk, inserted);
      }
    }
    return inserted;
  }

  private void insertReturning(Connection c, List<T> chunk, Set<String> inserted)
      throws SQLException {
    StringBuilder sql = new StringBuilder(db.dialect() == Dialect.MARIADB
        ? "INSERT IGNORE INTO " : "INSERT INTO ").append(table).append(" (").append(columnList)
        .append(") VALUES ");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(rowPlaceholders);
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      sql.append(" ON CONFLICT (").append(keyColumn).append(") DO NOTHING");
    }
    sql.append(" RETURNING ").append(keyColumn);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int index = 1;
      for (T row : chunk) {
        index = binder.bind(ps, index, row);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
  }

  private void insertH2(Connection c, List<T> chunk, Set<String> inserted) throws SQLException {
    Set<String> existing = new HashSet<>();
    StringBuilder q = new StringBuilder("SELECT ").append(keyColumn).append(" FROM ")
        .append(table).append(" WHERE ").append(keyColumn).append(" IN (");
    for (int i = 0; i < chunk.size(); i++) {
      q.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement ps = c.prepareStatement(q.append(')').toString())) {
      for (int i = 0; i < chunk.size(); i++) {
        ps.setString(i + 1, key.apply(chunk.get(i)));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    List<T> fresh = new ArrayList<>();
    for (T row : chunk) {
      if (!existing.contains(key.apply(row))) {
        fresh.add(row);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columnList
        + ") VALUES " + rowPlaceholders)) {
      for (T row : fresh) {
        binder.bind(ps, 1, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    fresh.forEach(r -> inserted.add(key.apply(r)));
  }
}
