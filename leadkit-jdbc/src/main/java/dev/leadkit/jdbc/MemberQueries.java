package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a membership table keyed by (group, lead): keyset pages of leads and counts. Shared by
 * segment membership and static lists.
 */
final class MemberQueries {
  private MemberQueries() {}

  /** Up to {@code limit} leads of the group after {@code after}, in lead id order. */
  static List<LeadId> page(Db db, String table, String groupColumn, String group,
      @Nullable LeadId after, int limit, String what) {
    if (limit < 0) {
      throw new InvalidValueException("limit must not be negative: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return db.read("reading members of " + what, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM " + table + " WHERE "
          + groupColumn + " = ?" + (after == null ? "" : " AND lead_id > ?")
          + " ORDER BY lead_id LIMIT ?")) {
        int i = 1;
        ps.setString(i++, group);
        if (after != null) {
          ps.setString(i++, after.value());
        }
        ps.setInt(i, limit);
        List<LeadId> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(LeadId.of(rs.getString(1)));
          }
        }
        return out;
      }
    });
  }

  /** How many leads the group has. */
  static long count(Db db, String table, String groupColumn, String group, String what) {
    return db.read("counting members of " + what, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table
          + " WHERE " + groupColumn + " = ?")) {
        ps.setString(1, group);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
