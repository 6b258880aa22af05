package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.segment.ListId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Static lists as (list, lead) rows; adds and removes are atomic and report what changed. */
final class JdbcStaticListStore implements StaticListStore {
  private final Db db;
  private final Tables tables;
  private final PairWriter pairs;

  JdbcStaticListStore(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.pairs = new PairWriter(db, tables.listMembers(), "list_id", null);
  }

  private static List<LeadId> distinct(ListId list, Collection<LeadId> leads) {
    if (list == null || leads == null) {
      throw new InvalidValueException("list and leads must not be null");
    }
    for (LeadId l : leads) {
      if (l == null) {
        throw new InvalidValueException("lead ids must not be null in list " + list);
      }
    }
    return List.copyOf(new LinkedHashSet<>(leads));
  }

  private static List<String> sortedValues(List<LeadId> leads) {
    return leads.stream().map(LeadId::value).sorted().toList();
  }

  @Override
  public List<LeadId> addAll(ListId list, Collection<LeadId> leads) {
    List<LeadId> given = distinct(list, leads);
    if (given.isEmpty()) {
      return List.of();
    }
    Set<String> added = db.txInsertingAbsent("adding " + given.size() + " leads to list " + list,
        c -> pairs.insertAbsent(c, list.value(), sortedValues(given), null));
    return given.stream().filter(l -> added.contains(l.value())).toList();
  }

  @Override
  public List<LeadId> removeAll(ListId list, Collection<LeadId> leads) {
    List<LeadId> given = distinct(list, leads);
    if (given.isEmpty()) {
      return List.of();
    }
    Set<String> removed = db.tx("removing " + given.size() + " leads from list " + list,
        c -> pairs.delete(c, list.value(), sortedValues(given)));
    return given.stream().filter(l -> removed.contains(l.value())).toList();
  }

  @Override
  public boolean contains(ListId list, LeadId lead) {
    return db.read("checking list " + list, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + tables.listMembers()
          + " WHERE list_id = ? AND lead_id = ?")) {
        ps.setString(1, list.value());
        ps.setString(2, lead.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public Set<ListId> listsOf(LeadId lead) {
    return Set.copyOf(strings("finding the lists of " + lead, "SELECT list_id FROM "
        + tables.listMembers() + " WHERE lead_id = ?", lead.value()).stream()
        .map(ListId::new).toList());
  }

  @Override
  public List<LeadId> members(ListId list, @Nullable LeadId after, int limit) {
    return MemberQueries.page(db, tables.listMembers(), "list_id", list.value(), after, limit,
        "list " + list);
  }

  @Override
  public long size(ListId list) {
    return MemberQueries.count(db, tables.listMembers(), "list_id", list.value(), "list " + list);
  }

  @Override
  public List<ListId> lists() {
    return db.read("listing static lists", c -> {
      // sorted in Java: the list order is the library's, whatever the collation
      TreeSet<String> out = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT list_id FROM "
          + tables.listMembers()); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out.stream().map(ListId::new).toList();
    });
  }

  private List<String> strings(String operation, String sql, String value) {
    return db.read(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, value);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    });
  }
}
