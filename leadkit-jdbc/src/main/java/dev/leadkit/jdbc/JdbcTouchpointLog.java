package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The touchpoint log on one table (plus the push-down property table). Appends are idempotent
 * inserts in one transaction, property rows only for the touchpoints actually inserted: on
 * PostgreSQL one array statement writing both tables ({@link PgArrayIngest}), or
 * {@link PgCopyIngest} for batches of at least the COPY threshold; elsewhere
 * {@link AbsentInserter} (bulk inserts on MariaDB) followed by
 * the property rows. Times are kept to the microsecond: the returned and stored copies carry
 * the truncated time.
 */
final class JdbcTouchpointLog implements TouchpointLog {
  static final List<String> COLUMNS = List.of("id", "lead_id", "visitor_id", "type",
      "occurred_at", "channel", "properties");
  private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM ";

  private final Db db;
  private final Tables tables;
  private final DocumentCodec codec;
  private final AbsentInserter<Touchpoint> inserter;
  private final int copyThreshold;
  private final TouchpointPropertyTable properties;
  private final PgArrayIngest arrays;

  JdbcTouchpointLog(Db db, Tables tables, DocumentCodec codec, int copyThreshold) {
    this.db = db;
    this.tables = tables;
    this.codec = codec;
    this.copyThreshold = copyThreshold;
    this.properties = new TouchpointPropertyTable(tables);
    this.arrays = new PgArrayIngest(tables, codec);
    this.inserter = new AbsentInserter<>(db, tables.touchpoints(), "id", COLUMNS,
        "(?, ?, ?, ?, ?, ?, " + db.json() + ")", t -> t.id().value(), this::bind).bulk();
  }

  /** The database and tables this store works on (for set-based work across stores). */
  Db db() {
    return db;
  }

  /** The table names this store uses. */
  Tables tables() {
    return tables;
  }

  private int bind(PreparedStatement ps, int i, Touchpoint t) throws SQLException {
    ps.setString(i, t.id().value());
    setNullable(ps, i + 1, t.lead().map(LeadId::value));
    setNullable(ps, i + 2, t.visitor().map(VisitorId::value));
    ps.setString(i + 3, t.type().name());
    db.setInstant(ps, i + 4, t.at());
    ps.setString(i + 5, t.channel().name());
    ps.setString(i + 6, codec.writeProperties(t.properties()));
    return i + 7;
  }

