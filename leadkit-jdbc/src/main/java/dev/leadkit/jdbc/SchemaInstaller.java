package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and upgrades leadkit's tables for hosts that do not run Flyway.
 *
 * <p>It applies the same scripts Flyway would (from {@code dev/leadkit/jdbc/migration/<dialect>}),
 * substituting the table prefix for {@code ${leadkit_prefix}}, and records each applied version
 * with the SHA-256 of its script in {@code <prefix>schema_history}. Running it again applies
 * only what is pending. It refuses to touch a schema whose history holds a version this jar does
 * not ship, or a version whose script has changed since it was applied
 * ({@link SchemaValidationException}).
 *
 * <p>Several nodes may start at once: on PostgreSQL the run holds an advisory lock and on
 * MariaDB a named lock ({@code GET_LOCK}), so one installs while the others wait and then find
 * nothing to do. On H2, usually embedded in one process, runs are serialised within the JVM.
 * Scripts use {@code IF NOT EXISTS} throughout, so a run interrupted by a crash (MariaDB cannot
 * roll back DDL) completes on the next try.
 *
 * <pre>{@code
 * SchemaInstaller.builder(dataSource).tablePrefix("lk_").build().install();
 * }</pre>
 */
public final class SchemaInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);
  private static final Object H2_LOCK = new Object();
  private static final int LOCK_TIMEOUT_SECONDS = 120;

  private final Dialect dialect;
  private final Tables tables;
  private final Db db;
  private final Clock clock;

  private SchemaInstaller(DataSource dataSource, Dialect dialect, String prefix, Clock clock) {
    this.dialect = dialect;
    this.tables = new Tables(prefix);
    this.db = new Db(dataSource, dialect);
    this.clock = clock;
  }

  /** Starts a builder for the schema in {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new InvalidValueException("dataSource must not be null");
    }
    return new Builder(dataSource);
  }

  /** The dialect the installer writes. */
  public Dialect dialect() {
    return dialect;
  }

  /** The newest version this jar ships. */
  public static int latestVersion() {
    return Migration.ALL.get(Migration.ALL.size() - 1).version();
  }

  /**
   * Every migration version this jar ships, oldest first. The numbers have gaps (ranges are kept
   * for lines of work), so count them with this list, not with {@link #latestVersion()}.
   */
  public static List<Integer> versions() {
    return Migration.ALL.stream().map(Migration::version).toList();
  }

  /**
   * Applies every pending migration; returns what was applied.
   *
   * @throws SchemaValidationException if the recorded history does not match the shipped scripts
   * @throws JdbcException if the database fails
   */
  public SchemaInstallReport install() {
    if (dialect == Dialect.H2) {
      synchronized (H2_LOCK) {
        return db.read("installing the leadkit schema", this::installLocked);
      }
    }
    return db.read("installing the leadkit schema", c -> {
      lock(c);
      try {
        return installLocked(c);
      } finally {
        unlock(c);
      }
    });
  }

  /**
   * The versions that {@link #install()} would apply, after validating the recorded history.
   *
   * @throws SchemaValidationException if the recorded history does not match the shipped scripts
   */
  public List<Integer> pendingVersions() {
    return db.read("reading the leadkit schema history", c -> {
      Map<Integer, String> history = historyIfPresent(c);
      validate(history);
      List<Integer> out = new ArrayList<>();
      for (Migration m : Migration.ALL) {
        if (!history.containsKey(m.version())) {
          out.add(m.version());
        }
      }
      return out;
    });
  }

  private SchemaInstallReport installLocked(Connection c) throws SQLException {
    createHistoryTable(c);
    Map<Integer, String> history = readHistory(c);
    validate(history);
    List<Integer> applied = new ArrayList<>();
    for (Migration m : Migration.ALL) {
      if (history.containsKey(m.version())) {
        continue;
      }
      apply(c, m);
      applied.add(m.version());
    }
    if (!applied.isEmpty()) {
      LOG.info("leadkit schema ({}, prefix \"{}\") migrated to version {} (applied {})",
          dialect.displayName(), tables.prefix(), latestVersion(), applied);
    }
    return new SchemaInstallReport(applied, latestVersion());
  }

  private void apply(Connection c, Migration m) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        for (String sql : m.statements(dialect, tables.prefix())) {
          s.execute(sql);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.schemaHistory()
          + " (version, description, checksum, installed_at) VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, m.version());
        ps.setString(2, m.description());
        ps.setString(3, m.checksum(dialect));
        db.setInstant(ps, 4, clock.instant());
        ps.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private void validate(Map<Integer, String> history) {
    Map<Integer, Migration> known = new TreeMap<>();
    Migration.ALL.forEach(m -> known.put(m.version(), m));
    for (Map.Entry<Integer, String> e : history.entrySet()) {
      Migration m = known.get(e.getKey());
      if (m == null) {
        throw new SchemaValidationException("the database's leadkit schema (prefix \""
            + tables.prefix() + "\") has version " + e.getKey()
            + ", which this leadkit jar does not ship (it knows 1 to " + latestVersion()
            + "); was it migrated by a newer leadkit?");
      }
      String expected = m.checksum(dialect);
      if (!expected.equals(e.getValue())) {
        throw new SchemaValidationException("leadkit schema version " + e.getKey() + " ("
            + m.fileName() + ") was applied from a script with checksum " + e.getValue()
            + " but this jar ships checksum " + expected + "; refusing to continue");
      }
    }
  }

  private void createHistoryTable(Connection c) throws SQLException {
    String ts = switch (dialect) {
      case POSTGRESQL -> "TIMESTAMPTZ";
      case MARIADB -> "DATETIME(6)";
      case H2 -> "TIMESTAMP(6) WITH TIME ZONE";
    };
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + tables.schemaHistory() + " ("
          + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
          + "checksum VARCHAR(64) NOT NULL, installed_at " + ts + " NOT NULL)");
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  private Map<Integer, String> historyIfPresent(Connection c) throws SQLException {
    try {
      return readHistory(c);
    } catch (SQLException e) {
      // no history table yet: everything is pending
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      return Map.of();
    }
  }

  private Map<Integer, String> readHistory(Connection c) throws SQLException {
    Map<Integer, String> out = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + tables.schemaHistory())) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  private String lockName() {
    return "leadkit_schema_" + tables.prefix();
  }

  private void lock(Connection c) throws SQLException {
    String sql = dialect == Dialect.POSTGRESQL ? "SELECT pg_advisory_lock(?)"
        : "SELECT GET_LOCK(?, " + LOCK_TIMEOUT_SECONDS + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (dialect == Dialect.POSTGRESQL) {
        ps.setLong(1, lockName().hashCode());
      } else {
        ps.setString(1, lockName());
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (dialect == Dialect.MARIADB && (!rs.next() || rs.getInt(1) != 1)) {
          throw new JdbcException("could not take the schema lock \"" + lockName()
              + "\" within " + LOCK_TIMEOUT_SECONDS + " s");
        }
      }
    }
  }

  private void unlock(Connection c) throws SQLException {
    String sql = dialect == Dialect.POSTGRESQL ? "SELECT pg_advisory_unlock(?)"
        : "SELECT RELEASE_LOCK(?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (dialect == Dialect.POSTGRESQL) {
        ps.setLong(1, lockName().hashCode());
      } else {
        ps.setString(1, lockName());
      }
      ps.executeQuery().close();
    }
  }

  /** Builds a {@link SchemaInstaller}. Each option may be set once. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable Dialect dialect;
    private @Nullable String prefix;
    private @Nullable Clock clock;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** The dialect; detected from the database when not set. */
    public Builder dialect(Dialect value) {
      requireUnset(dialect, "dialect");
      this.dialect = notNull(value, "dialect");
      return this;
    }

    /** The table-name prefix (default {@code lk_}); empty or {@code [a-z][a-z0-9_]{0,29}}. */
    public Builder tablePrefix(String value) {
      requireUnset(prefix, "tablePrefix");
      this.prefix = Tables.checkPrefix(value);
      return this;
    }

    /** The clock for the history's install times (default: the system UTC clock). */
    public Builder clock(Clock value) {
      requireUnset(clock, "clock");
      this.clock = notNull(value, "clock");
      return this;
    }

    /** The installer. */
    public SchemaInstaller build() {
      return new SchemaInstaller(dataSource,
          dialect != null ? dialect : Dialect.detect(dataSource),
          prefix != null ? prefix : Tables.DEFAULT_PREFIX,
          clock != null ? clock : Clock.systemUTC());
    }
  }

  static void requireUnset(@Nullable Object current, String option) {
    if (current != null) {
      throw new InvalidValueException(option + " was already set to " + current);
    }
  }

  static <T> T notNull(@Nullable T value, String option) {
    if (value == null) {
      throw new InvalidValueException(option + " must not be null");
    }
    return value;
  }
}
