package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import dev.leadkit.core.TransactionConflictException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection handling shared by the adapters: transactions that always end in commit or
 * rollback, UTC timestamp binding per dialect, and the mapping of driver errors.
 *
 * <p>Instants are stored with microsecond precision (what all three databases keep) and always
 * as UTC: PostgreSQL {@code timestamptz} and H2 {@code TIMESTAMP WITH TIME ZONE} are bound as
 * {@link OffsetDateTime} in UTC; MariaDB {@code DATETIME(6)}, which has no zone, is bound and
 * read as a {@link LocalDateTime} that is the UTC wall-clock time. The JVM's default zone and the
 * session's time zone never take part.
 */
final class Db {
  private static final Logger LOG = LoggerFactory.getLogger(Db.class);
  private final DataSource dataSource;
  private final Dialect dialect;

  Db(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** How often a transaction is tried before a lost race is reported. */
  static final int ATTEMPTS = 6;

  /**
   * Runs {@code work} in one transaction: commit on return, rollback on any exception.
   *
   * <p>A transaction the database aborted because it lost a race with a concurrent one (a
   * deadlock, a serialization failure or a lock wait time-out) was rolled back completely, so
   * it changed nothing; it is run again from the start, up to {@value #ATTEMPTS} times with a
   * short random back-off. {@code work} must therefore keep its effects inside the connection
   * (every adapter's work does: it builds its result from what it read and wrote).
   */
  <T> T tx(String operation, SqlWork<T> work) {
    return tx(operation, -1, work);
  }

  /**
   * Runs {@code work} in one transaction at {@code isolation} (a {@link Connection} constant, or
   * -1 for the connection's own), restoring the connection's isolation afterwards; retried as
   * {@link #tx(String, SqlWork)} is.
   */
  <T> T tx(String operation, int isolation, SqlWork<T> work) {
    return retrying(operation, isolation, work, false);
  }

  /**
   * Like {@link #tx}, for idempotent inserts, which are safe to run again: a transaction that
   * lost a race is rolled back and rerun, and then sees the rows the winner committed. Besides
   * the races every transaction retries, this includes on H2 a key violation (a row inserted
   * concurrently between the existence check and the insert of {@link AbsentInserter}).
   */
  <T> T txInsertingAbsent(String operation, SqlWork<T> work) {
    return txInsertingAbsent(operation, -1, work);
  }

  /** {@link #txInsertingAbsent(String, SqlWork)} at {@code isolation} (see {@link #tx}). */
  <T> T txInsertingAbsent(String operation, int isolation, SqlWork<T> work) {
    return retrying(operation, isolation, work, true);
  }

  private <T> T retrying(String operation, int isolation, SqlWork<T> work,
      boolean keyRaceIsRetryable) {
    BoundTransaction bound = BoundTransaction.current(dataSource);
    if (bound != null) {
      return joined(bound, operation, work, keyRaceIsRetryable);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return once(operation, isolation, work);
      } catch (JdbcException e) {
        if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException s)
            || !lostRace(s, keyRaceIsRetryable)) {
          throw e;
        }
        LOG.debug("{} lost a race (attempt {}), retrying: {}", operation, attempt,
            s.getMessage());
        backOff(attempt);
      }
    }
  }

  private <T> T once(String operation, int isolation, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      // asking for the isolation level is a round trip on PostgreSQL: only when one is wanted
      int before = isolation == -1 ? -1 : c.getTransactionIsolation();
      boolean change = isolation != -1 && isolation != before;
      if (change) {
        c.setTransactionIsolation(isolation);
      }
      boolean auto = c.getAutoCommit();
      if (auto) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        if (auto) {
          c.setAutoCommit(true);
        }
        if (change) {
          c.setTransactionIsolation(before);
        }
      }
    } catch (SQLException e) {
      throw new JdbcException(operation, e);
    }
  }

  /**
   * Runs {@code work} on the transaction bound to this thread, without committing: it commits or
   * rolls back with the rest of the unit of work. A failure marks that transaction rollback-only;
   * a lost race is reported as {@link TransactionConflictException}, so that the whole unit of
   * work is run again rather than this one statement.
   */
  private <T> T joined(BoundTransaction bound, String operation, SqlWork<T> work,
      boolean keyRaceIsRetryable) {
    try {
      return work.run(bound.connection);
    } catch (SQLException e) {
      bound.markRollbackOnly(e);
      if (lostRace(e, keyRaceIsRetryable)) {
        throw new TransactionConflictException(operation, e);
      }
      throw new JdbcException(operation, e);
    } catch (RuntimeException | Error e) {
      bound.markRollbackOnly(e);
      throw e;
    }
  }

  /** Whether {@code e} says the transaction lost a race and was rolled back by the database. */
  boolean lostRace(SQLException e, boolean keyRaceIsRetryable) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = String.valueOf(s.getSQLState());
        int code = s.getErrorCode();
        if (state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
            || code == 1213 || code == 1205 // MariaDB deadlock, lock wait time-out
            || code == 50200 || code == 40001 // H2 lock time-out, H2 deadlock
            || (keyRaceIsRetryable && dialect == Dialect.H2 && isUniqueViolation(s))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new JdbcException("interrupted while retrying an insert", ie);
    }
  }

  /** Runs read-only {@code work} on a connection in whatever commit mode it comes in. */
  <T> T read(String operation, SqlWork<T> work) {
    BoundTransaction bound = BoundTransaction.current(dataSource);
    if (bound != null) {
      return joined(bound, operation, work, false);
    }
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcException(operation, e);
    }
  }

  /** The transaction bound to this thread for this data source, if any. */
  @Nullable BoundTransaction bound() {
    return BoundTransaction.current(dataSource);
  }

  /**
   * Runs {@code work} as one transaction that every adapter call on this data source joins (see
   * {@link BoundTransaction}); inside another such transaction, joins it. Commits if {@code work}
   * returns and nothing inside failed; otherwise rolls back and throws. A transaction the
   * database aborted for a lost race is reported as {@link TransactionConflictException}.
   */
  <T> T unitOfWork(java.util.function.Supplier<T> work) {
    if (BoundTransaction.current(dataSource) != null) {
      return work.get();
    }
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw new JdbcException("opening a connection for a unit of work", e);
    }
    boolean auto = true;
    int isolation = -1;
    BoundTransaction bound = null;
    try {
      auto = c.getAutoCommit();
      if (auto) {
        c.setAutoCommit(false);
      }
      if (dialect == Dialect.MARIADB) {
        // the adapters are written for READ COMMITTED, MariaDB's default is REPEATABLE READ
        isolation = c.getTransactionIsolation();
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } else {
          isolation = -1;
        }
      }
      bound = BoundTransaction.bind(dataSource, c, true);
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
      if (bound.rollbackOnly()) {
        Throwable f = bound.failure();
        String msg = "a statement failed inside the unit of work, which was rolled back";
        JdbcException e = f == null ? new JdbcException(msg)
            : new JdbcException(msg + ": " + f.getMessage(), f);
        rollbackQuietly(c, e);
        throw e;
      }
      try {
        c.commit();
        bound.committed();
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        if (lostRace(e, false)) {
          throw new TransactionConflictException("committing a unit of work", e);
        }
        throw new JdbcException("committing a unit of work", e);
      }
      return result;
    } catch (SQLException e) {
      rollbackQuietly(c, e);
      throw new JdbcException("starting a unit of work", e);
    } finally {
      if (bound != null) {
        bound.unbind(dataSource);
      }
      try {
        if (isolation != -1) {
          c.setTransactionIsolation(isolation);
        }
        if (auto) {
          c.setAutoCommit(true);
        }
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the connection of a unit of work failed", e);
      }
    }
  }

  /**
   * Runs {@code work} with the host's {@code connection} bound for this data source: every
   * adapter call joins the host's transaction, and the host commits or rolls back.
   */
  <T> T joining(Connection connection, java.util.function.Supplier<T> work) {
    if (BoundTransaction.current(dataSource) != null) {
      throw new IllegalStateException("a transaction is already bound to this thread");
    }
    BoundTransaction bound = BoundTransaction.bind(dataSource, connection, false);
    try {
      return work.get();
    } finally {
      bound.unbind(dataSource);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  /** The precision every dialect keeps. */
  static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  void setInstant(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, dialect == Dialect.MARIADB ? Types.TIMESTAMP
          : Types.TIMESTAMP_WITH_TIMEZONE);
      return;
    }
    Instant u = truncate(t);
    if (dialect == Dialect.MARIADB) {
      ps.setObject(index, LocalDateTime.ofInstant(u, ZoneOffset.UTC));
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(u, ZoneOffset.UTC));
    }
  }

  @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      LocalDateTime l = rs.getObject(column, LocalDateTime.class);
      return l == null ? null : l.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime o = rs.getObject(column, OffsetDateTime.class);
    return o == null ? null : o.toInstant();
  }

  Instant requireInstant(ResultSet rs, String column) throws SQLException {
    Instant t = getInstant(rs, column);
    if (t == null) {
      throw new JdbcException("column " + column + " is unexpectedly NULL");
    }
    return t;
  }

  Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(getInstant(rs, column));
  }

  /** The placeholder for a JSON parameter (PostgreSQL stores JSON as {@code jsonb}). */
  String json() {
    return dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
  }

  /** True if {@code e} (or a cause) reports a unique or primary key violation. */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ("23505".equals(state) || s.getErrorCode() == 1062 // PostgreSQL/H2, MariaDB
            || ("23000".equals(state) && s.getErrorCode() == 1062)) {
          return true;
        }
      }
    }
    return false;
  }
}
