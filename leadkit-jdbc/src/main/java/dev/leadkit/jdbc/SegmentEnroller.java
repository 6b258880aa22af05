package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.ReEntryPolicy;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.SetBasedEnrolment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The set-based bulk enrolment of {@link JdbcEnrolmentStore}: the members of a segment are
 * taken in lead id order in chunks of {@code chunk} members; per chunk, one transaction finds
 * the chunk's upper bound (one index read) and runs one {@code INSERT ... SELECT} that joins
 * the members with the leads, drops the unsubscribed and those at the goal, and reads each
 * lead's enrolments in the journey (highest sequence, latest exit, live count) from one grouped
 * range read of the same chunk:
 *
 * <ul>
 *   <li>PostgreSQL: {@code INSERT ... SELECT ... RETURNING lead_id, seq};
 *   <li>MariaDB: {@code INSERT IGNORE ... SELECT ... RETURNING lead_id, seq};
 *   <li>H2: {@code SELECT lead_id, seq FROM FINAL TABLE (INSERT ... SELECT ...)}.
 * </ul>
 *
 * On PostgreSQL and H2 a row that a concurrent writer inserted after the statement's snapshot
 * violates a key; the chunk is rolled back and run again, and then skips that lead.
 *
 * Ids ({@code journey:lead:sequence}), the first step, the times and the JSON state are
 * computed in SQL from bound values; nothing is spliced into the SQL text except table names.
 */
