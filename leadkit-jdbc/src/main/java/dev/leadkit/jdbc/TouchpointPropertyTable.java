package dev.leadkit.jdbc;

import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The touchpoint property side table for segment push-down: one row per property of every
 * touchpoint actually inserted, with the value reduced to its path for URL globs. Written in
 * the transaction of the append (also after a PostgreSQL COPY), removed with the touchpoint.
 * A value that is a number ({@link PropertyFilter.Compare#numberOf}) is also kept as a decimal.
 */
final class TouchpointPropertyTable {
  /** Rows per batch (one bulk command on MariaDB). */
  private static final int BATCH = 5_000;

  private final Tables tables;

  TouchpointPropertyTable(Tables tables) {
    this.tables = tables;
  }

  /** Inserts the properties of the touchpoints among {@code rows} whose id is in inserted. */
  Set<String> insert(Connection c, List<Touchpoint> rows, Set<String> inserted)
      throws SQLException {
    int batch = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO "
        + tables.touchpointProperties()
        + " (touchpoint_id, prop_key, prop_value, path_value, num_value)"
        + " VALUES (?, ?, ?, ?, ?)")) {
      for (Touchpoint t : rows) {
        if (!inserted.contains(t.id().value())) {
          continue;
        }
        for (Map.Entry<PropertyKey, String> e : t.properties().entrySet()) {
          ps.setString(1, t.id().value());
          ps.setString(2, e.getKey().name());
          ps.setString(3, e.getValue());
          ps.setString(4, PropertyFilter.Matches.pathOf(e.getValue()));
          BigDecimal number = PropertyFilter.Compare.numberOf(e.getValue());
          if (number == null) {
            ps.setNull(5, Types.DECIMAL);
          } else {
            ps.setBigDecimal(5, number);
          }
          ps.addBatch();
          if (++batch == BATCH) {
            ps.executeBatch();
            batch = 0;
          }
        }
      }
      if (batch > 0) {
        ps.executeBatch();
      }
    }
    return inserted;
  }

  void delete(Connection c, List<String> touchpointIds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.touchpointProperties()
        + " WHERE touchpoint_id IN " + SqlLists.in(touchpointIds.size()))) {
      SqlLists.bind(ps, 1, touchpointIds);
      ps.executeUpdate();
    }
  }
}