  static void setNullable(PreparedStatement ps, int i, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setString(i, value.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  /** The stored form: time truncated to what the database keeps. */
  static Touchpoint stored(Touchpoint t) {
    Instant at = Db.truncate(t.at());
    return at.equals(t.at()) ? t
        : new Touchpoint(t.id(), t.lead(), t.visitor(), t.type(), at, t.channel(),
            t.properties());
  }

  @Override
  public boolean append(Touchpoint touchpoint) {
    return !appendAll(List.of(touchpoint)).isEmpty();
  }

  @Override
  public List<Touchpoint> appendAll(Collection<Touchpoint> touchpoints) {
    if (touchpoints == null) {
      throw new InvalidValueException("touchpoints must not be null");
    }
    Map<TouchpointId, Touchpoint> distinct = new LinkedHashMap<>();
    for (Touchpoint t : touchpoints) {
      if (t == null) {
        throw new InvalidValueException("touchpoint batch contains null");
      }
      distinct.putIfAbsent(t.id(), stored(t));
    }
    if (distinct.isEmpty()) {
      return List.of();
    }
    List<Touchpoint> rows = List.copyOf(distinct.values());
    boolean copy = db.dialect() == Dialect.POSTGRESQL && rows.size() >= copyThreshold
        && PgCopyIngest.available();
    Set<String> inserted = db.txInsertingAbsent("appending " + rows.size() + " touchpoints",
        c -> {
          if (copy && PgCopyIngest.supports(c)) {
            return properties.insert(c, rows, new PgCopyIngest(tables, codec).ingest(c, rows));
          }
          if (db.dialect() == Dialect.POSTGRESQL) {
            return arrays.ingest(c, rows);
          }
          return properties.insert(c, rows, inserter.insert(c, rows));
        });
    List<Touchpoint> out = new ArrayList<>(inserted.size());
    for (Touchpoint t : rows) {
      if (inserted.contains(t.id().value())) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public Optional<Touchpoint> findById(TouchpointId id) {
    return db.read("finding touchpoint " + id, c -> {
      List<Touchpoint> l = query(c, SELECT + tables.touchpoints() + " WHERE id = ?",
          List.of(id.value()), List.of());
      return l.stream().findFirst();
    });
  }

  @Override
  public List<Touchpoint> findByLead(LeadId lead, TouchpointQuery query) {
    StringBuilder sql = new StringBuilder(SELECT).append(tables.touchpoints())
        .append(" WHERE lead_id = ?");
    List<Instant> times = new ArrayList<>();
    if (query.from().isPresent()) {
      sql.append(" AND occurred_at >= ?");
      times.add(query.from().get());
    }
    if (query.to().isPresent()) {
      sql.append(" AND occurred_at < ?");
      times.add(query.to().get());
    }
    List<String> types = query.types().stream().map(TouchpointType::name).sorted().toList();
    if (!types.isEmpty()) {
      sql.append(" AND type IN (").append("?, ".repeat(types.size() - 1)).append("?)");
    }
    sql.append(" ORDER BY occurred_at, id");
    return db.read("reading touchpoints of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        ps.setString(i++, lead.value());
        for (Instant t : times) {
          db.setInstant(ps, i++, t);
        }
        for (String type : types) {
          ps.setString(i++, type);
        }
        return readAll(ps);
      }
    });
  }

  @Override
  public List<Touchpoint> findByVisitor(VisitorId visitor) {
    return db.read("reading touchpoints of visitor " + visitor, c -> query(c,
        SELECT + tables.touchpoints() + " WHERE visitor_id = ? ORDER BY occurred_at, id",
        List.of(visitor.value()), List.of()));
  }

  @Override
  public int attributeVisitor(VisitorId visitor, LeadId lead) {
    return db.tx("attributing visitor " + visitor + " to lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.touchpoints()
          + " SET lead_id = ? WHERE visitor_id = ? AND lead_id IS NULL")) {
        ps.setString(1, lead.value());
        ps.setString(2, visitor.value());
        return ps.executeUpdate();
      }
    });
  }

  /** Largest IN list sent in one statement; longer id lists are chunked inside one transaction. */
  private static final int IN_CHUNK = 500;

  private static String inList(int n) {
    return "(" + "?, ".repeat(n - 1) + "?)";
  }

  @Override
  public int reassign(Collection<TouchpointId> ids, Optional<LeadId> lead) {
    if (ids == null || lead == null) {
      throw new InvalidValueException("ids and lead must not be null");
    }
    List<String> all = ids.stream().map(TouchpointId::value).distinct().toList();
    if (all.isEmpty()) {
      return 0;
    }
    return db.tx("reassigning " + all.size() + " touchpoints to " + lead.orElse(null), c -> {
      if (lead.isEmpty()) {
        // refuse before writing anything: a touchpoint without a visitor cannot lose its lead
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
          List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
          try (PreparedStatement ps = c.prepareStatement("SELECT id, lead_id FROM "
              + tables.touchpoints() + " WHERE id IN " + inList(chunk.size())
              + " AND visitor_id IS NULL AND lead_id IS NOT NULL")) {
            for (int j = 0; j < chunk.size(); j++) {
              ps.setString(j + 1, chunk.get(j));
            }
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                throw new InvalidValueException("touchpoint " + rs.getString(1)
                    + " has no visitor, so it cannot be detached from lead " + rs.getString(2));
              }
            }
          }
        }
      }
      int changed = 0;
      for (int i = 0; i < all.size(); i += IN_CHUNK) {
        List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
        String sql = lead.isPresent()
            ? "UPDATE " + tables.touchpoints() + " SET lead_id = ? WHERE id IN "
                + inList(chunk.size()) + " AND (lead_id IS NULL OR lead_id <> ?)"
            : "UPDATE " + tables.touchpoints() + " SET lead_id = NULL WHERE id IN "
                + inList(chunk.size()) + " AND lead_id IS NOT NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int k = 1;
          if (lead.isPresent()) {
            ps.setString(k++, lead.get().value());
          }
          for (String id : chunk) {
            ps.setString(k++, id);
          }
          if (lead.isPresent()) {
            ps.setString(k, lead.get().value());
          }
          changed += ps.executeUpdate();
        }
      }
      return changed;
    });
  }

  @Override
  public int deleteAll(Collection<TouchpointId> ids) {
    if (ids == null) {
      throw new InvalidValueException("ids must not be null");
    }
    List<String> all = ids.stream().map(TouchpointId::value).distinct().toList();
    if (all.isEmpty()) {
      return 0;
    }
    return db.tx("deleting " + all.size() + " touchpoints", c -> {
      int deleted = 0;
      for (int i = 0; i < all.size(); i += IN_CHUNK) {
        List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.touchpoints()
            + " WHERE id IN " + inList(chunk.size()))) {
          for (int j = 0; j < chunk.size(); j++) {
            ps.setString(j + 1, chunk.get(j));
          }
          properties.delete(c, chunk);
          deleted += ps.executeUpdate();
        }
      }
      return deleted;
    });
  }

  @Override
  public long count() {
    return db.read("counting touchpoints", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
          + tables.touchpoints()); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private List<Touchpoint> query(Connection c, String sql, List<String> strings,
      List<Instant> instants) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String s : strings) {
        ps.setString(i++, s);
      }
      for (Instant t : instants) {
        db.setInstant(ps, i++, t);
      }
      return readAll(ps);
    }
  }

  private List<Touchpoint> readAll(PreparedStatement ps) throws SQLException {
    List<Touchpoint> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  private Touchpoint read(ResultSet rs) throws SQLException {
    String lead = rs.getString("lead_id");
    String visitor = rs.getString("visitor_id");
    return new Touchpoint(TouchpointId.of(rs.getString("id")),
        Optional.ofNullable(lead).map(LeadId::of), Optional.ofNullable(visitor).map(VisitorId::of),
        TouchpointType.of(rs.getString("type")), db.requireInstant(rs, "occurred_at"),
        Channel.of(rs.getString("channel")), codec.readProperties(rs.getString("properties")));
  }
}
