package dev.leadkit.jdbc;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.LeadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Leads in one table: key columns plus JSON text for attributes, stage history, consents and
 * scores. Saves are compare-and-set ({@code UPDATE ... WHERE id = ? AND version = ?}); a batch
 * runs in one transaction. Key clashes surface as {@link DuplicateLeadException}.
 *
 * <p>E-mail addresses may move between leads of one batch (A gives up x, B takes x): such leads
 * first park their old address under a placeholder that no real address can equal, so the
 * unique index never sees the swap half done.
 */
final class JdbcLeadStore implements LeadStore {
  private static final String COLUMNS = "id, email, stage, owner_id, version, created_at, "
      + "updated_at, attributes, stage_history, consents, scores";
  private static final int IN_CHUNK = 500;

  private final Db db;
  private final Tables tables;
  private final DocumentCodec codec;
  private final String select;
  private final StageChangeTable stageChanges;
  private final PredicateTables predicateTables;

  JdbcLeadStore(Db db, Tables tables, DocumentCodec codec) {
    this.db = db;
    this.tables = tables;
    this.codec = codec;
    this.stageChanges = new StageChangeTable(db, tables);
    this.predicateTables = new PredicateTables(db, tables);
    this.select = "SELECT " + COLUMNS + " FROM " + tables.leads();
  }

  /** The database and tables this store works on (for set-based work across stores). */
  Db db() {
    return db;
  }

  /** The table names this store uses. */
  Tables tables() {
    return tables;
  }

  /**
   * Thrown inside a transaction to roll it back; outside it, the batch is diagnosed in order so
   * that the caller gets the first failure, as the port promises.
   */
  private static final class BatchFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RuntimeException fallback;

