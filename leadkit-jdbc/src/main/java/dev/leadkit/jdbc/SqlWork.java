package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work on one connection. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;

  /** Work that only writes or fills the caller's state; its result is {@code true}. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws SQLException;
  }

  /** Adapts {@code action} to work whose result nobody reads. */
  static SqlWork<Boolean> of(Action action) {
    return c -> {
      action.run(c);
      return Boolean.TRUE;
    };
  }
}
