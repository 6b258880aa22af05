package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Claims a batch of ready rows under a lease, for several workers on one database: the outbox
 * today, due journey steps next. Rows another worker has locked are skipped, never waited for.
 *
 * <ul>
 *   <li>PostgreSQL, one statement and one round trip: {@code UPDATE t SET <claim> WHERE key =
 *       ANY(ARRAY(SELECT key FROM t WHERE <ready> ORDER BY <order> LIMIT n FOR UPDATE SKIP
 *       LOCKED)) RETURNING <columns>};
 *   <li>MariaDB (no {@code UPDATE ... RETURNING}) and H2: {@code SELECT <columns> ... FOR UPDATE
 *       SKIP LOCKED}, then {@code UPDATE ... WHERE key IN (...)}, in one READ COMMITTED
 *       transaction; the claimed copies are derived from the selected rows by
 *       {@code claimedCopy}, saving a third round trip.
 * </ul>
 *
 * <p>The caller keeps the claim's effect in {@code claimSet} (for example a new token, the lease
 * end and an attempt count) so that completion can be made conditional on the token.
 */
final class LeaseClaimer<T> {
  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Binds parameters from {@code index} on; returns the next free index. */
  @FunctionalInterface
  interface Binder {
    int bind(PreparedStatement ps, int index) throws SQLException;
  }

  private final Db db;
  private final String table;
  private final String keyColumn;
  private final String columns;
  private final String ready;
  private final String order;
  private final RowReader<T> reader;
  private final Function<T, String> key;

  /**
   * @param ready the SQL condition of a claimable row, with parameters bound by the caller
   * @param order the claim order, e.g. {@code next_attempt_at, message_key}
   */
  LeaseClaimer(Db db, String table, String keyColumn, String columns, String ready, String order,
      RowReader<T> reader, Function<T, String> key) {
    this.db = db;
    this.table = table;
    this.keyColumn = keyColumn;
    this.columns = columns;
    this.ready = ready;
    this.order = order;
    this.reader = reader;
    this.key = key;
  }

  /**
   * Claims up to {@code limit} ready rows: sets {@code claimSet} (e.g. {@code status =
   * 'CLAIMED', token = ?}) on them and returns them as stored after the claim.
   */
  List<T> claim(String operation, int limit, Binder readyParams, String claimSet,
      Binder claimParams, UnaryOperator<T> claimedCopy) {
    if (db.dialect() == Dialect.POSTGRESQL) {
      return db.tx(operation, c -> claimReturning(c, limit, readyParams, claimSet, claimParams));
    }
    return db.tx(operation, Connection.TRANSACTION_READ_COMMITTED,
        c -> claimSelectThenUpdate(c, limit, readyParams, claimSet, claimParams, claimedCopy));
  }

  private List<T> claimReturning(Connection c, int limit, Binder readyParams, String claimSet,
      Binder claimParams) throws SQLException {
    // = ANY(ARRAY(...)): the locking sub-select is an init plan, run exactly once, and the
    // update finds its rows through the key's index; with IN (...) the planner may hash-join
    // the whole table against the picked keys
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + claimSet
        + " WHERE " + keyColumn + " = ANY(ARRAY(SELECT " + keyColumn + " FROM " + table
        + " WHERE " + ready + " ORDER BY " + order + " LIMIT ? FOR UPDATE SKIP LOCKED))"
        + " RETURNING " + columns)) {
      int i = claimParams.bind(ps, 1);
      i = readyParams.bind(ps, i);
      ps.setInt(i, limit);
      return readAll(ps);
    }
  }

  private List<T> claimSelectThenUpdate(Connection c, int limit, Binder readyParams,
      String claimSet, Binder claimParams, UnaryOperator<T> claimedCopy) throws SQLException {
    List<T> picked;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table
        + " WHERE " + ready + " ORDER BY " + order + " LIMIT ? FOR UPDATE SKIP LOCKED")) {
      int i = readyParams.bind(ps, 1);
      ps.setInt(i, limit);
      picked = readAll(ps);
    }
    if (picked.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + claimSet
        + " WHERE " + keyColumn + " IN (" + "?, ".repeat(picked.size() - 1) + "?)")) {
      int i = claimParams.bind(ps, 1);
      for (T row : picked) {
        ps.setString(i++, key.apply(row));
      }
      int n = ps.executeUpdate();
      if (n != picked.size()) {
        throw new JdbcException("locked " + picked.size() + " rows of " + table
            + " to claim them but updated " + n);
      }
    }
    List<T> out = new ArrayList<>(picked.size());
    for (T row : picked) {
      out.add(claimedCopy.apply(row));
    }
    return out;
  }

  private List<T> readAll(PreparedStatement ps) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(reader.read(rs));
      }
    }
    return out;
  }
}
