package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.StepId;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SetBasedEnrolment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Journey enrolments on one table, for several engines sharing one database.
 *
 * <ul>
 *   <li><b>One live enrolment per journey and lead:</b> the column {@code live_lead} holds the
 *       lead while the enrolment is live and NULL once it exited, under the unique key
 *       {@code (journey, live_lead)}; an insert that hits it or the primary key is ignored
 *       ({@code ON CONFLICT DO NOTHING RETURNING} on PostgreSQL, {@code INSERT IGNORE ...
 *       RETURNING} on MariaDB, an insert under a savepoint on H2).
 *   <li><b>Claims:</b> {@code ready_at} (the lease end while leased, else the due time, NULL when
 *       nothing is due) is indexed with the id; {@link LeaseClaimer} takes a batch of rows with
 *       {@code ready_at <= now} with {@code FOR UPDATE SKIP LOCKED} (one {@code UPDATE ...
 *       RETURNING} on PostgreSQL) and gives them a fresh token and lease end.
 *   <li><b>Writes under a lease</b> change the row only while it is still held under the
 *       token: one {@code UPDATE ... WHERE id = ? AND lease_token = ? RETURNING} on PostgreSQL;
 *       {@code SELECT ... WHERE id = ? AND lease_token = ? FOR UPDATE}, then the update, in one
 *       transaction on MariaDB and H2.
 *   <li><b>Updates from outside a claim</b> are {@code UPDATE ... WHERE id = ? AND revision = ?}.
 * </ul>
 */
final class JdbcEnrolmentStore implements EnrolmentStore, SetBasedEnrolment {
  private static final String COLUMNS = "id, journey, version, lead_id, seq, status, step, "
      + "step_entered_at, step_count, due_at, source, enrolled_at, updated_at, messages, tasks, "
      + "state, exit_reason, exited_at, lease_token, lease_until, ready_at, live_lead, revision";
  /** The columns a write may change apart from lease and revision, in {@link #bindBody} order. */
  private static final String BODY_SET = "version = ?, status = ?, step = ?, "
      + "step_entered_at = ?, step_count = ?, due_at = ?, source = ?, enrolled_at = ?, "
      + "updated_at = ?, messages = ?, tasks = ?, state = %s, exit_reason = ?, exited_at = ?, "
      + "live_lead = ?";
  /** Every column a write may change, in {@link #bindContent} order. */
  private static final String CONTENT_SET = BODY_SET
      + ", lease_token = ?, lease_until = ?, ready_at = ?, revision = ?";
  private static final int INSERT_CHUNK = 200;
  private static final Comparator<Enrolment> CLAIM_ORDER = Comparator
      .comparing((Enrolment e) -> e.dueAt().orElse(Instant.MAX))
      .thenComparing(Enrolment::id);

  private final Db db;
  private final DocumentCodec codec;
  private final String table;
  private final String bodySet;
  private final String contentSet;
  private final LeaseClaimer<Enrolment> claimer;
  private final SegmentEnroller segmentEnroller;

  JdbcEnrolmentStore(Db db, Tables tables, DocumentCodec codec) {
    this.db = db;
    this.codec = codec;
    this.table = tables.enrolments();
    this.bodySet = String.format(BODY_SET, db.json());
    this.contentSet = String.format(CONTENT_SET, db.json());
    this.claimer = new LeaseClaimer<>(db, table, "id", COLUMNS, "ready_at <= ?", "ready_at, id",
        this::read, e -> e.id().value());
    this.segmentEnroller = new SegmentEnroller(db, tables, codec);
  }

  // ------------------------------------------------------------------ set-based enrolment

  /**
   * True if the membership and lead stores (and, for a goal on behaviour, the touchpoint log)
   * are JDBC stores on this store's data source and table prefix, the goal reads no static list,
   * and the goal translates to SQL exactly.
   */
  @Override
  public boolean supports(SetBasedEnrolment.Request request) {
    if (request == null) {
      throw new InvalidValueException("request must not be null");
    }
    return segmentEnroller.supports(request);
  }

