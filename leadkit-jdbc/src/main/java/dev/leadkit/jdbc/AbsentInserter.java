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
 *       open), which {@link Db#txInsertingAbsent} handles by rerunning the transaction;
 *   <li>MariaDB, if built {@linkplain #bulk() for bulk}: each chunk of {@link #BULK_CHUNK} rows
 *       is done as on H2: one read of which keys exist, then the rest as one batch of plain
 *       inserts (the driver's bulk protocol). Used where the inserted keys are needed and most
 *       rows are new (touchpoints): {@code RETURNING} on a multi-row insert is slower than the
 *       bulk insert. A key inserted concurrently between the read and the insert is reported as
 *       a serialization failure, so that {@link Db#txInsertingAbsent} reruns the transaction.
 * </ul>
 *
 * <p>No path sends the database a row whose key it has just seen stored, so an ordinary
 * duplicate raises no error (the MariaDB driver logs every error packet at WARN); only a real
 * race between two writers can still meet the unique key.
 *
 * <p>Rows must have distinct keys (callers dedupe first). The caller owns the transaction.
 */
final class AbsentInserter<T> {
  /** Rows per statement: 500 rows of up to 17 columns stay far below every driver's limit. */
  static final int CHUNK = 500;

  /** Rows per bulk insert (and existence check) on MariaDB when built for bulk. */
  static final int BULK_CHUNK = 5_000;

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
  private final boolean bulk;

  AbsentInserter(Db db, String table, String keyColumn, List<String> columns,
      String rowPlaceholders, Function<T, String> key, Binder<T> binder) {
    this.db = db;
    this.table = table;
    this.keyColumn = keyColumn;
    this.columnList = String.join(", ", columns);
    this.rowPlaceholders = rowPlaceholders;
    this.key = key;
    this.binder = binder;
    this.bulk = false;
  }

  private AbsentInserter(AbsentInserter<T> base) {
    this.db = base.db;
    this.table = base.table;
    this.keyColumn = base.keyColumn;
    this.columnList = base.columnList;
    this.rowPlaceholders = base.rowPlaceholders;
    this.key = base.key;
    this.binder = base.binder;
    this.bulk = true;
  }

  /**
   * This inserter, but on MariaDB with bulk inserts (see the class comment) instead of
   * {@code INSERT IGNORE ... RETURNING}. Same results.
   */
  AbsentInserter<T> bulk() {
    return new AbsentInserter<>(this);
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
    boolean mariaBulk = bulk && db.dialect() == Dialect.MARIADB;
    int size = mariaBulk ? BULK_CHUNK : CHUNK;
    for (int from = 0; from < rows.size(); from += size) {
      List<T> chunk = rows.subList(from, Math.min(rows.size(), from + size));
      if (db.dialect() == Dialect.H2) {
        insertReadingFirst(c, chunk, inserted);
      } else if (mariaBulk) {
        try {
          insertReadingFirst(c, chunk, inserted);
        } catch (SQLException e) {
          if (Db.isUniqueViolation(e)) {
            // a concurrent transaction inserted one of the keys after the check: rerun
            throw new SQLException("a key of " + table + " was inserted concurrently",
                "40001", e);
          }
          throw e;
        }
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

  private void insertReadingFirst(Connection c, List<T> chunk, Set<String> inserted)
      throws SQLException {
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
    insertBatch(c, fresh);
    fresh.forEach(r -> inserted.add(key.apply(r)));
  }

  /** Plain inserts of {@code rows} as one JDBC batch. */
  private void insertBatch(Connection c, List<T> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + columnList
        + ") VALUES " + rowPlaceholders)) {
      for (T row : rows) {
        binder.bind(ps, 1, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
