package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Definitions;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Definitions in one insert-only table keyed by (kind, id, version), the document as JSON
 * ({@code jsonb} on PostgreSQL). A publish reads the key first and inserts only when it is
 * absent ({@code ON CONFLICT DO NOTHING} on PostgreSQL, {@code INSERT IGNORE} on MariaDB; on H2 a
 * concurrent insert of the same key reruns the transaction), so an ordinary re-publish raises no
 * database error. {@link #revision()} is the number of rows: the table is insert-only, so it
 * grows with every committed publish whatever order concurrent publishes commit in.
 */
final class JdbcDefinitionStore implements DefinitionStore {
  private final Db db;
  private final Tables tables;

  JdbcDefinitionStore(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  @Override
  public boolean publish(String kind, String id, int version, String json, Instant at) {
    Definitions.check(kind, id, version, json);
    if (at == null) {
      throw new InvalidValueException("publication time must not be null (" + kind + " \"" + id
          + "\")");
    }
    String insert = switch (db.dialect()) {
      case POSTGRESQL -> "INSERT INTO " + tables.definitions()
          + " (kind, id, version, json, published_at) VALUES (?, ?, ?, " + db.json()
          + ", ?) ON CONFLICT (kind, id, version) DO NOTHING";
      case MARIADB -> "INSERT IGNORE INTO " + tables.definitions()
          + " (kind, id, version, json, published_at) VALUES (?, ?, ?, ?, ?)";
      default -> "INSERT INTO " + tables.definitions()
          + " (kind, id, version, json, published_at) VALUES (?, ?, ?, ?, ?)";
    };
    return db.txInsertingAbsent("publishing " + kind + " \"" + id + "\" version " + version,
        c -> {
          Optional<StoredDefinition> existing = find(c, kind, id, version);
          if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
              ps.setString(1, kind);
              ps.setString(2, id);
              ps.setInt(3, version);
              ps.setString(4, json);
              db.setInstant(ps, 5, at);
              if (ps.executeUpdate() == 1) {
                return true;
              }
            }
            // another writer inserted the key in between: compare with what it stored
            existing = find(c, kind, id, version);
          }
          if (existing.isPresent() && Definitions.sameContent(existing.get().json(), json)) {
            return false;
          }
          throw new DefinitionConflictException(kind, id, version);
        });
  }

  @Override
  public Optional<StoredDefinition> latest(String kind, String id) {
    Definitions.checkKey(kind, id);
    return db.read("reading the latest " + kind + " \"" + id + "\"", c -> {
      try (PreparedStatement ps = c.prepareStatement(select() + " WHERE kind = ? AND id = ?"
          + " ORDER BY version DESC")) {
        ps.setMaxRows(1);
        ps.setString(1, kind);
        ps.setString(2, id);
        return readAll(ps).stream().findFirst();
      }
    });
  }

  @Override
  public List<StoredDefinition> all(String kind) {
    Definitions.checkKind(kind);
    return db.read("reading every " + kind, c -> {
      String t = tables.definitions();
      try (PreparedStatement ps = c.prepareStatement(select() + " d WHERE d.kind = ? AND"
          + " d.version = (SELECT MAX(m.version) FROM " + t + " m WHERE m.kind = d.kind AND"
          + " m.id = d.id) ORDER BY d.id")) {
        ps.setString(1, kind);
        return readAll(ps);
      }
    });
  }

  @Override
  public Optional<StoredDefinition> find(String kind, String id, int version) {
    Definitions.checkKey(kind, id);
    return db.read("reading " + kind + " \"" + id + "\" version " + version,
        c -> find(c, kind, id, version));
  }

  @Override
  public long revision() {
    return db.read("reading the definitions' revision", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
          + tables.definitions()); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private Optional<StoredDefinition> find(Connection c, String kind, String id, int version)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(select() + " WHERE kind = ? AND id = ? AND"
        + " version = ?")) {
      ps.setString(1, kind);
      ps.setString(2, id);
      ps.setInt(3, version);
      return readAll(ps).stream().findFirst();
    }
  }

  private String select() {
    return "SELECT kind, id, version, json, published_at FROM " + tables.definitions();
  }

  private List<StoredDefinition> readAll(PreparedStatement ps) throws SQLException {
    List<StoredDefinition> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredDefinition(rs.getString("kind"), rs.getString("id"),
            rs.getInt("version"), rs.getString("json"), db.requireInstant(rs, "published_at")));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "JDBC definition store (" + tables.definitions() + ")";
  }
}