final class SegmentEnroller {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentEnroller.class);
  static final int DEFAULT_CHUNK = 100_000;
  private static final String COLUMNS = "id, journey, lead_id, seq, version, status, step, "
      + "step_entered_at, step_count, due_at, source, enrolled_at, updated_at, messages, tasks, "
      + "state, exit_reason, exited_at, live_lead, lease_token, lease_until, ready_at, revision";

  private final Db db;
  private final Tables tables;
  private final DocumentCodec codec;
  private final JdbcTimerStore timers;
  private volatile int chunk = DEFAULT_CHUNK;

  SegmentEnroller(Db db, Tables tables, DocumentCodec codec) {
    this.timers = new JdbcTimerStore(db, tables);
    this.db = db;
    this.tables = tables;
    this.codec = codec;
  }

  /** Sets the number of members per transaction (tests use small chunks). */
  void chunk(int members) {
    if (members < 1) {
      throw new InvalidValueException("chunk must be positive: " + members);
    }
    this.chunk = members;
  }

  // ------------------------------------------------------------------ supports

  private boolean mine(@Nullable Db other, @Nullable Tables otherTables) {
    return other != null && other.dataSource() == db.dataSource()
        && other.dialect() == db.dialect() && tables.equals(otherTables);
  }

  private boolean sharesLeads(LeadStore leads) {
    LeadStore l = leads instanceof CachingLeadStore c ? c.delegate() : leads;
    return l instanceof JdbcLeadStore j && mine(j.db(), j.tables());
  }

  boolean supports(SetBasedEnrolment.Request r) {
    if (!(r.memberships() instanceof JdbcSegmentMembershipStore m) || !mine(m.db(), m.tables())
        || !sharesLeads(r.leads())) {
      return false;
    }
    if (r.source().length() > 200) {
      return false; // refused by insert; the paged path reports it
    }
    Optional<Predicate> goal = r.journey().goal();
    if (goal.isEmpty()) {
      return true;
    }
    CompiledPredicate compiled = goal.get().compile();
    if (!compiled.dependencies().lists().isEmpty()) {
      return false; // list membership may be kept elsewhere
    }
    if (compiled.historyQuery(r.now()).isPresent()
        && !(r.touchpoints() instanceof JdbcTouchpointLog t && mine(t.db(), t.tables()))) {
      return false;
    }
    return SegmentSql.translate(goal.get(), tables, r.now()).exact();
  }

  // ------------------------------------------------------------------ enrol

  long enrol(SetBasedEnrolment.Request r, Consumer<List<Enrolment>> enrolled) {
    if (!supports(r)) {
      throw new InvalidValueException("segment " + r.segment() + " cannot be enrolled into "
          + r.journey().id() + " set-based by this store");
    }
    Instant now = Db.truncate(r.now());
    int size = chunk;
    long total = 0;
    String lo = null;
    int chunks = 0;
    while (true) {
      String from = lo;
      Chunk done = chunkTx(r, now, from, size);
      chunks++;
      if (!done.rows().isEmpty()) {
        List<Enrolment> out = new ArrayList<>(done.rows().size());
        for (Row row : done.rows()) {
          out.add(Enrolment.start(r.journey(), LeadId.of(row.lead()), row.seq(), r.source(), now)
              .withRevision(1));
        }
        total += out.size();
        enrolled.accept(out);
      }
      if (done.upper() == null) {
        LOG.debug("enrolled {} members of {} into {} in {} chunks", total, r.segment(),
            r.journey().id(), chunks);
        return total;
      }
      lo = done.upper();
    }
  }

  /**
   * One chunk in one transaction. A key violation means a concurrent writer enrolled one of the
   * chunk's leads between our existence check and our insert (PostgreSQL and H2; MariaDB's
   * {@code INSERT IGNORE} skips the row): the whole chunk was rolled back, and running it again
   * skips that lead. Lost deadlocks are retried by {@link Db#tx}.
   */
  private Chunk chunkTx(SetBasedEnrolment.Request r, Instant now, @Nullable String from,
      int size) {
    String what = "enrolling members of segment " + r.segment() + " into " + r.journey().id();
    for (int attempt = 1; ; attempt++) {
      try {
        return db.tx(what, Connection.TRANSACTION_READ_COMMITTED, c -> {
          Chunk done = chunk(c, r, now, from, size);
          // the new enrolments are due now: their timers commit with them
          List<Timer> due = new ArrayList<>(done.rows().size());
          for (Row row : done.rows()) {
            due.add(Timer.of(EnrolmentStore.TIMER_KIND, EnrolmentId.of(r.journey().id(),
                LeadId.of(row.lead()), row.seq()).value(), LeadId.of(row.lead()), now, ""));
          }
          timers.upsertAll(c, due);
          return done;
        });
      } catch (JdbcException e) {
        if (attempt >= Db.ATTEMPTS || !(e.getCause() instanceof SQLException s)
            || !Db.isUniqueViolation(s)) {
          throw e;
        }
        LOG.debug("{}: a concurrent enrolment took a key (attempt {}), running the chunk again",
            what, attempt);
      }
    }
  }

  private record Row(String lead, int seq) {}

  /** One chunk's new rows (in lead id order) and its upper bound (null: the last chunk). */
  private record Chunk(List<Row> rows, @Nullable String upper) {}

  private Chunk chunk(Connection c, SetBasedEnrolment.Request r, Instant now,
      @Nullable String lo, int size) throws SQLException {
    String hi = upperBound(c, r, lo, size);
    if (db.dialect() == Dialect.POSTGRESQL && r.journey().goal().isEmpty()) {
      // PostgreSQL's planner probes members and consents lead by lead (nested loops) although
      // all inputs are read in lead id order; merge joins over the chunk's ranges take a fifth
      // of the time. Only for this transaction, and not with a goal, whose EXISTS subqueries
      // may be better probed per lead.
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL enable_nestloop = off");
      }
    }
    List<SegmentSql.Param> params = new ArrayList<>();
    String sql = insertSelect(r, now, lo, hi, params);
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (SegmentSql.Param p : params) {
        p.bind(db, ps, i++);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getString(1), rs.getInt(2)));
        }
      }
    }
    rows.sort(Comparator.comparing(Row::lead));
    return new Chunk(rows, hi);
  }

  /** The last member of the chunk after {@code lo}, or null if fewer than {@code size} remain. */
  private @Nullable String upperBound(Connection c, SetBasedEnrolment.Request r,
      @Nullable String lo, int size) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM "
        + tables.segmentMembers() + " WHERE segment_id = ?" + (lo == null ? ""
            : " AND lead_id > ?") + " ORDER BY lead_id LIMIT 1 OFFSET ?")) {
      int i = 1;
      ps.setString(i++, r.segment().value());
      if (lo != null) {
        ps.setString(i++, lo);
      }
      ps.setInt(i, size - 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String range(String column, @Nullable String lo, @Nullable String hi,
      List<SegmentSql.Param> params) {
    StringBuilder sb = new StringBuilder();
    if (lo != null) {
      sb.append(" AND ").append(column).append(" > ?");
      params.add((d, ps, i) -> ps.setString(i, lo));
    }
    if (hi != null) {
      sb.append(" AND ").append(column).append(" <= ?");
      params.add((d, ps, i) -> ps.setString(i, hi));
    }
    return sb.toString();
  }

  /** The chunk's statement; {@code params} receives its bound values in order. */
  String insertSelect(SetBasedEnrolment.Request r, Instant now, @Nullable String lo,
      @Nullable String hi, List<SegmentSql.Param> params) {
    Journey j = r.journey();
    String table = tables.enrolments();
    String seq = "COALESCE(p.max_seq, 0) + 1";
    StringBuilder sql = new StringBuilder();
    switch (db.dialect()) {
      case POSTGRESQL -> sql.append("INSERT INTO ").append(table);
      case MARIADB -> sql.append("INSERT IGNORE INTO ").append(table);
      case H2 -> sql.append("SELECT lead_id, seq FROM FINAL TABLE (INSERT INTO ").append(table);
      default -> throw new IllegalStateException("unknown dialect " + db.dialect());
    }
    // MariaDB has no CAST(... AS VARCHAR); its CONCAT takes the bound text as it is
    String prefix = db.dialect() == Dialect.MARIADB ? "?" : "CAST(? AS VARCHAR(200))";
    sql.append(" (").append(COLUMNS).append(") SELECT CONCAT(").append(prefix)
        .append(", l.id, ':', ")
        .append(seq).append("), ?, l.id, ").append(seq)
        .append(", ?, ?, ?, ?, 1, ?, ?, ?, ?, 0, 0, ").append(db.json())
        .append(", NULL, NULL, l.id, NULL, NULL, ?, 1");
    params.add((d, ps, i) -> ps.setString(i, j.id().value() + ":"));
    params.add((d, ps, i) -> ps.setString(i, j.id().value()));
    params.add((d, ps, i) -> ps.setInt(i, j.version()));
    params.add((d, ps, i) -> ps.setString(i, EnrolmentStatus.ACTIVE.name()));
    params.add((d, ps, i) -> ps.setString(i, j.firstStep().id().value()));
    params.add((d, ps, i) -> d.setInstant(ps, i, now)); // step_entered_at
    params.add((d, ps, i) -> d.setInstant(ps, i, now)); // due_at
    params.add((d, ps, i) -> ps.setString(i, r.source()));
    params.add((d, ps, i) -> d.setInstant(ps, i, now)); // enrolled_at
    params.add((d, ps, i) -> d.setInstant(ps, i, now)); // updated_at
    String state = codec.writeData(Map.of());
    params.add((d, ps, i) -> ps.setString(i, state));
    params.add((d, ps, i) -> d.setInstant(ps, i, now)); // ready_at
    sql.append(" FROM ").append(tables.segmentMembers()).append(" m JOIN ").append(tables.leads())
        .append(" l ON l.id = m.lead_id LEFT JOIN (SELECT x.lead_id, MAX(x.seq) AS max_seq, ")
        .append("MAX(x.exited_at) AS last_exit, COUNT(x.live_lead) AS live FROM ").append(table)
        .append(" x WHERE x.journey = ?");
    params.add((d, ps, i) -> ps.setString(i, j.id().value()));
    sql.append(range("x.lead_id", lo, hi, params))
        .append(" GROUP BY x.lead_id) p ON p.lead_id = l.id WHERE m.segment_id = ?");
    params.add((d, ps, i) -> ps.setString(i, r.segment().value()));
    sql.append(range("m.lead_id", lo, hi, params)).append(range("l.id", lo, hi, params));
    sql.append(" AND (p.lead_id IS NULL OR (p.live = 0");
    ReEntryPolicy reEntry = j.reEntry();
    switch (reEntry.kind()) {
      case NEVER -> sql.append(" AND p.last_exit IS NULL");
      case AFTER_COOL_DOWN -> {
        Instant cutoff = r.now().minus(reEntry.coolDown().orElseThrow());
        sql.append(" AND (p.last_exit IS NULL OR p.last_exit <= ?)");
        params.add((d, ps, i) -> d.setInstant(ps, i, cutoff));
      }
      case ALWAYS -> { }
      default -> throw new IllegalStateException("unknown re-entry policy " + reEntry);
    }
    sql.append("))");
    // what SegmentSql writes for "not consent(email) is unsubscribed", plus the chunk's range
    // so that the anti join can read just the chunk's part of the consents
    sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(tables.leadConsents())
        .append(" c WHERE c.lead_id = l.id AND c.channel = ? AND c.status = ?");
    params.add((d, ps, i) -> ps.setString(i, Channel.EMAIL.name()));
    params.add((d, ps, i) -> ps.setString(i, ConsentStatus.UNSUBSCRIBED.name()));
    sql.append(range("c.lead_id", lo, hi, params)).append(")");
    if (j.goal().isPresent()) {
      SegmentSql.Translation goal = SegmentSql.translate(j.goal().get(), tables, r.now());
      sql.append(" AND NOT (").append(goal.where()).append(")");
      params.addAll(goal.params());
    }
    switch (db.dialect()) {
      // no ON CONFLICT: its speculative insertion doubles the statement's time, and the
      // existence checks above already skip every lead enrolled before the statement began
      case POSTGRESQL -> sql.append(" RETURNING lead_id, seq");
      case MARIADB -> sql.append(" RETURNING lead_id, seq");
      case H2 -> sql.append(")");
      default -> throw new IllegalStateException("unknown dialect " + db.dialect());
    }
    return sql.toString();
  }
}
