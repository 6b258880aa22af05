package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.json.IdentityJson;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.MergeRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The merge log: key columns for lookups plus the whole record, before-images included, as JSON
 * in the core's format ({@link IdentityJson}). Undo is a compare-and-set on the {@code undone}
 * column.
 */
final class JdbcMergeLog implements MergeLog {
  private final Db db;
  private final Tables tables;
  private final AbsentInserter<MergeRecord> inserter;

  JdbcMergeLog(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.inserter = new AbsentInserter<>(db, tables.merges(), "id", List.of("id",
        "survivor_id", "merged_id", "merged_at", "undone", "record"),
        "(?, ?, ?, ?, ?, " + db.json() + ")", r -> r.id().value(), (ps, i, r) -> {
          ps.setString(i, r.id().value());
          ps.setString(i + 1, r.survivor().value());
          ps.setString(i + 2, r.merged().value());
          db.setInstant(ps, i + 3, r.at());
          ps.setBoolean(i + 4, r.isUndone());
          ps.setString(i + 5, json(r));
          return i + 6;
        });
  }

  private static String json(MergeRecord r) {
    return LeadkitJson.write(IdentityJson.mergeRecord(r));
  }

  private static MergeRecord parse(String json) {
    return IdentityJson.mergeRecord(LeadkitJson.parse(json));
  }

  @Override
  public boolean append(MergeRecord record) {
    if (record == null) {
      throw new InvalidValueException("merge record must not be null");
    }
    return !db.txInsertingAbsent("appending merge " + record.id(),
        c -> inserter.insert(c, List.of(record))).isEmpty();
  }

  @Override
  public Optional<MergeRecord> find(MergeId id) {
    return db.read("finding merge " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM " + tables.merges()
          + " WHERE id = ?")) {
        ps.setString(1, id.value());
        return readAll(ps).stream().findFirst();
      }
    });
  }

  @Override
  public List<MergeRecord> findByLead(LeadId lead) {
    return db.read("finding merges of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM " + tables.merges()
          + " WHERE survivor_id = ? OR merged_id = ? ORDER BY merged_at, id")) {
        ps.setString(1, lead.value());
        ps.setString(2, lead.value());
        return readAll(ps);
      }
    });
  }

  @Override
  public boolean markUndone(MergeId id, MergeRecord.Undo undo) {
    if (id == null || undo == null) {
      throw new InvalidValueException("merge id and undo must not be null");
    }
    return db.tx("marking merge " + id + " undone", c -> {
      MergeRecord current;
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM " + tables.merges()
          + " WHERE id = ? AND undone = ?")) {
        ps.setString(1, id.value());
        ps.setBoolean(2, false);
        List<MergeRecord> found = readAll(ps);
        if (found.isEmpty()) {
          return false;
        }
        current = found.get(0);
      }
      // compare-and-set: of two concurrent undos only one still finds undone = false
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.merges()
          + " SET undone = ?, record = " + db.json() + " WHERE id = ? AND undone = ?")) {
        ps.setBoolean(1, true);
        ps.setString(2, json(current.withUndo(undo)));
        ps.setString(3, id.value());
        ps.setBoolean(4, false);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int deleteInvolving(LeadId lead) {
    return db.tx("deleting merges of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.merges()
          + " WHERE survivor_id = ? OR merged_id = ?")) {
        ps.setString(1, lead.value());
        ps.setString(2, lead.value());
        return ps.executeUpdate();
      }
    });
  }

  private static List<MergeRecord> readAll(PreparedStatement ps) throws SQLException {
    List<MergeRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(parse(rs.getString(1)));
      }
    }
    return out;
  }
}
