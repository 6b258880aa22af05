package dev.leadkit.examples;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.journey.Journeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * What a scenario runs on: a fresh engine with a manual clock and a recording mailer, built on
 * the in-memory default or, with {@code --jdbc URL}, on a database (each scenario in its own
 * tables, so that what one scenario stored is still there for the KPI report over everything).
 */
final class DemoEnv {
  final ManualClock clock;
  final RecordingMailer mailer;
  final LeadKit kit;
  final Optional<String> jdbcUrl;
  /** The database's stores under {@code --jdbc}; empty on the in-memory default. */
  final Optional<JdbcStores> stores;
  /** The environments of the scenarios that ran before this one in the same demo, by name. */
  private final Map<String, DemoEnv> earlier = new LinkedHashMap<>();
  /** The engines the scenario built over these stores, with their plugins, for the pictures. */
  final java.util.List<LeadKit> kits = new java.util.concurrent.CopyOnWriteArrayList<>();

  DemoEnv(ManualClock clock, RecordingMailer mailer, LeadKit kit, Optional<String> jdbcUrl,
      Optional<JdbcStores> stores) {
    this.clock = clock;
    this.mailer = mailer;
    this.kit = kit;
    this.jdbcUrl = jdbcUrl;
    this.stores = stores;
  }

  /** Remembers the environments of the scenarios that ran before this one. */
  DemoEnv after(Map<String, DemoEnv> before) {
    earlier.putAll(before);
    return this;
  }

  /** The environments of the scenarios that ran before this one in the same demo, by name. */
  Map<String, DemoEnv> earlier() {
    return java.util.Collections.unmodifiableMap(earlier);
  }

  /**
   * A journeys builder. Installed in an engine from {@link #kitBuilder()}, its enrolments, send
   * log and counters live in the env's stores (in memory by default, in the database under
   * {@code --jdbc}): plugins take their ports from the engine's stores.
   */
  Journeys.Builder journeys() {
    return Journeys.builder();
  }

  /** A segments plugin; its memberships and static lists live in the env's stores. */
  SegmentsPlugin segments() {
    return SegmentsPlugin.builder().build();
  }

  /** A scoring plugin builder; its score state lives in the env's stores. */
  ScoringPlugin.Builder scoring() {
    return ScoringPlugin.builder();
  }

  /** Remembers an engine the scenario built, so the demo can draw its journeys and leads. */
  LeadKit register(LeadKit built) {
    kits.add(built);
    return built;
  }

  /** An engine builder over the env's clock, mailer and stores. */
  LeadKit.Builder kitBuilder() {
    return LeadKit.builder().clock(clock).mailer(mailer).stores(kit.stores());
  }

  /** The measurement source over the env's stores (SQL under {@code --jdbc}). */
  MeasurementSource measurementSource() {
    return stores.map(JdbcStores::measurementSource).orElseGet(
        () -> InMemory.measurementSource(kit.leadStore(), kit.touchpointLog()));
  }

  /** Says where plugin state lives, for the reports. */
  String journeyStoreNote() {
    return stores.isPresent()
        ? "(--jdbc: leads, touchpoints, outbox, scores, segments and journey enrolments, send "
            + "log and counters are in the database, tables " + stores.get().tablePrefix() + "*)"
        : "";
  }

  /** A fresh in-memory environment whose clock starts at {@code start}. */
  static DemoEnv inMemory(String start) {
    ManualClock clock = ManualClock.at(start);
    RecordingMailer mailer = new RecordingMailer();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer)
        .stores(dev.leadkit.core.memory.InMemory.stores()).build();
    return new DemoEnv(clock, mailer, kit, Optional.empty(), Optional.empty());
  }

  private static final java.util.Map<String, HikariDataSource> POOLS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * One small HikariCP pool per database URL, shared by the scenarios and closed when the JVM
   * ends. leadkit never creates a pool itself: the host hands it one, as the demo does here.
   */
  static DataSource pool(String url) {
    return POOLS.computeIfAbsent(url, u -> {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(u);
      config.setMaximumPoolSize(4);
      config.setPoolName("leadkit-demo");
      HikariDataSource ds = new HikariDataSource(config);
      Runtime.getRuntime().addShutdownHook(new Thread(ds::close, "leadkit-demo-pool-close"));
      return ds;
    });
  }

  /** The in-memory H2 database {@code --jdbc} uses when no URL is given. */
  static final String H2_URL = "jdbc:h2:mem:leadkit-demo;DB_CLOSE_DELAY=-1";
  /**
   * The table prefix of a scenario under {@code --jdbc}: {@code lkdemo_programs_leads} and so
   * on. Each scenario has its own tables, emptied when it starts.
   */
  static String prefixFor(String scenario) {
    return "lkdemo_" + scenario.replace('-', '_') + "_";
  }

  /**
   * A fresh environment on the database at {@code url}: leadkit's schema is installed with the
   * table prefix {@code prefix} and its tables are emptied, so every scenario starts clean.
   */
  static DemoEnv jdbc(String start, String url, String prefix) {
    ManualClock clock = ManualClock.at(start);
    RecordingMailer mailer = new RecordingMailer();
    DataSource dataSource = pool(url);
    JdbcStores stores = JdbcStores.builder(dataSource).tablePrefix(prefix).installSchema()
        .build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      // every table with the demo's prefix, as the database lists them (new side tables
      // included), except the schema history
      java.util.Set<String> tables = new java.util.TreeSet<>();
      for (String pattern : new String[] {prefix + "%", prefix.toUpperCase(java.util.Locale.ROOT)
          + "%"}) {
        try (java.sql.ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null,
            pattern.replace("_", "\\_"), new String[] {"TABLE"})) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      for (String table : tables) {
        if (!table.toLowerCase(java.util.Locale.ROOT).endsWith("schema_history")) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the demo tables at " + url, e);
    }
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).stores(stores).build();
    return new DemoEnv(clock, mailer, kit, Optional.of(url), Optional.of(stores));
  }
}
