package dev.leadkit.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The SQL dialects leadkit speaks. Each has its own migration scripts under
 * {@code dev/leadkit/jdbc/migration/}{@link #directory()} on the classpath. (They are kept out of
 * {@code db/migration} on purpose: an application's Flyway scans its locations recursively, and
 * Spring Boot's default location {@code classpath:db/migration} would otherwise pick up every
 * dialect's scripts of leadkit as the application's own.)
 */
public enum Dialect {
  /** PostgreSQL 15 or later. */
  POSTGRESQL("postgresql", "PostgreSQL"),
  /** MariaDB 10.6 or later (uses {@code INSERT ... RETURNING} and {@code SKIP LOCKED}). */
  MARIADB("mariadb", "MariaDB"),
  /** H2 2.x, file or in-memory: the embedded choice for hosts without a database server. */
  H2("h2", "H2");

  /** The classpath folder that holds one folder of migration scripts per dialect. */
  static final String MIGRATION_ROOT = "dev/leadkit/jdbc/migration/";

  private final String directory;
  private final String displayName;

  Dialect(String directory, String displayName) {
    this.directory = directory;
    this.displayName = displayName;
  }

  /** The folder of this dialect's migration scripts below {@code dev/leadkit/jdbc/migration/}. */
  public String directory() {
    return directory;
  }

  /**
   * The classpath location of the migration scripts, for Flyway's {@code locations}, e.g.
   * {@code classpath:dev/leadkit/jdbc/migration/postgresql}.
   */
  public String migrationLocation() {
    return "classpath:" + MIGRATION_ROOT + directory;
  }

  /** The product name, for messages. */
  public String displayName() {
    return displayName;
  }

  /**
   * Detects the dialect from the database product name that {@code dataSource}'s driver reports.
   *
   * @throws JdbcException if the database cannot be reached or is not supported (MySQL is not:
   *     it lacks {@code INSERT ... RETURNING})
   */
  public static Dialect detect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      return fromProductName(md.getDatabaseProductName(), md.getDatabaseProductVersion());
    } catch (SQLException e) {
      throw new JdbcException("detecting the database dialect", e);
    }
  }

  static Dialect fromProductName(String product, String version) {
    String p = product.toLowerCase(Locale.ROOT);
    String v = version.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.contains("mariadb") || (p.contains("mysql") && v.contains("mariadb"))) {
      return MARIADB;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new JdbcException("unsupported database \"" + product + " " + version
        + "\"; leadkit supports PostgreSQL 15+, MariaDB 10.6+ and H2 2.x");
  }
}
