package dev.leadkit.jdbc;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The side tables that make lead attributes, scores and consents queryable in SQL for segment
 * push-down ({@link SegmentSql}). The lead store replaces a lead's rows in the transaction of
 * every save and removes them on delete; the lead's JSON columns stay the source of truth.
 */
final class PredicateTables {
  static final String TEXT = "TEXT";
  static final String LIST = "LIST";
  static final String NUMBER = "NUMBER";
  static final String BOOLEAN = "BOOLEAN";
  static final String DATE = "DATE";
  static final String INSTANT = "INSTANT";

  private final Db db;
  private final Tables tables;

  PredicateTables(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  void replace(Connection c, List<Lead> leads) throws SQLException {
    replace(c, leads, leads, leads);
  }

  /**
   * Replaces the attribute rows of {@code attributes}, the score rows of {@code scores} and the
   * consent rows of {@code consents}: the parts of a lead that did not change are not written.
   */
  void replace(Connection c, List<Lead> attributes, List<Lead> scores, List<Lead> consents)
      throws SQLException {
    deleteRows(c, tables.leadAttributes(), attributes);
    deleteRows(c, tables.leadScores(), scores);
    deleteRows(c, tables.leadConsents(), consents);
    if (!attributes.isEmpty()) {
      insertAttributes(c, attributes);
    }
    if (!scores.isEmpty()) {
      insertScores(c, scores);
    }
    if (!consents.isEmpty()) {
      insertConsents(c, consents);
    }
  }

  private static void deleteRows(Connection c, String table, List<Lead> leads)
      throws SQLException {
    List<String> ids = leads.stream().map(l -> l.id().value()).sorted().toList();
    for (List<String> chunk : SqlLists.chunks(ids)) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE lead_id IN " + SqlLists.in(chunk.size()))) {
        SqlLists.bind(ps, 1, chunk);
        ps.executeUpdate();
      }
    }
  }

  void delete(Connection c, LeadId lead) throws SQLException {
    for (String table : List.of(tables.leadAttributes(), tables.leadScores(),
        tables.leadConsents())) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        ps.executeUpdate();
      }
    }
  }

  private void insertAttributes(Connection c, List<Lead> leads) throws SQLException {
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.leadAttributes()
        + " (lead_id, attr_key, seq, kind, text_value, num_value, bool_value, date_value,"
        + " instant_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Lead l : leads) {
        for (Map.Entry<AttributeKey, AttributeValue> e : l.attributes().asMap().entrySet()) {
          AttributeValue v = e.getValue();
          if (v instanceof AttributeValue.TextList list) {
            for (int i = 0; i < list.values().size(); i++) {
              row(ps, l, e.getKey(), i, LIST);
              ps.setString(5, list.values().get(i));
              ps.addBatch();
              rows++;
            }
            continue;
          }
          if (v instanceof AttributeValue.Text t) {
            row(ps, l, e.getKey(), 0, TEXT);
            ps.setString(5, t.value());
          } else if (v instanceof AttributeValue.Num n) {
            row(ps, l, e.getKey(), 0, NUMBER);
            ps.setBigDecimal(6, n.value());
          } else if (v instanceof AttributeValue.Bool b) {
            row(ps, l, e.getKey(), 0, BOOLEAN);
            ps.setBoolean(7, b.value());
          } else if (v instanceof AttributeValue.Date d) {
            row(ps, l, e.getKey(), 0, DATE);
            ps.setObject(8, d.value());
          } else if (v instanceof AttributeValue.Timestamp t) {
            row(ps, l, e.getKey(), 0, INSTANT);
            ps.setObject(8, LocalDate.ofInstant(t.value(), ZoneOffset.UTC));
            db.setInstant(ps, 9, t.value());
          } else {
            throw new JdbcException("unknown attribute value kind: " + v);
          }
          ps.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
  }

  private void row(PreparedStatement ps, Lead l, AttributeKey key, int seq, String kind)
      throws SQLException {
    ps.setString(1, l.id().value());
    ps.setString(2, key.name());
    ps.setInt(3, seq);
    ps.setString(4, kind);
    ps.setNull(5, Types.VARCHAR);
    ps.setNull(6, Types.DECIMAL);
    ps.setNull(7, Types.BOOLEAN);
    ps.setNull(8, Types.DATE);
    db.setInstant(ps, 9, null);
  }

  private void insertScores(Connection c, List<Lead> leads) throws SQLException {
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.leadScores()
        + " (lead_id, model, score_value, band) VALUES (?, ?, ?, ?)")) {
      for (Lead l : leads) {
        for (Map.Entry<String, Score> e : l.scores().entrySet()) {
          ps.setString(1, l.id().value());
          ps.setString(2, e.getKey());
          ps.setDouble(3, e.getValue().value());
          JdbcTouchpointLog.setNullable(ps, 4, e.getValue().band());
          ps.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
  }

  private void insertConsents(Connection c, List<Lead> leads) throws SQLException {
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.leadConsents()
        + " (lead_id, channel, status) VALUES (?, ?, ?)")) {
      for (Lead l : leads) {
        for (Map.Entry<Channel, ConsentRecord> e : l.consents().entrySet()) {
          ps.setString(1, l.id().value());
          ps.setString(2, e.getKey().name());
          ps.setString(3, e.getValue().status().name());
          ps.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
  }
}
