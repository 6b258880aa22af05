package dev.leadkit.jdbc;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.VisitorId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Touchpoint ingest on PostgreSQL in one statement per chunk: the rows and their push-down
 * property rows travel as text arrays, and one data-modifying CTE inserts the touchpoints
 * ({@code ON CONFLICT (id) DO NOTHING RETURNING id}) and the property rows of exactly the
 * touchpoints that statement inserted. A touchpoint and its property rows are therefore written
 * by the same statement (and the caller's transaction), and an existing id adds neither.
 * Plain JDBC ({@code createArrayOf}); no driver-specific API.
 */
final class PgArrayIngest {
  /** Rows per statement; a chunk of this size is a few MB of array text. */
  static final int CHUNK = 20_000;

  private final DocumentCodec codec;
  private final String sql;

  PgArrayIngest(Tables tables, DocumentCodec codec) {
    this.codec = codec;
    String cols = String.join(", ", JdbcTouchpointLog.COLUMNS);
    this.sql = "WITH ins AS (INSERT INTO " + tables.touchpoints() + " (" + cols + ")"
        + " SELECT s.id, s.lead_id, s.visitor_id, s.type, CAST(s.occurred_at AS timestamptz),"
        + " s.channel, CAST(s.properties AS jsonb)"
        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
        + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
        + " AS s(id, lead_id, visitor_id, type, occurred_at, channel, properties)"
        + " ON CONFLICT (id) DO NOTHING RETURNING id),"
        + " side AS (INSERT INTO " + tables.touchpointProperties()
        + " (touchpoint_id, prop_key, prop_value, path_value, num_value)"
        + " SELECT p.touchpoint_id, p.prop_key, p.prop_value, p.path_value,"
        + " CAST(p.num_value AS numeric)"
        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
        + " CAST(? AS text[]), CAST(? AS text[]))"
        + " AS p(touchpoint_id, prop_key, prop_value, path_value, num_value)"
        + " JOIN ins ON ins.id = p.touchpoint_id)"
        + " SELECT id FROM ins";
  }

  /**
   * Inserts the absent {@code rows} (distinct ids) with their property rows; returns the ids
   * inserted. Rows go in id order, so that concurrent batches lock ids in the same order.
   */
  Set<String> ingest(Connection c, List<Touchpoint> given) throws SQLException {
    List<Touchpoint> rows = new ArrayList<>(given);
    rows.sort(Comparator.comparing(t -> t.id().value()));
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Touchpoint> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(c, ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getString(1));
          }
        }
      }
    }
    return inserted;
  }

  private void bind(Connection c, PreparedStatement ps, List<Touchpoint> chunk)
      throws SQLException {
    int n = chunk.size();
    String[] id = new String[n];
    String[] lead = new String[n];
    String[] visitor = new String[n];
    String[] type = new String[n];
    String[] at = new String[n];
    String[] channel = new String[n];
    String[] props = new String[n];
    int sideRows = 0;
    for (int i = 0; i < n; i++) {
      Touchpoint t = chunk.get(i);
      id[i] = t.id().value();
      lead[i] = t.lead().map(LeadId::value).orElse(null);
      visitor[i] = t.visitor().map(VisitorId::value).orElse(null);
      type[i] = t.type().name();
      at[i] = t.at().toString();
      channel[i] = t.channel().name();
      props[i] = codec.writeProperties(t.properties());
      sideRows += t.properties().size();
    }
    String[] sideId = new String[sideRows];
    String[] sideKey = new String[sideRows];
    String[] sideValue = new String[sideRows];
    String[] sidePath = new String[sideRows];
    String[] sideNumber = new String[sideRows];
    int k = 0;
    for (Touchpoint t : chunk) {
      for (Map.Entry<PropertyKey, String> e : t.properties().entrySet()) {
        sideId[k] = t.id().value();
        sideKey[k] = e.getKey().name();
        sideValue[k] = e.getValue();
        sidePath[k] = PropertyFilter.Matches.pathOf(e.getValue());
        sideNumber[k] = PropertyFilter.Compare.isNumber(e.getValue()) ? e.getValue() : null;
        k++;
      }
    }
    String[][] all = {id, lead, visitor, type, at, channel, props, sideId, sideKey, sideValue,
        sidePath, sideNumber};
    for (int i = 0; i < all.length; i++) {
      Array a = c.createArrayOf("text", all[i]);
      ps.setArray(i + 1, a);
    }
  }
}
