package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerLease;
import dev.leadkit.core.port.TimerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Timers on one narrow table ({@code id = kind:key}, lead, due time, payload, attempts, lease),
 * for several workers sharing one database.
 *
 * <ul>
 *   <li><b>Claims</b> go through {@link LeaseClaimer}: rows with {@code due_at <= now} and no
 *       running lease, {@code FOR UPDATE SKIP LOCKED}, in one {@code UPDATE ... RETURNING} on
 *       PostgreSQL. A claim sets only the lease columns, which no index covers, so on PostgreSQL
 *       it is a HOT update.
 *   <li><b>Schedules</b> are upserts ({@code ON CONFLICT DO UPDATE} on PostgreSQL, {@code ON
 *       DUPLICATE KEY UPDATE} on MariaDB, {@code MERGE} on H2), many rows per statement.
 *   <li><b>Completion, rescheduling and release</b> are conditional on the lease token: one
 *       {@code DELETE ... RETURNING} / {@code UPDATE ... FROM unnest(...) RETURNING} per batch on
 *       PostgreSQL, {@code DELETE ... RETURNING} and row-by-row updates on MariaDB, row by row on
 *       H2, always in one transaction (or the caller's unit of work).
 * </ul>
 */
final class JdbcTimerStore implements TimerStore {
  private static final String COLUMNS = "id, kind, lead_id, due_at, payload, attempts, "
      + "lease_holder, lease_token, lease_until";
  private static final Comparator<Timer> ORDER = Comparator.comparing(Timer::due)
      .thenComparing(Timer::id);
  private static final int CHUNK = 200;

  private final Db db;
  private final String table;
  private final LeaseClaimer<Timer> claimer;

  JdbcTimerStore(Db db, Tables tables) {
    this.db = db;
    this.table = tables.timers();
    this.claimer = new LeaseClaimer<>(db, table, "id", COLUMNS,
        "due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)", "due_at, id", this::read,
        Timer::id);
  }

  private Timer read(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String kind = rs.getString("kind");
    String token = rs.getString("lease_token");
    Optional<TimerLease> lease = token == null ? Optional.empty()
        : Optional.of(new TimerLease(rs.getString("lease_holder"), token,
            db.requireInstant(rs, "lease_until")));
    return new Timer(kind, id.substring(kind.length() + 1), LeadId.of(rs.getString("lead_id")),
        db.requireInstant(rs, "due_at"), rs.getString("payload"), rs.getInt("attempts"), lease);
  }

  private static String id(String kind, String key) {
    if (kind == null || key == null) {
      throw new InvalidValueException("kind and key must not be null");
    }
    return kind + ":" + key;
  }

  private List<Timer> query(Connection c, String sql, LeaseClaimer.Binder binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps, 1);
      List<Timer> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ schedule

  @Override
  public void schedule(Timer timer) {
    if (timer == null) {
      throw new InvalidValueException("timer must not be null");
    }
    scheduleAll(List.of(timer));
  }

  @Override
  public void scheduleAll(List<Timer> timers) {
    Map<String, Timer> byId = new LinkedHashMap<>();
    for (Timer t : TimerStore.checked(timers, "timers")) {
      byId.remove(t.id());
      byId.put(t.id(), t); // the last of one key wins
    }
    if (byId.isEmpty()) {
      return;
    }
    List<Timer> rows = new ArrayList<>(byId.values());
    rows.sort(Comparator.comparing(Timer::id)); // lock order
    db.tx("scheduling " + rows.size() + " timers", c -> upsertAll(c, rows));
  }

  /** Upserts {@code rows} (distinct ids, in id order) on {@code c}, in chunks. */
  int upsertAll(Connection c, List<Timer> rows) throws SQLException {
    int n = 0;
    for (int from = 0; from < rows.size(); from += CHUNK) {
      n += upsert(c, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
    }
    return n;
  }

  private int upsert(Connection c, List<Timer> chunk) throws SQLException {
    String values = String.join(", ", Collections.nCopies(chunk.size(),
        "(?, ?, ?, ?, ?, 0, NULL, NULL, NULL)"));
    String sql = switch (db.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + table + " (" + COLUMNS + ") VALUES " + values
          + " ON CONFLICT (id) DO UPDATE SET lead_id = EXCLUDED.lead_id,"
          + " due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, attempts = 0,"
          + " lease_holder = NULL, lease_token = NULL, lease_until = NULL";
      case MARIADB -> "INSERT INTO " + table + " (" + COLUMNS + ") VALUES " + values
          + " ON DUPLICATE KEY UPDATE lead_id = VALUES(lead_id), due_at = VALUES(due_at),"
          + " payload = VALUES(payload), attempts = 0, lease_holder = NULL,"
          + " lease_token = NULL, lease_until = NULL";
      case H2 -> "MERGE INTO " + table + " (" + COLUMNS + ") KEY (id) VALUES " + values;
    };
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Timer t : chunk) {
        ps.setString(i, t.id());
        ps.setString(i + 1, t.kind());
        ps.setString(i + 2, t.lead().value());
        db.setInstant(ps, i + 3, t.due());
        ps.setString(i + 4, t.payload());
        i += 5;
      }
      return ps.executeUpdate();
    }
  }

  @Override
  public boolean cancel(String kind, String key) {
    String id = id(kind, key);
    return db.tx("cancelling timer " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<Timer> find(String kind, String key) {
    String id = id(kind, key);
    return db.read("finding timer " + id, c -> query(c, "SELECT " + COLUMNS + " FROM " + table
        + " WHERE id = ?", (ps, i) -> {
          ps.setString(i, id);
          return i + 1;
        }).stream().findFirst());
  }

  // ------------------------------------------------------------------ claims

  @Override
  public List<Timer> claimDue(Instant now, int limit, Duration lease, String holder) {
    TimerStore.checkClaim(now, limit, lease, holder);
    String token = UUID.randomUUID().toString();
    Instant until = Db.truncate(now.plus(lease));
    TimerLease l = new TimerLease(holder, token, until);
    List<Timer> claimed = new ArrayList<>(claimer.claim("claiming due timers", limit,
        (ps, i) -> {
          db.setInstant(ps, i, now);
          db.setInstant(ps, i + 1, now);
          return i + 2;
        },
        "lease_holder = ?, lease_token = ?, lease_until = ?",
        (ps, i) -> {
          ps.setString(i, holder);
          ps.setString(i + 1, token);
          db.setInstant(ps, i + 2, until);
          return i + 3;
        },
        t -> new Timer(t.kind(), t.key(), t.lead(), t.due(), t.payload(), t.attempts(),
            Optional.of(l))));
    claimed.sort(ORDER);
    return claimed;
  }

  // ------------------------------------------------------------------ completion

  private static void checkHeld(Object timer, String token) {
    if (timer == null || token == null) {
      throw new InvalidValueException("timer(s) and token must not be null");
    }
  }

  @Override
  public boolean complete(Timer timer, String token) {
    checkHeld(timer, token);
    return !completeAll(List.of(timer), token).isEmpty();
  }

  @Override
  public Set<String> completeAll(List<Timer> timers, String token) {
    checkHeld(timers, token);
    List<String> ids = new ArrayList<>(TimerStore.checked(timers, "timers").stream()
        .map(Timer::id).distinct().sorted().toList());
    if (ids.isEmpty()) {
      return Set.of();
    }
    return db.tx("completing " + ids.size() + " timers", c -> {
      Set<String> done = new HashSet<>();
      if (db.dialect() == Dialect.POSTGRESQL) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
            + " WHERE id = ANY(?) AND lease_token = ? RETURNING id")) {
          ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
          ps.setString(2, token);
          readIds(ps, done);
        }
        return done;
      }
      if (db.dialect() == Dialect.MARIADB) {
        for (List<String> chunk : SqlLists.chunks(ids)) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id IN "
              + SqlLists.in(chunk.size()) + " AND lease_token = ? RETURNING id")) {
            int i = SqlLists.bind(ps, 1, chunk);
            ps.setString(i, token);
            readIds(ps, done);
          }
        }
        return done;
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE id = ? AND lease_token = ?")) {
        for (String id : ids) {
          ps.setString(1, id);
          ps.setString(2, token);
          if (ps.executeUpdate() == 1) {
            done.add(id);
          }
        }
      }
      return done;
    });
  }

  private static void readIds(PreparedStatement ps, Set<String> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(rs.getString(1));
      }
    }
  }

  @Override
  public Set<String> reschedule(List<Timer> timers, String token) {
    checkHeld(timers, token);
    Map<String, Timer> byId = new LinkedHashMap<>();
    for (Timer t : TimerStore.checked(timers, "timers")) {
      byId.put(t.id(), t);
    }
    if (byId.isEmpty()) {
      return Set.of();
    }
    List<Timer> rows = new ArrayList<>(byId.values());
    rows.sort(Comparator.comparing(Timer::id));
    return db.tx("rescheduling " + rows.size() + " timers", c -> {
      Set<String> done = new HashSet<>();
      if (db.dialect() == Dialect.POSTGRESQL) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] dues = new String[n];
        String[] payloads = new String[n];
        for (int k = 0; k < n; k++) {
          ids[k] = rows.get(k).id();
          dues[k] = Db.truncate(rows.get(k).due()).toString();
          payloads[k] = rows.get(k).payload();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET"
            + " due_at = v.due_at, payload = v.payload, attempts = 0, lease_holder = NULL,"
            + " lease_token = NULL, lease_until = NULL FROM unnest(CAST(? AS varchar[]),"
            + " CAST(? AS timestamptz[]), CAST(? AS varchar[])) AS v(id, due_at, payload)"
            + " WHERE t.id = v.id AND t.lease_token = ? RETURNING t.id")) {
          ps.setArray(1, c.createArrayOf("varchar", ids));
          ps.setArray(2, c.createArrayOf("varchar", dues));
          ps.setArray(3, c.createArrayOf("varchar", payloads));
          ps.setString(4, token);
          readIds(ps, done);
        }
        return done;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET due_at = ?,"
          + " payload = ?, attempts = 0, lease_holder = NULL, lease_token = NULL,"
          + " lease_until = NULL WHERE id = ? AND lease_token = ?")) {
        for (Timer t : rows) {
          db.setInstant(ps, 1, t.due());
          ps.setString(2, t.payload());
          ps.setString(3, t.id());
          ps.setString(4, token);
          if (ps.executeUpdate() == 1) {
            done.add(t.id());
          }
        }
      }
      return done;
    });
  }

  @Override
  public boolean release(Timer timer, String token, Instant retryAt) {
    checkHeld(timer, token);
    if (retryAt == null) {
      throw new InvalidValueException("retryAt must not be null");
    }
    return db.tx("releasing timer " + timer.id(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET due_at = ?,"
          + " attempts = attempts + 1, lease_holder = NULL, lease_token = NULL,"
          + " lease_until = NULL WHERE id = ? AND lease_token = ?")) {
        db.setInstant(ps, 1, retryAt);
        ps.setString(2, timer.id());
        ps.setString(3, token);
        return ps.executeUpdate() == 1;
      }
    });
  }

  // ------------------------------------------------------------------ reads and deletes

  @Override
  public List<Timer> findByLead(LeadId lead) {
    if (lead == null) {
      throw new InvalidValueException("lead must not be null");
    }
    return db.read("reading the timers of " + lead, c -> query(c, "SELECT " + COLUMNS
        + " FROM " + table + " WHERE lead_id = ? ORDER BY due_at, id", (ps, i) -> {
          ps.setString(i, lead.value());
          return i + 1;
        }));
  }

  @Override
  public int deleteLead(LeadId lead) {
    if (lead == null) {
      throw new InvalidValueException("lead must not be null");
    }
    return db.tx("deleting the timers of " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Timer> findOverdue(Instant before, int limit) {
    if (before == null || limit <= 0) {
      throw new InvalidValueException("findOverdue needs a time and a positive limit: " + before
          + ", " + limit);
    }
    return db.read("finding overdue timers", c -> query(c, "SELECT " + COLUMNS + " FROM "
        + table + " WHERE due_at < ? AND (lease_until IS NULL OR lease_until < ?)"
        + " ORDER BY due_at, id LIMIT ?", (ps, i) -> {
          db.setInstant(ps, i, before);
          db.setInstant(ps, i + 1, before);
          ps.setInt(i + 2, limit);
          return i + 3;
        }));
  }

  @Override
  public long count() {
    return db.read("counting timers", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
