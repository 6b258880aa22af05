package dev.leadkit.benchmarks;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.jdbc.JdbcStores;
import dev.leadkit.jdbc.LeadCache;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P7: enrol every member of a segment ({@code members} leads, all subscribed) into a journey on
 * PostgreSQL. leadkit: {@code journeys.enrolSegment(..)} over the JDBC stores, which takes the
 * set-based path (one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING} per chunk
 * of 100,000 members, joined with the leads and their consents, skipping live enrolments and
 * applying the re-entry policy; then the "enrolled" counters and one {@code EnrolmentStarted}
 * event per enrolment). Reference: one hand-written {@code INSERT ... SELECT} from the same
 * segment members table into a second enrolments table of the same definition (same indexes),
 * with the same column values and no checks. One operation = enrolling the whole segment; both
 * tables are emptied before each operation (outside the measurement).
 *
 * <p>Server: {@code LEADKIT_BENCH_PG_URL} (default the local PostgreSQL test database).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
public class EnrolBench {
  private static final SegmentId SEGMENT = SegmentId.of("bench-members");
  private static final JourneyId JOURNEY = JourneyId.of("p7");
  private static final List<String> TABLES = List.of("leads", "touchpoints", "outbox",
      "visitor_links", "lead_aliases", "merges", "suppressed", "anonymous_counts",
      "segment_members", "segment_checks", "list_members", "score_states", "send_log",
      "send_lead_locks", "journey_counters", "enrolments", "lead_attributes", "lead_scores",
      "lead_consents", "touchpoint_properties", "lead_stage_changes", "schema_history");

  @Param({"100000"})
  public int members;

  private DataSource ds;
  private Journeys journeys;
  private final String run = Long.toString(System.nanoTime(), 36);
  private final String prefix = "be" + run + "_";
  private final String refPrefix = "bf" + run + "_";
  private final Instant now = Data.T0;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    ds = IngestBench.dataSource("postgresql");
    JdbcStores stores = JdbcStores.builder(ds).tablePrefix(prefix).installSchema()
        .leadCache(LeadCache.disabled()).build();
    JdbcStores.builder(ds).tablePrefix(refPrefix).installSchema().build();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + prefix + "leads (id, email, stage, owner_id, version, "
          + "created_at, updated_at, attributes, stage_history, consents, scores) "
          + "SELECT 'lead-' || lpad(g::text, 8, '0'), 'lead-' || g || '@example.test', "
          + "'KNOWN', NULL, 1, now(), now(), '{}'::jsonb, '[]'::jsonb, "
          + "'{\"EMAIL\": {\"status\": \"SUBSCRIBED\"}}'::jsonb, '{}'::jsonb "
          + "FROM generate_series(1, " + members + ") g");
      s.execute("INSERT INTO " + prefix + "lead_consents (lead_id, channel, status) "
          + "SELECT id, 'EMAIL', 'SUBSCRIBED' FROM " + prefix + "leads");
      s.execute("INSERT INTO " + prefix + "segment_members (segment_id, lead_id, entered_at) "
          + "SELECT '" + SEGMENT.value() + "', id, now() FROM " + prefix + "leads");
      for (String t : new String[] {"leads", "lead_consents", "segment_members"}) {
        s.execute("ANALYZE " + prefix + t);
      }
    }
    SegmentsPlugin segments = SegmentsPlugin.builder()
        .membershipStore(stores.segmentMembershipStore())
        .staticListStore(stores.staticListStore()).build();
    journeys = Journeys.builder().enrolmentStore(stores.enrolmentStore())
        .timerStore(stores.timerStore()).sendLog(stores.sendLog()).counters(stores.journeyCounters()).build();
    LeadKit.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
        .leadStore(stores.leadStore()).touchpointLog(stores.touchpointLog())
        .outbox(stores.outbox()).install(segments).install(journeys).build();
    journeys.publish(Journey.builder(JOURNEY.value()).send("s1", "tpl-s1").build());
    // enrolSegment needs a defined segment; every lead is a member, as inserted above
    segments.define(SegmentDefinition.of(SEGMENT.value(), "every lead", Predicates.always()));
  }

  @Setup(Level.Invocation)
  public void empty() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + prefix + "enrolments");
      s.execute("TRUNCATE " + refPrefix + "enrolments");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String p : new String[] {prefix, refPrefix}) {
        for (String t : TABLES) {
          s.execute("DROP TABLE IF EXISTS " + p + t);
        }
      }
    }
  }

  @Benchmark
  public int leadkit() {
    int n = journeys.enrolSegment(JOURNEY, SEGMENT);
    if (n != members) {
      throw new IllegalStateException("enrolled " + n + " of " + members);
    }
    return n;
  }

  @Benchmark
  public int reference() throws SQLException {
    String sql = "INSERT INTO " + refPrefix + "enrolments (id, journey, lead_id, seq, version, "
        + "status, step, step_entered_at, step_count, due_at, source, enrolled_at, updated_at, "
        + "messages, tasks, state, exit_reason, exited_at, live_lead, lease_token, lease_until, "
        + "ready_at, revision) SELECT 'p7:' || m.lead_id || ':1', 'p7', m.lead_id, 1, 1, "
        + "'ACTIVE', 's1', ?, 1, ?, 'segment:bench-members', ?, ?, 0, 0, '{}'::jsonb, NULL, "
        + "NULL, m.lead_id, NULL, NULL, ?, 1 FROM " + prefix + "segment_members m "
        + "WHERE m.segment_id = ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= 5; i++) {
        ps.setObject(i, now.atOffset(ZoneOffset.UTC));
      }
      ps.setString(6, SEGMENT.value());
      int n = ps.executeUpdate();
      if (n != members) {
        throw new IllegalStateException("inserted " + n + " of " + members);
      }
      return n;
    }
  }
}
