package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.SuppressionList;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Suppressed address hashes (idempotent inserts) and anonymised running totals (atomic
 * per-name upserts that add: {@code ON CONFLICT DO UPDATE}, {@code ON DUPLICATE KEY UPDATE},
 * H2 {@code MERGE}).
 */
final class JdbcSuppressionList implements SuppressionList {
  private static final int MAX_HASH = 255;
  private static final int MAX_NAME = 200;
  private static final int IN_CHUNK = 500;

  private record Hash(String value, Instant at) {}

  private final Db db;
  private final Tables tables;
  private final AbsentInserter<Hash> inserter;

  JdbcSuppressionList(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.inserter = new AbsentInserter<>(db, tables.suppressed(), "hash",
        List.of("hash", "suppressed_at"), "(?, ?)", Hash::value, (ps, i, h) -> {
          ps.setString(i, h.value());
          db.setInstant(ps, i + 1, h.at());
          return i + 2;
        });
  }

  @Override
  public boolean suppress(String hash, Instant at) {
    if (hash == null || hash.isBlank() || hash.length() > MAX_HASH || at == null) {
      throw new InvalidValueException("suppression hash must have 1 to " + MAX_HASH
          + " characters: \"" + hash + "\"");
    }
    return !db.txInsertingAbsent("suppressing a hash",
        c -> inserter.insert(c, List.of(new Hash(hash, at)))).isEmpty();
  }

  @Override
  public boolean isSuppressed(String hash) {
    return !suppressedAmong(List.of(hash)).isEmpty();
  }

  @Override
  public Set<String> suppressedAmong(Collection<String> hashes) {
    List<String> all = List.copyOf(new LinkedHashSet<>(hashes));
    if (all.isEmpty()) {
      return Set.of();
    }
    Set<String> found = db.read("checking suppressed hashes", c -> {
      Set<String> out = new java.util.HashSet<>();
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM " + tables.suppressed()
            + " WHERE hash IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
        }
      }
      return out;
    });
    Set<String> ordered = new LinkedHashSet<>();
    for (String h : all) {
      if (found.contains(h)) {
        ordered.add(h);
      }
    }
    return ordered;
  }

  @Override
  public long count() {
    return db.read("counting suppressed hashes", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
          + tables.suppressed()); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public void addCounts(Map<String, Long> counts) {
    if (counts == null) {
      throw new InvalidValueException("counts must not be null");
    }
    Map<String, Long> add = new TreeMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > MAX_NAME
          || e.getValue() == null || e.getValue() < 0) {
        throw new InvalidValueException("counts only grow, under names of 1 to " + MAX_NAME
            + " characters; refusing " + e);
      }
      add.put(e.getKey(), e.getValue());
    }
    if (add.isEmpty()) {
      return;
    }
    String t = tables.anonymousCounts();
    String sql = switch (db.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + t + " (name, total) VALUES (?, ?) ON CONFLICT (name) "
          + "DO UPDATE SET total = " + t + ".total + EXCLUDED.total";
      case MARIADB -> "INSERT INTO " + t + " (name, total) VALUES (?, ?) "
          + "ON DUPLICATE KEY UPDATE total = total + VALUES(total)";
      case H2 -> "MERGE INTO " + t + " d USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS "
          + "BIGINT))) s(name, total) ON d.name = s.name WHEN MATCHED THEN UPDATE SET "
          + "d.total = d.total + s.total WHEN NOT MATCHED THEN INSERT (name, total) "
          + "VALUES (s.name, s.total)";
    };
    // names in sorted order, so concurrent adders lock rows in the same order
    db.txInsertingAbsent("adding " + add.size() + " anonymised counts", SqlWork.of(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Map.Entry<String, Long> e : add.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setLong(2, e.getValue());
          ps.executeUpdate();
        }
      }
    }));
  }

  @Override
  public Map<String, Long> counts() {
    return db.read("reading anonymised counts", c -> {
      Map<String, Long> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, total FROM "
          + tables.anonymousCounts()); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return Map.copyOf(out);
    });
  }
}
