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

  private DataSource ds;
  private JdbcStores stores;
  private String refTable;
  private String refPropertyTable;
  private long seq;
  private final String run = Long.toString(System.nanoTime(), 36);

  static DataSource dataSource(String db) throws SQLException {
    if (db.equals("postgresql")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(env("LEADKIT_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      pg.setReWriteBatchedInserts(true);
      return pg;
    }
    MariaDbDataSource m = new MariaDbDataSource();
    m.setUrl(env("LEADKIT_BENCH_MARIADB_URL",
        "jdbc:mariadb://127.0.0.1:3306/test?user=root&rewriteBatchedStatements=true"));
    return m;
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
    return stores.touchpointLog().appendAll(batch()).size();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int referenceBatch() throws SQLException {
    return handWritten(false);
  }

  /**
   * The supplementary, like-for-like reference of P5d/P5e (the targets are against
   * {@link #referenceBatch}): {@link #referenceBatch} plus a second rewritten batch writing each
   * touchpoint's properties into the push-down side table, in the same transaction (the least a
   * hand-written ingest does to keep that table; it does not restrict side rows to touchpoints
   * actually inserted). Shows what the side table costs by itself.
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
    List<Touchpoint> b = batch();
    boolean pg = db.equals("postgresql");
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
          ps.setString(6, LeadkitJson.write(LeadkitJson.properties(t.properties())));
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

  private static final DateTimeFormatter PG_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSX", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long referenceCopy() throws Exception {
    if (!db.equals("postgresql")) {
      throw new IllegalStateException("COPY is PostgreSQL only");
    }
    List<Touchpoint> b = batch();
    StringBuilder sb = new StringBuilder(b.size() * 96);
    for (Touchpoint t : b) {
      sb.append(t.id().value()).append('\t').append(t.lead().get().value()).append("\t\\N\t")
          .append(t.type().name()).append('\t').append(PG_TS.format(t.at())).append('\t')
          .append(t.channel().name()).append('\t')
          .append(LeadkitJson.write(LeadkitJson.properties(t.properties()))
              .replace("\\", "\\\\")).append('\n');
    }
    try (Connection c = ds.getConnection()) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + refTable
          + " (id, lead_id, visitor_id, type, occurred_at, channel, properties) FROM STDIN",
          new StringReader(sb.toString()));
    }
  }

}
