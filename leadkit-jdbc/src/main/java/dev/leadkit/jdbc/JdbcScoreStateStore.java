package dev.leadkit.jdbc;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.scoring.ScoreState;
import dev.leadkit.scoring.ScoreStateStore;
import dev.leadkit.scoring.json.ScoringJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scoring states as JSON in the scoring module's format ({@link ScoringJson}), keyed by
 * (lead, model), with the next decay re-check as an indexed column. Saves are compare-and-set on
 * the revision, in batch order, in one transaction.
 */
final class JdbcScoreStateStore implements ScoreStateStore {
  private static final int IN_CHUNK = 500;

  private final Db db;
  private final Tables tables;

  /** Rolls the batch back; the stored revision is looked up after the rollback. */
  private static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ScoreState state;

    Stale(ScoreState state, @Nullable Throwable cause) {
      super(cause);
      this.state = state;
    }
  }

  JdbcScoreStateStore(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
  }

  @Override
  public Optional<ScoreState> find(LeadId lead, String model) {
    return Optional.ofNullable(findAll(List.of(lead), model).get(lead));
  }

  @Override
  public Map<LeadId, ScoreState> findAll(Collection<LeadId> leads, String model) {
    List<String> all = leads.stream().map(LeadId::value).distinct().toList();
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<String, ScoreState> found = db.read("reading " + all.size() + " score states", c -> {
      Map<String, ScoreState> out = new HashMap<>();
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, state FROM "
            + tables.scoreStates() + " WHERE model = ? AND lead_id IN ("
            + "?, ".repeat(chunk.size() - 1) + "?)")) {
          ps.setString(1, model);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 2, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), ScoringJson.state(LeadkitJson.parse(rs.getString(2))));
            }
          }
        }
      }
      return out;
    });
    Map<LeadId, ScoreState> ordered = new LinkedHashMap<>();
    for (LeadId id : leads) {
      ScoreState s = found.get(id.value());
      if (s != null) {
        ordered.put(id, s);
      }
    }
    return ordered;
  }

  @Override
  public List<ScoreState> saveAll(Collection<ScoreState> states) {
    if (states == null) {
      throw new InvalidValueException("score states must not be null");
    }
    Set<List<String>> seen = new HashSet<>();
    for (ScoreState s : states) {
      if (s == null) {
        throw new InvalidValueException("score state must not be null");
      }
      if (!seen.add(List.of(s.lead().value(), s.model()))) {
        throw new InvalidValueException("batch holds two states for " + s.lead() + " / "
            + s.model());
      }
    }
    List<ScoreState> batch = List.copyOf(states);
    if (batch.isEmpty()) {
      return List.of();
    }
    try {
      return db.tx("saving " + batch.size() + " score states", c -> {
        List<ScoreState> out = new ArrayList<>(batch.size());
        for (ScoreState s : batch) {
          ScoreState next = s.withRevision(s.revision() + 1);
          write(c, s, next);
          out.add(next.copy());
        }
        return out;
      });
    } catch (Stale stale) {
      ScoreState s = stale.state;
      long stored = find(s.lead(), s.model()).map(ScoreState::revision).orElse(0L);
      ConcurrentUpdateException e = new ConcurrentUpdateException(s.lead(), s.revision(), stored);
      if (stale.getCause() != null) {
        e.initCause(stale.getCause());
      }
      throw e;
    }
  }

  private void write(Connection c, ScoreState s, ScoreState next) throws SQLException {
    String json = LeadkitJson.write(ScoringJson.state(next));
    if (s.revision() == 0) {
      // a state already stored makes the insert a no-op (0 rows), not a key violation, so a
      // stale first write is found like a stale update; H2 has no such form and reports the key
      String values = " (lead_id, model, revision, next_check, state) VALUES (?, ?, ?, ?, "
          + db.json() + ")";
      String sql = switch (db.dialect()) {
        case POSTGRESQL -> "INSERT INTO " + tables.scoreStates() + values
            + " ON CONFLICT (lead_id, model) DO NOTHING";
        case MARIADB -> "INSERT IGNORE INTO " + tables.scoreStates() + values;
        case H2 -> "INSERT INTO " + tables.scoreStates() + values;
      };
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, s.lead().value());
        ps.setString(2, s.model());
        ps.setLong(3, next.revision());
        ps.setLong(4, next.nextCheck());
        ps.setString(5, json);
        if (ps.executeUpdate() != 1) {
          throw new Stale(s, null);
        }
      } catch (SQLException e) {
        if (Db.isUniqueViolation(e)) {
          throw new Stale(s, e);
        }
        throw e;
      }
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.scoreStates()
        + " SET revision = ?, next_check = ?, state = " + db.json()
        + " WHERE lead_id = ? AND model = ? AND revision = ?")) {
      ps.setLong(1, next.revision());
      ps.setLong(2, next.nextCheck());
      ps.setString(3, json);
      ps.setString(4, s.lead().value());
      ps.setString(5, s.model());
      ps.setLong(6, s.revision());
      if (ps.executeUpdate() != 1) {
        throw new Stale(s, null);
      }
    }
  }

  @Override
  public List<ScoreState> findByLead(LeadId lead) {
    return db.read("reading the score states of " + lead, c -> {
      List<ScoreState> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM "
          + tables.scoreStates() + " WHERE lead_id = ? ORDER BY model")) {
        ps.setString(1, lead.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(ScoringJson.state(LeadkitJson.parse(rs.getString(1))));
          }
        }
      }
      return out;
    });
  }

  @Override
  public int deleteLead(LeadId lead) {
    return db.tx("deleting score states of " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.scoreStates()
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<LeadId> due(String model, Instant now, int limit) {
    if (limit < 1) {
      throw new InvalidValueException("limit must be positive: " + limit);
    }
    return db.read("reading due score states of " + model, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM "
          + tables.scoreStates() + " WHERE model = ? AND next_check <= ? AND next_check <> ?"
          + " ORDER BY next_check, lead_id LIMIT ?")) {
        ps.setString(1, model);
        ps.setLong(2, now.toEpochMilli());
        ps.setLong(3, ScoreState.NO_CHECK);
        ps.setInt(4, limit);
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

  @Override
  public long count() {
    return db.read("counting score states", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
          + tables.scoreStates()); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
