package dev.leadkit.benchmarks;

import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.jdbc.JdbcStores;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * P5: touchpoint ingest through the adapter ({@code touchpointLog().appendAll}, idempotent, in
 * one transaction per batch; COPY on PostgreSQL) against, on the same server and the same table
 * definition: raw {@code COPY} (PostgreSQL; no idempotency, the floor) and a hand-written
 * rewritten JDBC batch of {@code INSERT ... ON CONFLICT DO NOTHING} / {@code INSERT IGNORE}.
 * One operation = one touchpoint; each invocation writes a batch of fresh touchpoints.
 *
 * <p>Fair to both sides: the batch (the touchpoints, and for the references each one's
 * properties already as JSON text, the form a hand-written ingest receives) is built before each
 * invocation, not timed; both sides write through a pool of 2 kept connections (not a new
 * physical connection per batch); each fork creates fresh tables for both sides; on PostgreSQL
 * every side's tables get {@code VACUUM (ANALYZE)} before each iteration (not timed; the
 * benchmark server runs without autovacuum). {@link #referenceBatchWithProperties} (P5d) is one
 * {@code unnest} statement on PostgreSQL writing both tables; on MariaDB, which has no
 * {@code unnest} and no multi-table insert, it stays two rewritten batches in one transaction.
 *
 * <p>Servers: {@code LEADKIT_BENCH_PG_URL} (default the local PostgreSQL test database) and
 * {@code LEADKIT_BENCH_MARIADB_URL} (default the local MariaDB test database).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBench {
  static final int BATCH = 10_000;

  @Param({"postgresql"})
  public String db;

  private com.zaxxer.hikari.HikariDataSource ds;
  private List<Touchpoint> batch;
  private String[] json;
  private JdbcStores stores;
  private String refTable;
  private String refPropertyTable;
  private long seq;
  private final String run = Long.toString(System.nanoTime(), 36);

  /** A pool of 2 kept connections on {@code db}, with rewritten batches. */
  static com.zaxxer.hikari.HikariDataSource dataSource(String db) throws SQLException {
    DataSource raw;
    if (db.equals("postgresql")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(env("LEADKIT_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      pg.setReWriteBatchedInserts(true);
      raw = pg;
    } else {
      MariaDbDataSource m = new MariaDbDataSource();
      m.setUrl(env("LEADKIT_BENCH_MARIADB_URL",
          "jdbc:mariadb://127.0.0.1:3306/test?user=root&rewriteBatchedStatements=true"));
      raw = m;
    }
    com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig();
    cfg.setDataSource(raw);
    cfg.setMaximumPoolSize(2);
    cfg.setMinimumIdle(2);
    return new com.zaxxer.hikari.HikariDataSource(cfg);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    ds = dataSource(db);
    String prefix = "bi" + run + "_";
    stores = JdbcStores.builder(ds).tablePrefix(prefix).installSchema().build();
    // the reference writes into a second copy of the same schema
    String refPrefix = "br" + run + "_";
    JdbcStores.builder(ds).tablePrefix(refPrefix).installSchema().build();
    refTable = refPrefix + "touchpoints";
    refPropertyTable = refPrefix + "touchpoint_properties";
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String p : new String[] {"bi" + run + "_", "br" + run + "_"}) {
        for (String t : new String[] {"touchpoints", "outbox", "leads", "schema_history",
            "identity_links", "lead_aliases", "merge_log", "suppression", "segment_members",
            "segment_checks", "static_list_members", "score_state", "lead_stage_changes",
            "touchpoint_properties", "lead_attributes", "lead_scores", "lead_consents"}) {
          s.execute("DROP TABLE IF EXISTS " + p + t);
        }
      }
    }
    ds.close();
  }

  /** On PostgreSQL: {@code VACUUM (ANALYZE)} of both sides' tables (not timed). */
  @Setup(Level.Iteration)
  public void vacuum() throws SQLException {
    if (db.equals("postgresql")) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (String t : new String[] {"bi" + run + "_touchpoints",
            "bi" + run + "_touchpoint_properties", refTable, refPropertyTable}) {
          s.execute("VACUUM (ANALYZE) " + t);
        }
      }
    }
  }

  /** The next batch and, for the references, its properties as JSON (not timed). */
  @Setup(Level.Invocation)
  public void nextBatch() {
    batch = batch();
    json = new String[batch.size()];
    for (int i = 0; i < json.length; i++) {
      json[i] = LeadkitJson.write(LeadkitJson.properties(batch.get(i).properties()));
    }
  }

  private List<Touchpoint> batch() {
    List<Touchpoint> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = seq++;
      out.add(Touchpoint.forLead(LeadId.of("lead-" + (n % 100_000)), TouchpointType.PAGE_VIEW,
          Data.T0.plusSeconds(n)).id("t-" + n).url(Data.URLS[(int) (n % Data.URLS.length)])
          .build());
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int leadkit() {
    return stores.touchpointLog().appendAll(batch).size();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int referenceBatch() throws SQLException {
    return handWritten(false);
  }

  /**
   * The supplementary, like-for-like reference of P5d/P5e (the targets are against
   * {@link #referenceBatch}): the touchpoints and each one's properties in the push-down side
   * table, in one transaction. PostgreSQL (P5d): one {@code unnest} statement for both tables,
   * side rows only for the touchpoints inserted ({@link #unnest}). MariaDB (P5e): two rewritten
   * batches ({@code INSERT IGNORE}), MariaDB having neither {@code unnest} nor a multi-table
   * insert.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int referenceBatchWithProperties() throws SQLException {
    return handWritten(true);
  }

  /**
   * One batch as a hand-written ingest writes it: a rewritten JDBC batch into the touchpoints
   * table ({@code ON CONFLICT DO NOTHING} / {@code INSERT IGNORE}) and, with {@code
   * properties}, a second batch of side rows, in one transaction.
   */
  private int handWritten(boolean properties) throws SQLException {
    List<Touchpoint> b = batch;
    boolean pg = db.equals("postgresql");
    if (properties && pg) {
      return unnest(b);
    }
    String sql = pg
        ? "INSERT INTO " + refTable + " (id, lead_id, visitor_id, type, occurred_at, channel, "
            + "properties) VALUES (?, ?, NULL, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING"
        : "INSERT IGNORE INTO " + refTable + " (id, lead_id, visitor_id, type, occurred_at, "
            + "channel, properties) VALUES (?, ?, NULL, ?, ?, ?, ?)";
    String side = (pg ? "INSERT INTO " : "INSERT IGNORE INTO ") + refPropertyTable
        + " (touchpoint_id, prop_key, prop_value, path_value) VALUES (?, ?, ?, ?)"
        + (pg ? " ON CONFLICT DO NOTHING" : "");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql);
          PreparedStatement sp = properties ? c.prepareStatement(side) : null) {
        int i = 0;
        for (Touchpoint t : b) {
          ps.setString(1, t.id().value());
          ps.setString(2, t.lead().get().value());
          ps.setString(3, t.type().name());
          if (pg) {
            ps.setObject(4, t.at().atOffset(ZoneOffset.UTC));
          } else {
            ps.setTimestamp(4, Timestamp.valueOf(t.at().atOffset(ZoneOffset.UTC)
                .toLocalDateTime()));
          }
          ps.setString(5, t.channel().name());
          ps.setString(6, json[i++]);
          ps.addBatch();
          if (sp != null) {
            for (Map.Entry<PropertyKey, String> e : t.properties().entrySet()) {
              sp.setString(1, t.id().value());
              sp.setString(2, e.getKey().name());
              sp.setString(3, e.getValue());
              sp.setString(4, PropertyFilter.Matches.pathOf(e.getValue()));
              sp.addBatch();
            }
          }
        }
        ps.executeBatch();
        if (sp != null) {
          sp.executeBatch();
        }
      }
      c.commit();
    }
    return b.size();
  }

  /**
   * P5d on PostgreSQL: both tables in one statement, the touchpoints and the side rows each
   * passed as arrays; side rows only for the touchpoints actually inserted (as leadkit does).
   */
  private int unnest(List<Touchpoint> b) throws SQLException {
    int n = b.size();
    String[] ids = new String[n];
    String[] leads = new String[n];
    String[] types = new String[n];
    String[] at = new String[n];
    String[] channels = new String[n];
    List<String> pid = new ArrayList<>(n);
    List<String> pkey = new ArrayList<>(n);
    List<String> pval = new ArrayList<>(n);
    List<String> ppath = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Touchpoint t = b.get(i);
      ids[i] = t.id().value();
      leads[i] = t.lead().get().value();
      types[i] = t.type().name();
      at[i] = t.at().toString();
      channels[i] = t.channel().name();
      for (Map.Entry<PropertyKey, String> e : t.properties().entrySet()) {
        pid.add(ids[i]);
        pkey.add(e.getKey().name());
        pval.add(e.getValue());
        ppath.add(PropertyFilter.Matches.pathOf(e.getValue()));
      }
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("WITH ins AS (INSERT INTO " + refTable
          + " (id, lead_id, visitor_id, type, occurred_at, channel, properties)"
          + " SELECT i, l, NULL, ty, o, ch, pr::jsonb FROM unnest(?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::timestamptz[], ?::varchar[], ?::text[]) AS v(i, l, ty, o, ch, pr)"
          + " ON CONFLICT DO NOTHING RETURNING id)"
          + " INSERT INTO " + refPropertyTable + " (touchpoint_id, prop_key, prop_value,"
          + " path_value) SELECT s.i, s.k, s.v, s.p FROM unnest(?::varchar[], ?::varchar[],"
          + " ?::text[], ?::text[]) AS s(i, k, v, p) JOIN ins ON ins.id = s.i")) {
        ps.setArray(1, c.createArrayOf("varchar", ids));
        ps.setArray(2, c.createArrayOf("varchar", leads));
        ps.setArray(3, c.createArrayOf("varchar", types));
        ps.setArray(4, c.createArrayOf("text", at));
        ps.setArray(5, c.createArrayOf("varchar", channels));
        ps.setArray(6, c.createArrayOf("text", json));
        ps.setArray(7, c.createArrayOf("varchar", pid.toArray()));
        ps.setArray(8, c.createArrayOf("varchar", pkey.toArray()));
        ps.setArray(9, c.createArrayOf("text", pval.toArray()));
        ps.setArray(10, c.createArrayOf("text", ppath.toArray()));
        ps.executeUpdate();
      }
      c.commit();
    }
    return n;
  }

  private static final DateTimeFormatter PG_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSX", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long referenceCopy() throws Exception {
    if (!db.equals("postgresql")) {
      throw new IllegalStateException("COPY is PostgreSQL only");
    }
    List<Touchpoint> b = batch;
    StringBuilder sb = new StringBuilder(b.size() * 96);
    int i = 0;
    for (Touchpoint t : b) {
      sb.append(t.id().value()).append('\t').append(t.lead().get().value()).append("\t\\N\t")
          .append(t.type().name()).append('\t').append(PG_TS.format(t.at())).append('\t')
          .append(t.channel().name()).append('\t')
          .append(json[i++].replace("\\", "\\\\")).append('\n');
    }
    try (Connection c = ds.getConnection()) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + refTable
          + " (id, lead_id, visitor_id, type, occurred_at, channel, properties) FROM STDIN",
          new StringReader(sb.toString()));
    }
  }

}