    BatchFailed(RuntimeException fallback) {
      super(fallback);
      this.fallback = fallback;
    }
  }

  @Override
  public Optional<Lead> findById(LeadId id) {
    return db.read("finding lead " + id, c -> one(c, " WHERE id = ?", id.value()));
  }

  @Override
  public Optional<Lead> findByEmail(EmailAddress email) {
    return db.read("finding lead by e-mail " + email,
        c -> one(c, " WHERE email = ?", email.value()));
  }

  private Optional<Lead> one(Connection c, String where, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(select + where)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Map<LeadId, Lead> findAllById(Collection<LeadId> ids) {
    Map<String, Lead> found = findAllBy("id", ids.stream().map(LeadId::value).toList(),
        l -> l.id().value());
    Map<LeadId, Lead> out = new LinkedHashMap<>();
    for (LeadId id : ids) {
      Lead l = found.get(id.value());
      if (l != null) {
        out.put(id, l);
      }
    }
    return out;
  }

  @Override
  public Map<EmailAddress, Lead> findAllByEmail(Collection<EmailAddress> emails) {
    Map<String, Lead> found = findAllBy("email",
        emails.stream().map(EmailAddress::value).toList(), l -> l.email().value());
    Map<EmailAddress, Lead> out = new LinkedHashMap<>();
    for (EmailAddress e : emails) {
      Lead l = found.get(e.value());
      if (l != null) {
        out.put(e, l);
      }
    }
    return out;
  }

  private Map<String, Lead> findAllBy(String column, List<String> keys,
      Function<Lead, String> keyOf) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    return db.read("finding " + distinct.size() + " leads by " + column, c -> {
      Map<String, Lead> out = new HashMap<>();
      for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE " + column + " IN ("
            + "?, ".repeat(chunk.size() - 1) + "?)")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Lead l = read(rs);
              out.put(keyOf.apply(l), l);
            }
          }
        }
      }
      return out;
    });
  }

  @Override
  public Lead save(Lead lead) {
    return saveAll(List.of(lead)).get(0);
  }

  @Override
  public List<Lead> saveAll(List<Lead> leads) {
    return saveAll(leads, Map.of());
  }

  /**
   * {@link #saveAll(List)}; for a lead whose stored copy is given, only the side-table rows of
   * the parts that changed are rewritten (attributes, scores, consents, stage history), instead
   * of all of them.
   */
  @Override
  public List<Lead> saveAll(List<Lead> leads, Map<LeadId, Lead> storedCopies) {
    if (leads == null || storedCopies == null) {
      throw new InvalidValueException("leads must not be null");
    }
    Set<LeadId> ids = new HashSet<>();
    Set<EmailAddress> emails = new HashSet<>();
    for (Lead lead : leads) {
      if (lead == null) {
        throw new InvalidValueException("lead batch contains null");
      }
      if (!ids.add(lead.id())) {
        throw new InvalidValueException("lead " + lead.id() + " appears twice in one batch");
      }
      if (!emails.add(lead.email())) {
        throw new DuplicateLeadException("e-mail " + lead.email() + " (twice in one batch)");
      }
    }
    if (leads.isEmpty()) {
      return List.of();
    }
    try {
      return db.tx("saving " + leads.size() + " leads", c -> write(c, leads, storedCopies));
    } catch (BatchFailed failed) {
      throw firstFailure(leads, failed.fallback);
    }
  }

  private List<Lead> write(Connection c, List<Lead> leads, Map<LeadId, Lead> storedCopies)
      throws SQLException {
    List<Lead> inserts = new ArrayList<>();
    List<Lead> updates = new ArrayList<>();
    for (Lead l : leads) {
      (l.version() == 0 ? inserts : updates).add(l);
    }
    try {
      if (leads.size() > 1 && !updates.isEmpty()) {
        parkMovingAddresses(c, leads, updates);
      }
      for (Lead l : updates) {
        update(c, l);
      }
      insert(c, inserts);
      writeSideTables(c, leads, storedCopies);
    } catch (SQLException e) {
      if (Db.isUniqueViolation(e)) {
        DuplicateLeadException d = new DuplicateLeadException("one of the ids or e-mails of "
            + leads.stream().map(Lead::id).toList());
        d.initCause(e);
        throw new BatchFailed(d);
      }
      throw e;
    } catch (ConcurrentUpdateException e) {
      throw new BatchFailed(e);
    }
    List<Lead> out = new ArrayList<>(leads.size());
    for (Lead l : leads) {
      out.add(stored(l));
    }
    return out;
  }

  /**
   * The side tables (stage changes, and the push-down attribute, score and consent rows) of the
   * saved leads: all rows of a lead without a known stored copy; for the others, only the parts
   * that differ from it.
   */
  private void writeSideTables(Connection c, List<Lead> leads, Map<LeadId, Lead> storedCopies)
      throws SQLException {
    if (storedCopies.isEmpty()) {
      stageChanges.replace(c, leads);
      predicateTables.replace(c, leads);
      return;
    }
    List<Lead> stageFull = new ArrayList<>();
    Map<Lead, Integer> stageAppend = new java.util.LinkedHashMap<>();
    List<Lead> attributes = new ArrayList<>();
    List<Lead> scores = new ArrayList<>();
    List<Lead> consents = new ArrayList<>();
    for (Lead l : leads) {
      Lead before = l.version() == 0 ? null : storedCopies.get(l.id());
      if (before == null || before.version() != l.version()) {
        stageFull.add(l);
        attributes.add(l);
        scores.add(l);
        consents.add(l);
        continue;
      }
      List<dev.leadkit.core.lead.StageChange> was = before.stageHistory();
      List<dev.leadkit.core.lead.StageChange> now = l.stageHistory();
      if (!now.equals(was)) {
        if (now.size() > was.size() && now.subList(0, was.size()).equals(was)) {
          stageAppend.put(l, was.size());
        } else {
          stageFull.add(l);
        }
      }
      if (!l.attributes().equals(before.attributes())) {
        attributes.add(l);
      }
      if (!l.scores().equals(before.scores())) {
        scores.add(l);
      }
      if (!statuses(l).equals(statuses(before))) {
        consents.add(l);
      }
    }
    stageChanges.replace(c, stageFull);
    stageChanges.append(c, stageAppend);
    predicateTables.replace(c, attributes, scores, consents);
  }

  private static Map<dev.leadkit.core.lead.Channel, dev.leadkit.core.lead.ConsentStatus>
      statuses(Lead l) {
    Map<dev.leadkit.core.lead.Channel, dev.leadkit.core.lead.ConsentStatus> m =
        new java.util.HashMap<>();
    l.consents().forEach((ch, rec) -> m.put(ch, rec.status()));
    return m;
  }

  /** The copy the store keeps: next version, times as precise as the database keeps them. */
  private static Lead stored(Lead l) {
    return new Lead(l.id(), l.email(), l.attributes(), l.stage(), l.stageHistory(),
        l.consents(), l.owner(), l.scores(), Db.truncate(l.createdAt()),
        Db.truncate(l.updatedAt()), l.version() + 1);
  }

  private void parkMovingAddresses(Connection c, List<Lead> batch, List<Lead> updates)
      throws SQLException {
    Map<String, LeadId> newHolder = new HashMap<>();
    batch.forEach(l -> newHolder.put(l.email().value(), l.id()));
    Map<String, Lead> byId = new HashMap<>();
    updates.forEach(l -> byId.put(l.id().value(), l));
    List<Lead> park = new ArrayList<>();
    for (int from = 0; from < updates.size(); from += IN_CHUNK) {
      List<Lead> chunk = updates.subList(from, Math.min(updates.size(), from + IN_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT id, email FROM " + tables.leads()
          + " WHERE id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).id().value());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LeadId taker = newHolder.get(rs.getString(2));
            if (taker != null && !taker.value().equals(rs.getString(1))) {
              park.add(byId.get(rs.getString(1)));
            }
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.leads()
        + " SET email = ? WHERE id = ? AND version = ?")) {
      for (Lead l : park) {
        // '#' cannot occur in a normalised address, so the placeholder never clashes
        ps.setString(1, "#" + l.id().value());
        ps.setString(2, l.id().value());
        ps.setLong(3, l.version());
        if (ps.executeUpdate() != 1) {
          throw staleSave(c, l);
        }
      }
    }
  }

  private void update(Connection c, Lead l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.leads() + " SET email = ?, "
        + "stage = ?, owner_id = ?, version = ?, created_at = ?, updated_at = ?, attributes = "
        + db.json() + ", stage_history = " + db.json() + ", consents = " + db.json()
        + ", scores = " + db.json() + " WHERE id = ? AND version = ?")) {
      int i = bindBody(ps, 1, l);
      ps.setString(i, l.id().value());
      ps.setLong(i + 1, l.version());
      if (ps.executeUpdate() != 1) {
        throw staleSave(c, l);
      }
    }
  }

  private void insert(Connection c, List<Lead> inserts) throws SQLException {
    if (inserts.isEmpty()) {
      return;
    }
    rejectTaken(c, inserts);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.leads() + " (id, "
        + "email, stage, owner_id, version, created_at, updated_at, attributes, stage_history, "
        + "consents, scores) VALUES (?, ?, ?, ?, ?, ?, ?, " + db.json() + ", " + db.json()
        + ", " + db.json() + ", " + db.json() + ")")) {
      for (Lead l : inserts) {
        ps.setString(1, l.id().value());
        bindBody(ps, 2, l);
        if (inserts.size() == 1) {
          ps.executeUpdate();
          return;
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Refuses new leads whose id or address is already stored (as this batch's own updates left
   * the table) before anything is inserted: an ordinary duplicate then never reaches the unique
   * keys (on MariaDB the driver logs every key violation at WARN), and only a lead inserted by
   * another writer in between still does, which {@link #write} reports the same way.
   */
  private void rejectTaken(Connection c, List<Lead> inserts) throws SQLException {
    for (int from = 0; from < inserts.size(); from += IN_CHUNK) {
      List<Lead> chunk = inserts.subList(from, Math.min(inserts.size(), from + IN_CHUNK));
      String in = "?, ".repeat(chunk.size() - 1) + "?";
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + tables.leads()
          + " WHERE id IN (" + in + ") UNION ALL SELECT id FROM " + tables.leads()
          + " WHERE email IN (" + in + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).id().value());
          ps.setString(chunk.size() + i + 1, chunk.get(i).email().value());
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            throw new BatchFailed(new DuplicateLeadException("one of the ids or e-mails of "
                + inserts.stream().map(Lead::id).toList()));
          }
        }
      }
    }
  }

  /** Binds email .. scores (10 values) from {@code i}; returns the next index. */
  private int bindBody(PreparedStatement ps, int i, Lead l) throws SQLException {
    ps.setString(i, l.email().value());
    ps.setString(i + 1, l.stage().name());
    JdbcTouchpointLog.setNullable(ps, i + 2, l.owner().map(OwnerId::value));
    ps.setLong(i + 3, l.version() + 1);
    db.setInstant(ps, i + 4, l.createdAt());
    db.setInstant(ps, i + 5, l.updatedAt());
    ps.setString(i + 6, codec.writeAttributes(l.attributes()));
    ps.setString(i + 7, codec.writeStageHistory(l.stageHistory()));
    ps.setString(i + 8, codec.writeConsents(l.consents()));
    ps.setString(i + 9, codec.writeScores(l.scores()));
    return i + 10;
  }

  private ConcurrentUpdateException staleSave(Connection c, Lead l) throws SQLException {
    long actual = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + tables.leads()
        + " WHERE id = ?")) {
      ps.setString(1, l.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          actual = rs.getLong(1);
        }
      }
    }
    return new ConcurrentUpdateException(l.id(), l.version(), actual);
  }

  /**
   * After a rolled-back batch: the first lead, in batch order, that cannot be saved against the
   * stored state, judged by the same rules as the in-memory store; {@code fallback} if the state
   * changed meanwhile and every lead would now pass.
   */
  private RuntimeException firstFailure(List<Lead> leads, RuntimeException fallback) {
    Map<LeadId, Lead> stored = findAllById(leads.stream().map(Lead::id).toList());
    Map<EmailAddress, Lead> holders = findAllByEmail(leads.stream().map(Lead::email).toList());
    Set<EmailAddress> released = new HashSet<>();
    for (Lead l : leads) {
      Lead s = stored.get(l.id());
      if (s != null && !s.email().equals(l.email())) {
        released.add(s.email());
      }
    }
    for (Lead l : leads) {
      Lead s = stored.get(l.id());
      RuntimeException failure = null;
      if (l.version() == 0 && s != null) {
        failure = new DuplicateLeadException("id " + l.id());
      } else if (l.version() != 0 && (s == null || s.version() != l.version())) {
        failure = new ConcurrentUpdateException(l.id(), l.version(), s == null ? 0 : s.version());
      } else {
        Lead holder = holders.get(l.email());
        if (holder != null && !holder.id().equals(l.id()) && !released.contains(l.email())) {
          failure = new DuplicateLeadException("e-mail " + l.email());
        }
      }
      if (failure != null) {
        if (fallback.getCause() != null) {
          failure.initCause(fallback.getCause());
        }
        return failure;
      }
    }
    return fallback;
  }

  @Override
  public boolean delete(LeadId id) {
    return db.tx("deleting lead " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.leads()
          + " WHERE id = ?")) {
        ps.setString(1, id.value());
        stageChanges.delete(c, id);
        predicateTables.delete(c, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<Lead> page(@Nullable LeadId after, int limit) {
    if (limit <= 0) {
      throw new InvalidValueException("page limit must be positive: " + limit);
    }
    String sql = select + (after == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT ?";
    return db.read("reading a page of leads after " + after, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (after != null) {
          ps.setString(i++, after.value());
        }
        ps.setInt(i, limit);
        List<Lead> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public long count() {
    return db.read("counting leads", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tables.leads());
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private Lead read(ResultSet rs) throws SQLException {
    String owner = rs.getString("owner_id");
    return new Lead(LeadId.of(rs.getString("id")), new EmailAddress(rs.getString("email")),
        codec.readAttributes(rs.getString("attributes")),
        LifecycleStage.valueOf(rs.getString("stage")),
        codec.readStageHistory(rs.getString("stage_history")),
        codec.readConsents(rs.getString("consents")),
        Optional.ofNullable(owner).map(OwnerId::of), codec.readScores(rs.getString("scores")),
        db.requireInstant(rs, "created_at"), db.requireInstant(rs, "updated_at"),
        rs.getLong("version"));
  }
}
