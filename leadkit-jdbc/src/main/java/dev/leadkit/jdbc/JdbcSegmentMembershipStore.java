package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.segment.SegmentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Segment members as (segment, lead, entered_at) rows and the re-check schedule as (segment,
 * lead, check_at) rows. A batch of changes is reduced per (segment, lead) to its net effect (a
 * delete if it holds an exit, then an insert-if-absent of the first entry after the last exit),
 * which equals applying the changes one by one, and written in one transaction.
 */
final class JdbcSegmentMembershipStore implements SegmentMembershipStore {
  private final Db db;
  private final Tables tables;
  private final PairWriter members;

  JdbcSegmentMembershipStore(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.members = new PairWriter(db, tables.segmentMembers(), "segment_id", "entered_at");
  }

  /** The database and tables this store works on (for set-based work across stores). */
  Db db() {
    return db;
  }

  /** The table names this store uses. */
  Tables tables() {
    return tables;
  }

  @Override
  public Optional<Instant> memberSince(SegmentId segment, LeadId lead) {
    return db.read("reading membership of " + lead + " in " + segment, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT entered_at FROM "
          + tables.segmentMembers() + " WHERE segment_id = ? AND lead_id = ?")) {
        ps.setString(1, segment.value());
        ps.setString(2, lead.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(db.requireInstant(rs, "entered_at")) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Set<SegmentId> segmentsOf(LeadId lead) {
    return db.read("reading the segments of " + lead, c -> {
      List<SegmentId> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT segment_id FROM "
          + tables.segmentMembers() + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(SegmentId.of(rs.getString(1)));
          }
        }
      }
      return Set.copyOf(out);
    });
  }

  @Override
  public List<LeadId> members(SegmentId segment, @Nullable LeadId after, int limit) {
    return MemberQueries.page(db, tables.segmentMembers(), "segment_id", segment.value(), after,
        limit, "segment " + segment);
  }

  @Override
  public long count(SegmentId segment) {
    return MemberQueries.count(db, tables.segmentMembers(), "segment_id", segment.value(),
        "segment " + segment);
  }

  /** The net effect of a batch on one (segment, lead). */
  private static final class Net {
    boolean delete;
    @Nullable Instant insertAt;
  }

  @Override
  public void apply(Collection<Change> changes) {
    if (changes == null) {
      throw new InvalidValueException("membership changes must not be null");
    }
    // segment -> lead -> net effect, both sorted for a stable lock order
    Map<String, TreeMap<String, Net>> net = new TreeMap<>();
    for (Change ch : changes) {
      if (ch == null) {
        throw new InvalidValueException("membership changes must not contain null");
      }
      Net n = net.computeIfAbsent(ch.segment().value(), k -> new TreeMap<>())
          .computeIfAbsent(ch.lead().value(), k -> new Net());
      if (ch.entered()) {
        if (n.insertAt == null) {
          n.insertAt = ch.at();
        }
      } else {
        n.delete = true;
        n.insertAt = null;
      }
    }
    if (net.isEmpty()) {
      return;
    }
    db.txInsertingAbsent("applying " + changes.size() + " membership changes", SqlWork.of(c -> {
      for (Map.Entry<String, TreeMap<String, Net>> seg : net.entrySet()) {
        List<String> deletes = new ArrayList<>();
        Map<Instant, List<String>> inserts = new LinkedHashMap<>();
        seg.getValue().forEach((lead, n) -> {
          if (n.delete) {
            deletes.add(lead);
          }
          if (n.insertAt != null) {
            inserts.computeIfAbsent(n.insertAt, k -> new ArrayList<>()).add(lead);
          }
        });
        if (!deletes.isEmpty()) {
          members.delete(c, seg.getKey(), deletes);
        }
        for (Map.Entry<Instant, List<String>> e : inserts.entrySet()) {
          members.insertAbsent(c, seg.getKey(), e.getValue(), e.getKey());
        }
      }
    }));
  }

  @Override
  public void schedule(SegmentId segment, LeadId lead, Optional<Instant> at) {
    if (segment == null || lead == null || at == null) {
      throw new InvalidValueException("schedule arguments must not be null");
    }
    db.txInsertingAbsent("scheduling " + lead + " in " + segment, SqlWork.of(c -> {
      delete(c, "DELETE FROM " + tables.segmentChecks() + " WHERE segment_id = ? AND lead_id = ?",
          segment.value(), lead.value());
      if (at.isPresent()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.segmentChecks()
            + " (segment_id, lead_id, check_at) VALUES (?, ?, ?)")) {
          ps.setString(1, segment.value());
          ps.setString(2, lead.value());
          db.setInstant(ps, 3, at.get());
          ps.executeUpdate();
        }
      }
    }));
  }

  /**
   * Reduces the batch to the last entry per (segment, lead), then in one transaction deletes
   * those pairs' rows and inserts the new times, both as JDBC batches in (segment, lead) order.
   */
  @Override
  public void scheduleAll(Collection<Reschedule> entries) {
    if (entries == null) {
      throw new InvalidValueException("schedule entries must not be null");
    }
    Map<String, TreeMap<String, Optional<Instant>>> last = new TreeMap<>();
    for (Reschedule r : entries) {
      if (r == null) {
        throw new InvalidValueException("schedule entries must not contain null");
      }
      last.computeIfAbsent(r.segment().value(), k -> new TreeMap<>())
          .put(r.lead().value(), r.at());
    }
    if (last.isEmpty()) {
      return;
    }
    db.txInsertingAbsent("scheduling " + entries.size() + " segment checks", SqlWork.of(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + tables.segmentChecks()
          + " WHERE segment_id = ? AND lead_id = ?")) {
        for (Map.Entry<String, TreeMap<String, Optional<Instant>>> seg : last.entrySet()) {
          for (String lead : seg.getValue().keySet()) {
            del.setString(1, seg.getKey());
            del.setString(2, lead);
            del.addBatch();
          }
        }
        del.executeBatch();
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + tables.segmentChecks()
          + " (segment_id, lead_id, check_at) VALUES (?, ?, ?)")) {
        int n = 0;
        for (Map.Entry<String, TreeMap<String, Optional<Instant>>> seg : last.entrySet()) {
          for (Map.Entry<String, Optional<Instant>> e : seg.getValue().entrySet()) {
            if (e.getValue().isPresent()) {
              ins.setString(1, seg.getKey());
              ins.setString(2, e.getKey());
              db.setInstant(ins, 3, e.getValue().get());
              ins.addBatch();
              n++;
            }
          }
        }
        if (n > 0) {
          ins.executeBatch();
        }
      }
    }));
  }

  @Override
  public Optional<Instant> scheduled(SegmentId segment, LeadId lead) {
    return db.read("reading the schedule of " + lead + " in " + segment, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT check_at FROM "
          + tables.segmentChecks() + " WHERE segment_id = ? AND lead_id = ?")) {
        ps.setString(1, segment.value());
        ps.setString(2, lead.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(db.requireInstant(rs, "check_at")) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Check> due(Instant now, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return db.read("reading due segment checks", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT segment_id, lead_id, check_at FROM "
          + tables.segmentChecks() + " WHERE check_at <= ? ORDER BY check_at, segment_id, "
          + "lead_id LIMIT ?")) {
        db.setInstant(ps, 1, now);
        ps.setInt(2, limit);
        List<Check> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Check(SegmentId.of(rs.getString(1)), LeadId.of(rs.getString(2)),
                db.requireInstant(rs, "check_at")));
          }
        }
        return out;
      }
    });
  }

  @Override
  public long clearSegment(SegmentId segment) {
    return db.tx("clearing " + segment, c -> {
      int n = delete(c, "DELETE FROM " + tables.segmentMembers() + " WHERE segment_id = ?",
          segment.value());
      delete(c, "DELETE FROM " + tables.segmentChecks() + " WHERE segment_id = ?",
          segment.value());
      return (long) n;
    });
  }

  @Override
  public void forgetLead(LeadId lead) {
    db.tx("forgetting " + lead + " in segments", SqlWork.of(c -> {
      delete(c, "DELETE FROM " + tables.segmentMembers() + " WHERE lead_id = ?", lead.value());
      delete(c, "DELETE FROM " + tables.segmentChecks() + " WHERE lead_id = ?", lead.value());
    }));
  }

  private static int delete(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      return ps.executeUpdate();
    }
  }
}
