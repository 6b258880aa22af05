package dev.leadkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the suite runs on, chosen by environment:
 *
 * <ul>
 *   <li>H2 (in-memory) always;
 *   <li>PostgreSQL at {@code LEADKIT_TEST_PG_URL} if set, else embedded PostgreSQL 15 (zonky);
 *   <li>MariaDB at {@code LEADKIT_TEST_MARIADB_URL} if set, else not run, said loudly.
 * </ul>
 *
 * <p>With {@code LEADKIT_TEST_REQUIRE_SERVERS=true} (CI), a missing or unreachable server fails
 * the tests instead of leaving them not run. Each test schema gets its own random table prefix,
 * so runs (and the two time-zone executions) never see each other's rows. Pools are JVM-wide
 * and closed at exit; {@link DatabaseSummaryListener} prints what ran.
 */
final class TestDatabases {
  static final String PG_ENV = "LEADKIT_TEST_PG_URL";
  static final String MARIADB_ENV = "LEADKIT_TEST_MARIADB_URL";
  static final String REQUIRE_ENV = "LEADKIT_TEST_REQUIRE_SERVERS";

  /** How a dialect fared in this JVM. */
  record Status(boolean ran, String where, AtomicInteger schemas) {}

  private static final Map<Dialect, Status> STATUS = new ConcurrentHashMap<>();
  private static final Map<Dialect, DataSource> POOLS = new EnumMap<>(Dialect.class);
  private static final Map<Dialect, String> UNAVAILABLE = new EnumMap<>(Dialect.class);
  private static EmbeddedPostgres embedded;

  private TestDatabases() {}

  /** What ran where, for the summary. */
  static Map<Dialect, Status> status() {
    return Map.copyOf(STATUS);
  }

  static boolean serversRequired() {
    return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
  }

  /** The pooled data source for {@code dialect}, or the test is aborted (or failed in CI). */
  static synchronized DataSource dataSource(Dialect dialect) {
    DataSource ds = POOLS.get(dialect);
    if (ds != null) {
      return ds;
    }
    String why = UNAVAILABLE.get(dialect);
    if (why == null) {
      try {
        ds = open(dialect);
        POOLS.put(dialect, ds);
        return ds;
      } catch (Unavailable u) {
        why = u.getMessage();
        UNAVAILABLE.put(dialect, why);
        STATUS.put(dialect, new Status(false, why, new AtomicInteger()));
        System.out.println("\n!!!!!! leadkit-jdbc: " + dialect.displayName()
            + " tests are NOT RUN: " + why + " !!!!!!\n");
      }
    }
    if (serversRequired()) {
      Assertions.fail(dialect.displayName() + " is required (" + REQUIRE_ENV + "=true) but "
          + why);
    }
    Assumptions.abort(dialect.displayName() + " NOT RUN: " + why);
    throw new AssertionError("unreachable");
  }

  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private static DataSource open(Dialect dialect) throws Unavailable {
    String url;
    String where;
    switch (dialect) {
      case H2 -> {
        url = "jdbc:h2:mem:leadkit_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1";
        where = "H2 in-memory";
      }
      case POSTGRESQL -> {
        String env = System.getenv(PG_ENV);
        if (env != null && !env.isBlank()) {
          url = env;
          where = "server at " + redact(env) + " (" + PG_ENV + ")";
        } else {
          if (serversRequired()) {
            throw new Unavailable(PG_ENV + " is not set");
          }
          try {
            embedded = EmbeddedPostgres.builder().start();
          } catch (IOException | RuntimeException e) {
            throw new Unavailable("embedded PostgreSQL did not start: " + e);
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              embedded.close();
            } catch (IOException e) {
              // the JVM is exiting; the temporary cluster is removed by zonky anyway
            }
          }));
          url = embedded.getJdbcUrl("postgres", "postgres");
          where = "embedded (zonky, " + PG_ENV + " unset)";
        }
      }
      case MARIADB -> {
        String env = System.getenv(MARIADB_ENV);
        if (env == null || env.isBlank()) {
          throw new Unavailable(MARIADB_ENV + " is not set (no embedded MariaDB exists)");
        }
        url = env;
        where = "server at " + redact(env) + " (" + MARIADB_ENV + ")";
      }
      default -> throw new IllegalStateException("unknown dialect " + dialect);
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setMaximumPoolSize(12);
    cfg.setMinimumIdle(0);
    cfg.setPoolName("leadkit-test-" + dialect.name().toLowerCase(Locale.ROOT));
    cfg.setConnectionTimeout(10_000);
    cfg.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      throw new Unavailable("cannot connect to " + redact(url) + ": " + e.getMessage());
    }
    String version;
    try (Connection c = ds.getConnection()) {
      version = c.getMetaData().getDatabaseProductName() + " "
          + c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      ds.close();
      throw new Unavailable("cannot connect to " + redact(url) + ": " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(ds::close));
    STATUS.put(dialect, new Status(true, version + ", " + where, new AtomicInteger()));
    return ds;
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** Every table leadkit's migrations create, without the prefix. */
  static final List<String> DATA_TABLES = List.of("leads", "touchpoints", "outbox",
      "visitor_links", "lead_aliases", "merges", "suppressed", "anonymous_counts",
      "segment_members", "segment_checks", "list_members", "score_states", "send_log",
      "send_lead_locks", "journey_counters", "enrolments", "lead_attributes",
      "lead_scores", "lead_consents", "touchpoint_properties");

  private record Owner(Dialect dialect, String owner) {}

  private static final Map<Owner, String> PREFIXES = new ConcurrentHashMap<>();
  private static final List<Owner> CREATED =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * The installed schema of {@code owner} (usually a test class name) on {@code dialect}, with all
   * its tables emptied: each owner gets its own random prefix once, so runs stay apart.
   */
  static String emptySchema(Dialect dialect, String owner) {
    DataSource ds = dataSource(dialect);
    Owner key = new Owner(dialect, owner);
    String prefix = PREFIXES.computeIfAbsent(key, k -> {
      String p = freshPrefix(dialect, ds);
      CREATED.add(new Owner(dialect, p));
      return p;
    });
    execute(ds, DATA_TABLES.stream().map(t -> "DELETE FROM " + prefix + t)
        .toArray(String[]::new));
    return prefix;
  }

  /** Stores on the emptied schema of {@code owner}. */
  static JdbcStores.Builder stores(Dialect dialect, String owner) {
    String prefix = emptySchema(dialect, owner);
    return JdbcStores.builder(dataSource(dialect)).dialect(dialect).tablePrefix(prefix);
  }

  /** Installs the schema under a new random prefix (dropped at the end) and returns it. */
  static String freshPrefix(Dialect dialect, DataSource ds) {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    SchemaInstaller.builder(ds).dialect(dialect).tablePrefix(prefix).build().install();
    STATUS.get(dialect).schemas().incrementAndGet();
    CREATED.add(new Owner(dialect, prefix));
    return prefix;
  }

  static void execute(DataSource ds, String... sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + String.join("; ", sql), e);
    }
  }

  /** Drops every schema the run created. */
  static void dropAll() {
    for (Owner o : CREATED) {
      DataSource ds = POOLS.get(o.dialect());
      if (ds != null) {
        drop(ds, o.owner());
      }
    }
    CREATED.clear();
  }

  static void drop(DataSource ds, String prefix) {
    List<String> all = new ArrayList<>(DATA_TABLES);
    all.add("schema_history");
    execute(ds, all.stream().map(t -> "DROP TABLE IF EXISTS " + prefix + t)
        .toArray(String[]::new));
  }
}
