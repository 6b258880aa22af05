package dev.leadkit.jdbc;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.StageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The {@code lead_stage_changes} table: each lead's stage history as one row per change, written
 * by {@link JdbcLeadStore} inside the transaction of every save (and emptied on delete), so that
 * {@link JdbcMeasurementSource} can count transitions with set-based SQL. The rows of a saved
 * lead are replaced as a whole (a merge may rewrite the history), or, when the store knows the
 * copy the lead was derived from and the history only grew, the new changes are appended.
 */
final class StageChangeTable {
  private final Db db;
  private final Tables tables;

  StageChangeTable(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  /**
   * Adds, for each lead of {@code from}, the changes of its history from the given index on: the
   * rows before it are stored already (the history only grew).
   */
  void append(Connection c, Map<Lead, Integer> from) throws SQLException {
    if (from.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql())) {
      for (Map.Entry<Lead, Integer> e : from.entrySet()) {
        List<StageChange> history = e.getKey().stageHistory();
        for (int i = e.getValue(); i < history.size(); i++) {
          bindRow(ps, e.getKey(), i, history.get(i));
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private String insertSql() {
    return "INSERT INTO " + tables.leadStageChanges()
        + " (lead_id, seq, from_stage, to_stage, from_rank, to_rank, changed_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  }

  private void bindRow(PreparedStatement ps, Lead l, int seq, StageChange ch)
      throws SQLException {
    ps.setString(1, l.id().value());
    ps.setInt(2, seq);
    ps.setString(3, ch.from().name());
    ps.setString(4, ch.to().name());
    ps.setInt(5, ch.from().rank());
    ps.setInt(6, ch.to().rank());
    db.setInstant(ps, 7, ch.at());
  }

  /** Replaces the rows of every lead of {@code leads} with its current stage history. */
  void replace(Connection c, List<Lead> leads) throws SQLException {
    if (leads.isEmpty()) {
      return;
    }
    List<String> ids = leads.stream().map(l -> l.id().value()).sorted().toList();
    for (List<String> chunk : SqlLists.chunks(ids)) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.leadStageChanges()
          + " WHERE lead_id IN " + SqlLists.in(chunk.size()))) {
        SqlLists.bind(ps, 1, chunk);
        ps.executeUpdate();
      }
    }
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement(insertSql())) {
      for (Lead l : leads) {
        List<StageChange> history = l.stageHistory();
        for (int i = 0; i < history.size(); i++) {
          bindRow(ps, l, i, history.get(i));
          ps.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
  }

  /** Removes the rows of {@code lead}. */
  void delete(Connection c, LeadId lead) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.leadStageChanges()
        + " WHERE lead_id = ?")) {
      ps.setString(1, lead.value());
      ps.executeUpdate();
    }
  }
}