  /** See {@link SegmentEnroller}: one {@code INSERT ... SELECT} per chunk of members. */
  @Override
  public long enrolSegment(SetBasedEnrolment.Request request,
      Consumer<List<Enrolment>> enrolled) {
    if (request == null || enrolled == null) {
      throw new InvalidValueException("request and listener must not be null");
    }
    return segmentEnroller.enrol(request, enrolled);
  }

  /** Members per transaction of {@link #enrolSegment} (tests use small chunks). */
  void segmentChunk(int members) {
    segmentEnroller.chunk(members);
  }

  // ------------------------------------------------------------------ rows

  private Enrolment read(ResultSet rs) throws SQLException {
    String step = rs.getString("step");
    String exit = rs.getString("exit_reason");
    return new Enrolment(new EnrolmentId(rs.getString("id")), JourneyId.of(rs.getString("journey")),
        rs.getInt("version"), LeadId.of(rs.getString("lead_id")), rs.getInt("seq"),
        EnrolmentStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(step).map(StepId::of), db.requireInstant(rs, "step_entered_at"),
        rs.getInt("step_count"), db.optionalInstant(rs, "due_at"), rs.getString("source"),
        db.requireInstant(rs, "enrolled_at"), db.requireInstant(rs, "updated_at"),
        rs.getInt("messages"), rs.getInt("tasks"), codec.readData(rs.getString("state")),
        Optional.ofNullable(exit).map(ExitReason::of), db.optionalInstant(rs, "exited_at"),
        Optional.ofNullable(rs.getString("lease_token")), db.optionalInstant(rs, "lease_until"),
        rs.getLong("revision"));
  }

  /** Binds the {@link #BODY_SET} columns of {@code e}. */
  private int bindBody(PreparedStatement ps, int i, Enrolment e) throws SQLException {
    ps.setInt(i, e.version());
    ps.setString(i + 1, e.status().name());
    JdbcTouchpointLog.setNullable(ps, i + 2, e.step().map(StepId::value));
    db.setInstant(ps, i + 3, e.stepEnteredAt());
    ps.setInt(i + 4, e.stepCount());
    db.setInstant(ps, i + 5, e.dueAt().orElse(null));
    ps.setString(i + 6, e.source());
    db.setInstant(ps, i + 7, e.enrolledAt());
    db.setInstant(ps, i + 8, e.updatedAt());
    ps.setInt(i + 9, e.messages());
    ps.setInt(i + 10, e.tasks());
    ps.setString(i + 11, codec.writeData(e.state()));
    JdbcTouchpointLog.setNullable(ps, i + 12, e.exitReason().map(ExitReason::code));
    db.setInstant(ps, i + 13, e.exitedAt().orElse(null));
    JdbcTouchpointLog.setNullable(ps, i + 14,
        e.isLive() ? Optional.of(e.lead().value()) : Optional.empty());
    return i + 15;
  }

  /** Binds the {@link #CONTENT_SET} columns of {@code e} (already carrying lease and revision). */
  private int bindContent(PreparedStatement ps, int i, Enrolment e) throws SQLException {
    int j = bindBody(ps, i, e);
    JdbcTouchpointLog.setNullable(ps, j, e.leaseToken());
    db.setInstant(ps, j + 1, e.leaseUntil().orElse(null));
    db.setInstant(ps, j + 2, e.readyAt().orElse(null));
    ps.setLong(j + 3, e.revision());
    return j + 4;
  }

  private int bindInsert(PreparedStatement ps, int i, Enrolment e) throws SQLException {
    ps.setString(i, e.id().value());
    ps.setString(i + 1, e.journey().value());
    ps.setString(i + 2, e.lead().value());
    ps.setInt(i + 3, e.sequence());
    return bindContent(ps, i + 4, e);
  }

  private String insertRow() {
    return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + db.json()
        + ", ?, ?, ?, ?, ?, ?, ?)";
  }

  private static final String INSERT_COLUMNS = "id, journey, lead_id, seq, version, status, "
      + "step, step_entered_at, step_count, due_at, source, enrolled_at, updated_at, messages, "
      + "tasks, state, exit_reason, exited_at, live_lead, lease_token, lease_until, ready_at, "
      + "revision";

