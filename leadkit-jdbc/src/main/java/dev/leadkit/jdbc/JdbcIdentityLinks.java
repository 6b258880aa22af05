package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.VisitorId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Visitor links (primary key on the visitor, so {@link #linkIfAbsent} is an atomic
 * insert-if-absent and two concurrent stitches cannot both win) and aliases of merged leads.
 * When several aliases carry the same merged address (an address merged away twice), the one put
 * last answers {@link #findAliasByEmail}.
 */
final class JdbcIdentityLinks implements IdentityLinks {
  private static final String LINK_COLUMNS = "visitor_id, lead_id, method, linked_at";
  private static final String ALIAS_COLUMNS = "merged_id, merged_email, survivor_id, merge_id";
  private static final int IN_CHUNK = 500;

  private final Db db;
  private final Tables tables;
  private final AbsentInserter<VisitorLink> inserter;

  /** How one stitch attempt ended: decided, with the link that was there before, if any. */
  private record Stitch(boolean decided, Optional<VisitorLink> prior) {}

  JdbcIdentityLinks(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.inserter = new AbsentInserter<>(db, tables.visitorLinks(), "visitor_id",
        List.of("visitor_id", "lead_id", "method", "linked_at"), "(?, ?, ?, ?)",
        l -> l.visitor().value(), (ps, i, l) -> {
          ps.setString(i, l.visitor().value());
          ps.setString(i + 1, l.lead().value());
          ps.setString(i + 2, l.method());
          db.setInstant(ps, i + 3, l.at());
          return i + 4;
        });
  }

  @Override
  public Optional<VisitorLink> findVisitor(VisitorId visitor) {
    return db.read("finding the link of visitor " + visitor, c -> link(c, visitor));
  }

  private Optional<VisitorLink> link(Connection c, VisitorId visitor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM "
        + tables.visitorLinks() + " WHERE visitor_id = ?")) {
      ps.setString(1, visitor.value());
      return readLinks(ps).stream().findFirst();
    }
  }

  @Override
  public Map<VisitorId, VisitorLink> findVisitors(Collection<VisitorId> visitors) {
    List<String> all = visitors.stream().map(VisitorId::value).distinct().toList();
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<VisitorId, VisitorLink> found = db.read("finding visitor links", c -> {
      Map<VisitorId, VisitorLink> out = new HashMap<>();
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM "
            + tables.visitorLinks() + " WHERE visitor_id IN (" + "?, ".repeat(chunk.size() - 1)
            + "?)")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          readLinks(ps).forEach(l -> out.put(l.visitor(), l));
        }
      }
      return out;
    });
    Map<VisitorId, VisitorLink> ordered = new LinkedHashMap<>();
    for (VisitorId v : visitors) {
      VisitorLink l = found.get(v);
      if (l != null) {
        ordered.put(v, l);
      }
    }
    return ordered;
  }

  @Override
  public List<VisitorLink> visitorsOf(LeadId lead) {
    return db.read("finding the visitors of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM "
          + tables.visitorLinks() + " WHERE lead_id = ? ORDER BY linked_at, visitor_id")) {
        ps.setString(1, lead.value());
        return readLinks(ps);
      }
    });
  }

  @Override
  public Optional<VisitorLink> linkIfAbsent(VisitorLink link) {
    if (link == null) {
      throw new InvalidValueException("visitor link must not be null");
    }
    VisitorLink stored = new VisitorLink(link.visitor(), link.lead(), link.method(),
        Db.truncate(link.at()));
    for (int attempt = 1; attempt <= 3; attempt++) {
      Stitch outcome = db.txInsertingAbsent("linking visitor " + link.visitor(), c -> {
        if (!inserter.insert(c, List.of(stored)).isEmpty()) {
          return new Stitch(true, Optional.empty());
        }
        Optional<VisitorLink> prior = link(c, link.visitor());
        // the link that blocked ours may have been removed meanwhile: then try again
        return new Stitch(prior.isPresent(), prior);
      });
      if (outcome.decided()) {
        return outcome.prior();
      }
    }
    throw new JdbcException("the link of visitor " + link.visitor()
        + " kept changing while it was being stitched; try again");
  }

  @Override
  public int relink(Collection<VisitorId> visitors, LeadId lead) {
    List<String> all = visitors.stream().map(VisitorId::value).distinct().sorted().toList();
    if (all.isEmpty()) {
      return 0;
    }
    return db.tx("relinking " + all.size() + " visitors to " + lead, c -> {
      int changed = 0;
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.visitorLinks()
            + " SET lead_id = ? WHERE visitor_id IN (" + "?, ".repeat(chunk.size() - 1)
            + "?) AND lead_id <> ?")) {
          ps.setString(1, lead.value());
          int i = 2;
          for (String v : chunk) {
            ps.setString(i++, v);
          }
          ps.setString(i, lead.value());
          changed += ps.executeUpdate();
        }
      }
      return changed;
    });
  }

  @Override
  public boolean unlink(VisitorId visitor) {
    return update("unlinking visitor " + visitor, "DELETE FROM " + tables.visitorLinks()
        + " WHERE visitor_id = ?", visitor.value()) > 0;
  }

  @Override
  public int unlinkAll(LeadId lead) {
    return update("unlinking the visitors of lead " + lead, "DELETE FROM "
        + tables.visitorLinks() + " WHERE lead_id = ?", lead.value());
  }

  @Override
  public void putAlias(LeadAlias alias) {
    if (alias == null) {
      throw new InvalidValueException("alias must not be null");
    }
    if (alias.mergeId().length() > 255) {
      throw new InvalidValueException("alias merge id longer than 255 characters: \""
          + alias.mergeId().substring(0, 40) + "...\"");
    }
    String t = tables.leadAliases();
    db.txInsertingAbsent("putting the alias of " + alias.merged(), SqlWork.of(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t
          + " WHERE merged_id = ?")) {
        del.setString(1, alias.merged().value());
        del.executeUpdate();
      }
      long seq;
      try (PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(put_seq), 0) FROM "
          + t); ResultSet rs = max.executeQuery()) {
        rs.next();
        seq = rs.getLong(1) + 1;
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + t + " (" + ALIAS_COLUMNS
          + ", put_seq) VALUES (?, ?, ?, ?, ?)")) {
        ins.setString(1, alias.merged().value());
        ins.setString(2, alias.mergedEmail().value());
        ins.setString(3, alias.survivor().value());
        ins.setString(4, alias.mergeId());
        ins.setLong(5, seq);
        ins.executeUpdate();
      }
    }));
  }

  @Override
  public Optional<LeadAlias> findAlias(LeadId merged) {
    return aliases("finding the alias of " + merged, " WHERE merged_id = ?", merged.value())
        .stream().findFirst();
  }

  @Override
  public Optional<LeadAlias> findAliasByEmail(EmailAddress email) {
    return aliases("finding the alias of " + email,
        " WHERE merged_email = ? ORDER BY put_seq DESC", email.value()).stream().findFirst();
  }

  @Override
  public List<LeadAlias> aliasesTo(LeadId survivor) {
    return aliases("finding the aliases of " + survivor,
        " WHERE survivor_id = ? ORDER BY merged_id", survivor.value());
  }

  @Override
  public boolean removeAlias(LeadId merged) {
    return update("removing the alias of " + merged, "DELETE FROM " + tables.leadAliases()
        + " WHERE merged_id = ?", merged.value()) > 0;
  }

  private int update(String operation, String sql, String value) {
    return db.tx(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, value);
        return ps.executeUpdate();
      }
    });
  }

  private List<LeadAlias> aliases(String operation, String where, String value) {
    return db.read(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ALIAS_COLUMNS + " FROM "
          + tables.leadAliases() + where)) {
        ps.setString(1, value);
        List<LeadAlias> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new LeadAlias(LeadId.of(rs.getString(1)), new EmailAddress(rs.getString(2)),
                LeadId.of(rs.getString(3)), rs.getString(4)));
          }
        }
        return out;
      }
    });
  }

  private List<VisitorLink> readLinks(PreparedStatement ps) throws SQLException {
    List<VisitorLink> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new VisitorLink(VisitorId.of(rs.getString(1)), LeadId.of(rs.getString(2)),
            rs.getString(3), db.requireInstant(rs, "linked_at")));
      }
    }
    return out;
  }
}
