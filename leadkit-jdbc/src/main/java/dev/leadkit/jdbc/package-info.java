/**
 * JDBC adapters for leadkit's storage ports on PostgreSQL, MariaDB and H2. Start at
 * {@link dev.leadkit.jdbc.JdbcStores}; install the schema with Flyway (scripts under
 * {@code dev/leadkit/jdbc/migration/<dialect>}) or with {@link dev.leadkit.jdbc.SchemaInstaller}.
 * The adapters take the host's {@link javax.sql.DataSource} and never create a pool.
 */
@NullMarked
package dev.leadkit.jdbc;

import org.jspecify.annotations.NullMarked;