  /** {@code e} as the database keeps it: instants at microsecond precision. */
  private static Enrolment stored(Enrolment e) {
    return new Enrolment(e.id(), e.journey(), e.version(), e.lead(), e.sequence(), e.status(),
        e.step(), Db.truncate(e.stepEnteredAt()), e.stepCount(), e.dueAt().map(Db::truncate),
        e.source(), Db.truncate(e.enrolledAt()), Db.truncate(e.updatedAt()), e.messages(),
        e.tasks(), e.state(), e.exitReason(), e.exitedAt().map(Db::truncate), e.leaseToken(),
        e.leaseUntil().map(Db::truncate), e.revision());
  }

  private static void check(Enrolment e) {
    if (e == null) {
      throw new InvalidValueException("enrolment must not be null");
    }
    if (e.source().length() > 200) {
      throw new InvalidValueException("enrolment " + e.id() + " has a source longer than 200 "
          + "characters: \"" + e.source() + "\"");
    }
  }

  // ------------------------------------------------------------------ inserts

  @Override
  public Optional<Enrolment> insert(Enrolment enrolment) {
    return insertAll(List.of(enrolment)).stream().findFirst();
  }

  @Override
  public List<Enrolment> insertAll(List<Enrolment> enrolments) {
    if (enrolments == null) {
      throw new InvalidValueException("enrolments must not be null");
    }
    // the first of the batch wins, as if inserted one by one
    Map<EnrolmentId, Enrolment> byId = new LinkedHashMap<>();
    Set<String> live = new HashSet<>();
    for (Enrolment e : enrolments) {
      check(e);
      if (e.revision() != 0) {
        throw new InvalidValueException("a new enrolment has revision 0: " + e.id()
            + " has revision " + e.revision());
      }
      if (byId.containsKey(e.id())
          || (e.isLive() && !live.add(e.journey().value() + "\n" + e.lead().value()))) {
        continue;
      }
      byId.put(e.id(), stored(e.withRevision(1)));
    }
    if (byId.isEmpty()) {
      return List.of();
    }
    List<Enrolment> rows = new ArrayList<>(byId.values());
    // key order, so that concurrent batches lock keys in the same order
    rows.sort(Comparator.comparing(Enrolment::id));
    Set<String> inserted = db.txInsertingAbsent("inserting " + rows.size() + " enrolments",
        Connection.TRANSACTION_READ_COMMITTED, c -> insertAbsent(c, rows));
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : byId.values()) {
      if (inserted.contains(e.id().value())) {
        out.add(e);
      }
    }
    return out;
  }

  private Set<String> insertAbsent(Connection c, List<Enrolment> rows) throws SQLException {
    Set<String> inserted = new HashSet<>();
    if (db.dialect() == Dialect.H2) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ("
          + INSERT_COLUMNS + ") VALUES " + insertRow())) {
        for (Enrolment e : rows) {
          bindInsert(ps, 1, e);
          Savepoint sp = c.setSavepoint();
          try {
            ps.executeUpdate();
            inserted.add(e.id().value());
          } catch (SQLException ex) {
            if (!Db.isUniqueViolation(ex)) {
              throw ex;
            }
            c.rollback(sp);
          }
        }
      }
      return inserted;
    }
    for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
      List<Enrolment> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
      String values = String.join(", ", Collections.nCopies(chunk.size(),
          insertRow()));
      String sql = db.dialect() == Dialect.POSTGRESQL
          ? "INSERT INTO " + table + " (" + INSERT_COLUMNS + ") VALUES " + values
              + " ON CONFLICT DO NOTHING RETURNING id"
          : "INSERT IGNORE INTO " + table + " (" + INSERT_COLUMNS + ") VALUES " + values
              + " RETURNING id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Enrolment e : chunk) {
          i = bindInsert(ps, i, e);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getString(1));
          }
        }
      }
    }
    return inserted;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<Enrolment> find(EnrolmentId id) {
    if (id == null) {
      throw new InvalidValueException("enrolment id must not be null");
    }
    return db.read("finding enrolment " + id, c -> find(c, id.value()));
  }

  private Optional<Enrolment> find(Connection c, String id) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", (ps, i) -> {
      ps.setString(i, id);
      return i + 1;
    }).stream().findFirst();
  }

  @Override
  public List<Enrolment> findByLead(LeadId lead) {
    if (lead == null) {
      throw new InvalidValueException("lead must not be null");
    }
    return db.read("reading the enrolments of " + lead, c -> query(c, "SELECT " + COLUMNS
        + " FROM " + table + " WHERE lead_id = ? ORDER BY enrolled_at, id", (ps, i) -> {
          ps.setString(i, lead.value());
          return i + 1;
        }));
  }

  @Override
  public int deleteLead(LeadId lead) {
    if (lead == null) {
      throw new InvalidValueException("lead must not be null");
    }
    return db.tx("deleting the enrolments of " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Map<LeadId, List<Enrolment>> findByLeads(JourneyId journey, Collection<LeadId> leads) {
    if (journey == null || leads == null) {
      throw new InvalidValueException("journey and leads must not be null");
    }
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(leads.stream().map(LeadId::value)
        .toList()));
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<Enrolment> found = db.read("reading the enrolments of " + ids.size() + " leads in "
        + journey, c -> {
          List<Enrolment> all = new ArrayList<>();
          for (List<String> chunk : SqlLists.chunks(ids)) {
            all.addAll(query(c, "SELECT " + COLUMNS + " FROM " + table
                + " WHERE journey = ? AND lead_id IN " + SqlLists.in(chunk.size()),
                (ps, i) -> {
                  ps.setString(i, journey.value());
                  return SqlLists.bind(ps, i + 1, chunk);
                }));
          }
          return all;
        });
    found.sort(Comparator.comparing(Enrolment::enrolledAt).thenComparing(Enrolment::id));
    Map<LeadId, List<Enrolment>> out = new LinkedHashMap<>();
    for (Enrolment e : found) {
      out.computeIfAbsent(e.lead(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** One {@code SELECT ... WHERE id IN (...)} per 500 ids. */
  @Override
  public Map<EnrolmentId, Enrolment> findAll(Collection<EnrolmentId> ids) {
    if (ids == null || ids.contains(null)) {
      throw new InvalidValueException("ids must not be or hold null");
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(ids.stream().map(EnrolmentId::value)
        .toList()));
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<Enrolment> found = db.read("reading " + keys.size() + " enrolments", c -> {
      List<Enrolment> all = new ArrayList<>();
      for (List<String> chunk : SqlLists.chunks(keys)) {
        all.addAll(query(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN "
            + SqlLists.in(chunk.size()), (ps, i) -> SqlLists.bind(ps, i, chunk)));
      }
      return all;
    });
    Map<EnrolmentId, Enrolment> out = new LinkedHashMap<>();
    for (Enrolment e : found) {
      out.put(e.id(), e);
    }
    return out;
  }

  @Override
  public Optional<Enrolment> findLive(JourneyId journey, LeadId lead) {
    if (journey == null || lead == null) {
      throw new InvalidValueException("journey and lead must not be null");
    }
    return db.read("finding the live enrolment of " + lead + " in " + journey,
        c -> query(c, "SELECT " + COLUMNS + " FROM " + table
            + " WHERE journey = ? AND live_lead = ?", (ps, i) -> {
              ps.setString(i, journey.value());
              ps.setString(i + 1, lead.value());
              return i + 2;
            }).stream().findFirst());
  }

  @Override
  public List<Enrolment> page(JourneyId journey, @Nullable EnrolmentId after, int limit) {
    if (journey == null || limit <= 0) {
      throw new InvalidValueException("page needs a journey and a positive limit: " + journey
          + ", " + limit);
    }
    return db.read("reading a page of " + journey, c -> query(c, "SELECT " + COLUMNS + " FROM "
        + table + " WHERE journey = ?" + (after == null ? "" : " AND id > ?")
        + " ORDER BY id LIMIT ?", (ps, i) -> {
          ps.setString(i++, journey.value());
          if (after != null) {
            ps.setString(i++, after.value());
          }
          ps.setInt(i, limit);
          return i + 1;
        }));
  }

  @Override
  public List<Enrolment> findOverdue(Instant before, int limit) {
    if (before == null || limit <= 0) {
      throw new InvalidValueException("overdue needs a time and a positive limit: " + before
          + ", " + limit);
    }
    return db.read("reading overdue enrolments", c -> query(c, "SELECT " + COLUMNS + " FROM "
        + table + " WHERE ready_at < ? ORDER BY ready_at, id LIMIT ?", (ps, i) -> {
          db.setInstant(ps, i, before);
          ps.setInt(i + 1, limit);
          return i + 2;
        }));
  }

  @Override
  public Map<EnrolmentStatus, Long> countByStatus(JourneyId journey) {
    if (journey == null) {
      throw new InvalidValueException("journey must not be null");
    }
    Map<EnrolmentStatus, Long> out = new EnumMap<>(EnrolmentStatus.class);
    for (EnrolmentStatus s : EnrolmentStatus.values()) {
      out.put(s, 0L);
    }
    return db.read("counting the enrolments of " + journey, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM " + table
          + " WHERE journey = ? GROUP BY status")) {
        ps.setString(1, journey.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(EnrolmentStatus.valueOf(rs.getString(1)), rs.getLong(2));
          }
        }
      }
      return out;
    });
  }

  private List<Enrolment> query(Connection c, String sql, LeaseClaimer.Binder binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps, 1);
      List<Enrolment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ claims

  private static void checkClaim(@Nullable Instant now, int limit, @Nullable Duration lease) {
    if (now == null || lease == null || limit <= 0 || lease.isNegative() || lease.isZero()) {
      throw new InvalidValueException("claim needs a time and a positive limit and lease: "
          + now + ", " + limit + ", " + lease);
    }
  }

  @Override
  public List<Enrolment> claimDue(Instant now, int limit, Duration lease) {
    checkClaim(now, limit, lease);
    String token = UUID.randomUUID().toString();
    Instant until = Db.truncate(now.plus(lease));
    List<Enrolment> claimed = new ArrayList<>(claimer.claim("claiming due enrolments", limit,
        (ps, i) -> {
          db.setInstant(ps, i, now);
          return i + 1;
        },
        "lease_token = ?, lease_until = ?, ready_at = ?, revision = revision + 1",
        (ps, i) -> {
          ps.setString(i, token);
          db.setInstant(ps, i + 1, until);
          db.setInstant(ps, i + 2, until);
          return i + 3;
        },
        e -> e.withLease(token, until).withRevision(e.revision() + 1)));
    claimed.sort(CLAIM_ORDER);
    return claimed;
  }

  @Override
  public Optional<Enrolment> claim(EnrolmentId id, Instant now, Duration lease) {
    checkClaim(now, 1, lease);
    if (id == null) {
      throw new InvalidValueException("enrolment id must not be null");
    }
    String token = UUID.randomUUID().toString();
    Instant until = Db.truncate(now.plus(lease));
    return db.tx("claiming enrolment " + id, Connection.TRANSACTION_READ_COMMITTED, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET lease_token = ?,"
          + " lease_until = ?, ready_at = ?, revision = revision + 1 WHERE id = ?"
          + " AND live_lead IS NOT NULL AND (lease_until IS NULL OR lease_until <= ?)")) {
        ps.setString(1, token);
        db.setInstant(ps, 2, until);
        db.setInstant(ps, 3, until);
        ps.setString(4, id.value());
        db.setInstant(ps, 5, now);
        if (ps.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      return find(c, id.value());
    });
  }

  // ------------------------------------------------------------------ writes

  /** The stored (revision, lease end) of {@code id}, locked, if held under {@code token}. */
  private Optional<Map.Entry<Long, Instant>> lockHeld(Connection c, String id, String token)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT revision, lease_until FROM " + table
        + " WHERE id = ? AND lease_token = ? FOR UPDATE")) {
      ps.setString(1, id);
      ps.setString(2, token);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(Map.entry(rs.getLong(1), db.requireInstant(rs, "lease_until")));
      }
    }
  }

  private void write(Connection c, Enrolment next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + contentSet
        + " WHERE id = ?")) {
      int i = bindContent(ps, 1, next);
      ps.setString(i, next.id().value());
      ps.executeUpdate();
    }
  }

  private Optional<Enrolment> underLease(String operation, Enrolment enrolment,
      String leaseToken, boolean keep) {
    check(enrolment);
    if (leaseToken == null) {
      throw new InvalidValueException("lease token must not be null for " + enrolment.id());
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      return db.tx(operation + " enrolment " + enrolment.id(),
          c -> underLeaseReturning(c, enrolment, leaseToken, keep));
    }
    return db.tx(operation + " enrolment " + enrolment.id(),
        Connection.TRANSACTION_READ_COMMITTED, c -> {
          Optional<Map.Entry<Long, Instant>> held = lockHeld(c, enrolment.id().value(),
              leaseToken);
          if (held.isEmpty()) {
            return Optional.empty();
          }
          Enrolment base = keep ? enrolment.withLease(leaseToken, held.get().getValue())
              : enrolment.withoutLease();
          Enrolment next = stored(base.withRevision(held.get().getKey() + 1));
          write(c, next);
          return Optional.of(next);
        });
  }

  /**
   * PostgreSQL: one conditional {@code UPDATE ... RETURNING}; a save keeps the stored lease end,
   * which is also the ready time while the enrolment is live.
   */
  private Optional<Enrolment> underLeaseReturning(Connection c, Enrolment enrolment,
      String leaseToken, boolean keep) throws SQLException {
    String lease = keep
        ? "ready_at = CASE WHEN ? THEN lease_until ELSE NULL END"
        : "lease_token = NULL, lease_until = NULL, ready_at = ?";
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + bodySet + ", "
        + lease + ", revision = revision + 1 WHERE id = ? AND lease_token = ?"
        + " RETURNING revision, lease_until")) {
      int i = bindBody(ps, 1, enrolment);
      if (keep) {
        ps.setBoolean(i, enrolment.isLive());
      } else {
        db.setInstant(ps, i, enrolment.withoutLease().readyAt().orElse(null));
      }
      ps.setString(i + 1, enrolment.id().value());
      ps.setString(i + 2, leaseToken);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long revision = rs.getLong(1);
        Enrolment base = keep
            ? enrolment.withLease(leaseToken, db.requireInstant(rs, "lease_until"))
            : enrolment.withoutLease();
        return Optional.of(stored(base.withRevision(revision)));
      }
    }
  }

  @Override
  public Optional<Enrolment> save(Enrolment enrolment, String leaseToken) {
    return underLease("saving", enrolment, leaseToken, true);
  }

  @Override
  public Optional<Enrolment> complete(Enrolment enrolment, String leaseToken) {
    return underLease("completing", enrolment, leaseToken, false);
  }

  /**
   * One transaction. PostgreSQL: one {@code UPDATE ... FROM unnest(...) WHERE id = v.id AND
   * lease_token = ? RETURNING id} for the whole batch; MariaDB and H2: {@code UPDATE ... WHERE
   * id = ? AND lease_token = ?} per enrolment (MariaDB's batch update counts are not reliable).
   * The token is unchanged only while nobody else wrote the row, so the stored revision is the
   * claimed one plus one.
   */
  @Override
  public List<Enrolment> completeAll(List<Enrolment> enrolments, String leaseToken) {
    return completeAll(enrolments, leaseToken, null, List.of());
  }

  /**
   * When {@code counters} are the JDBC counters on this store's data source: the completion and
   * then the counter upserts in one transaction (the counter rows, which every engine updates,
   * stay locked only until the commit). Otherwise as the port's default.
   */
  @Override
  public List<Enrolment> completeAll(List<Enrolment> enrolments, String leaseToken,
      Map<CounterKey, Long> counts, JourneyCounters counters) {
    if (counts == null || counters == null) {
      throw new InvalidValueException("counts and counters must not be null");
    }
    if (counters instanceof JdbcJourneyCounters jdbc && jdbc.sharesDatabaseWith(db)) {
      return completeAll(enrolments, leaseToken, jdbc, JdbcJourneyCounters.checked(counts));
    }
    return EnrolmentStore.super.completeAll(enrolments, leaseToken, counts, counters);
  }

  private List<Enrolment> completeAll(List<Enrolment> enrolments, String leaseToken,
      @Nullable JdbcJourneyCounters counters, List<Map.Entry<CounterKey, Long>> counts) {
    if (enrolments == null || leaseToken == null) {
      throw new InvalidValueException("enrolments and lease token must not be null");
    }
    Map<EnrolmentId, Enrolment> byId = new LinkedHashMap<>();
    for (Enrolment e : enrolments) {
      check(e);
      if (byId.putIfAbsent(e.id(), e) != null) {
        throw new InvalidValueException("enrolment " + e.id() + " is twice in one completion");
      }
    }
    if (byId.isEmpty() && counts.isEmpty()) {
      return List.of();
    }
    List<Enrolment> rows = new ArrayList<>();
    for (Enrolment e : byId.values()) {
      rows.add(stored(e.withoutLease().withRevision(e.revision() + 1)));
    }
    // key order, so that concurrent writers lock rows in the same order
    List<Enrolment> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Enrolment::id));
    Set<String> done = db.txInsertingAbsent("completing " + rows.size() + " enrolments", c -> {
      Set<String> out = sorted.isEmpty() ? Set.of()
          : db.dialect() == Dialect.POSTGRESQL ? writeSetBased(c, sorted, leaseToken)
          : completeRowByRow(c, sorted, leaseToken);
      if (counters != null && !counts.isEmpty()) {
        counters.add(c, counts);
      }
      return out;
    });
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : rows) {
      if (done.contains(e.id().value())) {
        out.add(e);
      }
    }
    return out;
  }

  private Set<String> completeRowByRow(Connection c, List<Enrolment> sorted, String leaseToken)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + bodySet
        + ", lease_token = NULL, lease_until = NULL, ready_at = ?, revision = revision + 1"
        + " WHERE id = ? AND lease_token = ?")) {
      for (Enrolment e : sorted) {
        int i = bindBody(ps, 1, e);
        db.setInstant(ps, i, e.readyAt().orElse(null));
        ps.setString(i + 1, e.id().value());
        ps.setString(i + 2, leaseToken);
        if (ps.executeUpdate() == 1) {
          out.add(e.id().value());
        }
      }
    }
    return out;
  }

  /**
   * PostgreSQL: the batch as parallel arrays, one statement; each row written while it is held
   * under {@code leaseToken}, or, if that is null, while its stored revision is the row's
   * revision minus one (the rows carry their new revision).
   */
  private Set<String> writeSetBased(Connection c, List<Enrolment> sorted,
      @Nullable String leaseToken) throws SQLException {
    int n = sorted.size();
    String[] id = new String[n];
    Integer[] version = new Integer[n];
    String[] status = new String[n];
    String[] step = new String[n];
    String[] stepEnteredAt = new String[n];
    Integer[] stepCount = new Integer[n];
    String[] dueAt = new String[n];
    String[] source = new String[n];
    String[] enrolledAt = new String[n];
    String[] updatedAt = new String[n];
    Integer[] messages = new Integer[n];
    Integer[] tasks = new Integer[n];
    String[] state = new String[n];
    String[] exitReason = new String[n];
    String[] exitedAt = new String[n];
    String[] liveLead = new String[n];
    String[] readyAt = new String[n];
    Long[] revision = new Long[n];
    for (int k = 0; k < n; k++) {
      Enrolment e = sorted.get(k);
      id[k] = e.id().value();
      version[k] = e.version();
      status[k] = e.status().name();
      step[k] = e.step().map(StepId::value).orElse(null);
      stepEnteredAt[k] = text(e.stepEnteredAt());
      stepCount[k] = e.stepCount();
      dueAt[k] = e.dueAt().map(JdbcEnrolmentStore::text).orElse(null);
      source[k] = e.source();
      enrolledAt[k] = text(e.enrolledAt());
      updatedAt[k] = text(e.updatedAt());
      messages[k] = e.messages();
      tasks[k] = e.tasks();
      state[k] = codec.writeData(e.state());
      exitReason[k] = e.exitReason().map(ExitReason::code).orElse(null);
      exitedAt[k] = e.exitedAt().map(JdbcEnrolmentStore::text).orElse(null);
      liveLead[k] = e.isLive() ? e.lead().value() : null;
      readyAt[k] = e.readyAt().map(JdbcEnrolmentStore::text).orElse(null);
      revision[k] = e.revision() - 1;
    }
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET"
        + " version = v.version, status = v.status, step = v.step,"
        + " step_entered_at = v.step_entered_at, step_count = v.step_count, due_at = v.due_at,"
        + " source = v.source, enrolled_at = v.enrolled_at, updated_at = v.updated_at,"
        + " messages = v.messages, tasks = v.tasks, state = v.state,"
        + " exit_reason = v.exit_reason, exited_at = v.exited_at, live_lead = v.live_lead,"
        + " lease_token = NULL, lease_until = NULL, ready_at = v.ready_at,"
        + " revision = t.revision + 1"
        + " FROM unnest(CAST(? AS varchar[]), CAST(? AS int[]), CAST(? AS varchar[]),"
        + " CAST(? AS varchar[]), CAST(? AS timestamptz[]), CAST(? AS int[]),"
        + " CAST(? AS timestamptz[]), CAST(? AS varchar[]), CAST(? AS timestamptz[]),"
        + " CAST(? AS timestamptz[]), CAST(? AS int[]), CAST(? AS int[]), CAST(? AS jsonb[]),"
        + " CAST(? AS varchar[]), CAST(? AS timestamptz[]), CAST(? AS varchar[]),"
        + " CAST(? AS timestamptz[]), CAST(? AS bigint[])) AS v(id, version, status, step,"
        + " step_entered_at, step_count, due_at, source, enrolled_at, updated_at, messages,"
        + " tasks, state, exit_reason, exited_at, live_lead, ready_at, revision)"
        + " WHERE t.id = v.id AND " + (leaseToken == null ? "t.revision = v.revision"
            : "t.lease_token = ?") + " RETURNING t.id")) {
      Object[][] columns = {id, version, status, step, stepEnteredAt, stepCount, dueAt, source,
          enrolledAt, updatedAt, messages, tasks, state, exitReason, exitedAt, liveLead,
          readyAt, revision};
      int i = 1;
      for (Object[] column : columns) {
        ps.setArray(i++, c.createArrayOf(column instanceof Integer[] ? "int4"
            : column instanceof Long[] ? "int8" : "varchar", column));
      }
      if (leaseToken != null) {
        ps.setString(i, leaseToken);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** An instant as PostgreSQL reads a {@code timestamptz} (already at microseconds). */
  private static String text(Instant t) {
    return Db.truncate(t).toString();
  }

  /**
   * PostgreSQL: one {@code UPDATE ... FROM unnest(...) WHERE id = v.id AND revision = v.revision
   * RETURNING id} for the batch; MariaDB and H2: {@link #update} for each.
   */
  @Override
  public List<Enrolment> updateAll(List<Enrolment> enrolments) {
    if (enrolments == null || enrolments.contains(null)) {
      throw new InvalidValueException("enrolments must not be or hold null");
    }
    if (enrolments.isEmpty()) {
      return List.of();
    }
    Map<EnrolmentId, Enrolment> next = new LinkedHashMap<>();
    for (Enrolment e : enrolments) {
      check(e);
      if (next.put(e.id(), stored(e.withoutLease().withRevision(e.revision() + 1))) != null) {
        throw new InvalidValueException("enrolment " + e.id() + " is twice in one update");
      }
    }
    if (db.dialect() != Dialect.POSTGRESQL) {
      return EnrolmentStore.super.updateAll(enrolments);
    }
    List<Enrolment> sorted = new ArrayList<>(next.values());
    sorted.sort(Comparator.comparing(Enrolment::id));
    Set<String> done = db.tx("updating " + sorted.size() + " enrolments",
        c -> writeSetBased(c, sorted, null));
    List<Enrolment> out = new ArrayList<>();
    for (Enrolment e : next.values()) {
      if (done.contains(e.id().value())) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public Optional<Enrolment> update(Enrolment enrolment) {
    check(enrolment);
    Enrolment next = stored(enrolment.withoutLease().withRevision(enrolment.revision() + 1));
    return db.tx("updating enrolment " + enrolment.id(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + contentSet
          + " WHERE id = ? AND revision = ?")) {
        int i = bindContent(ps, 1, next);
        ps.setString(i, next.id().value());
        ps.setLong(i + 1, enrolment.revision());
        return ps.executeUpdate() == 1 ? Optional.of(next) : Optional.<Enrolment>empty();
      }
    });
  }
}
