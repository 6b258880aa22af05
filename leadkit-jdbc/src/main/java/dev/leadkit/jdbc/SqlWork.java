package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work on one connection. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
