package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outbox on one table, for several dispatchers on one database.
 *
 * <p>A claim moves up to {@code limit} ready rows ({@code PENDING} and due, or {@code CLAIMED}
 * with an expired lease) to {@code CLAIMED} under a fresh token, skipping rows another claimer
 * has locked ({@link LeaseClaimer}: one {@code UPDATE ... WHERE message_key IN (SELECT ... FOR
 * UPDATE SKIP LOCKED) RETURNING} on PostgreSQL; {@code SELECT ... FOR UPDATE SKIP LOCKED} and
 * {@code UPDATE} in one transaction on MariaDB and H2, where H2 2.x accepts {@code SKIP LOCKED}
 * too).
 *
 * <p>Completion ({@code markSent}, {@code markFailed}, {@code markDead}) is one conditional
 * {@code UPDATE ... WHERE message_key = ? AND status = 'CLAIMED' AND claim_token = ?}: after a
 * lease expired and someone else claimed the row, the old holder's completion changes nothing.
 */
final class JdbcOutbox implements Outbox {
  private static final String COLUMNS = "message_key, lead_id, channel, template, sender, "
      + "template_data, not_before, operational, status, attempts, next_attempt_at, claim_token, "
      + "lease_until, last_error, reason, provider_id, enqueued_at, finished_at";
  private static final String READY = "((status = 'PENDING' AND next_attempt_at <= ?) "
      + "OR (status = 'CLAIMED' AND lease_until <= ?))";
  private static final Comparator<OutboxEntry> CLAIM_ORDER = Comparator
      .comparing(OutboxEntry::nextAttemptAt).thenComparing(e -> e.key().value());

  private final Db db;
  private final Tables tables;
  private final DocumentCodec codec;
  private final AbsentInserter<Row> inserter;
  private final LeaseClaimer<OutboxEntry> claimer;

  /** A message and the time it was enqueued. */
  private record Row(OutboundMessage message, Instant now) {}

  JdbcOutbox(Db db, Tables tables, DocumentCodec codec) {
    this.db = db;
    this.tables = tables;
    this.codec = codec;
    this.inserter = new AbsentInserter<>(db, tables.outbox(), "message_key", List.of(
        "message_key", "lead_id", "channel", "template", "sender", "template_data", "not_before",
        "operational", "status", "attempts", "next_attempt_at", "enqueued_at"),
        "(?, ?, ?, ?, ?, " + db.json() + ", ?, ?, 'PENDING', 0, ?, ?)",
        r -> r.message().key().value(), this::bind);
    this.claimer = new LeaseClaimer<>(db, tables.outbox(), "message_key", COLUMNS, READY,
        "next_attempt_at, message_key", this::read, e -> e.key().value());
  }

  private int bind(PreparedStatement ps, int i, Row r) throws SQLException {
    OutboundMessage m = r.message();
    ps.setString(i, m.key().value());
    ps.setString(i + 1, m.lead().value());
    ps.setString(i + 2, m.channel().name());
    ps.setString(i + 3, m.template());
    JdbcTouchpointLog.setNullable(ps, i + 4, m.sender().map(OwnerId::value));
    ps.setString(i + 5, codec.writeData(m.data()));
    db.setInstant(ps, i + 6, m.notBefore());
    ps.setBoolean(i + 7, m.operational());
    db.setInstant(ps, i + 8, m.notBefore().isAfter(r.now()) ? m.notBefore() : r.now());
    db.setInstant(ps, i + 9, r.now());
    return i + 10;
  }

  @Override
  public boolean enqueue(OutboundMessage message, Instant now) {
    return enqueueAll(List.of(message), now) == 1;
  }

  @Override
  public int enqueueAll(List<OutboundMessage> messages, Instant now) {
    if (messages == null || now == null) {
      throw new InvalidValueException("messages and now must not be null");
    }
    Map<MessageKey, Row> distinct = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      if (m == null) {
        throw new InvalidValueException("message batch contains null");
      }
      distinct.putIfAbsent(m.key(), new Row(m, now));
    }
    if (distinct.isEmpty()) {
      return 0;
    }
    List<Row> rows = List.copyOf(distinct.values());
    return db.txInsertingAbsent("enqueueing " + rows.size() + " messages",
        c -> inserter.insert(c, rows)).size();
  }

  @Override
  public List<OutboxEntry> claim(Instant now, int limit, Duration lease) {
    if (now == null || lease == null || limit <= 0 || lease.isNegative() || lease.isZero()) {
      throw new InvalidValueException("claim needs a time and a positive limit and lease: "
          + now + ", " + limit + ", " + lease);
    }
    String token = UUID.randomUUID().toString();
    Instant until = Db.truncate(now.plus(lease));
    List<OutboxEntry> claimed = new ArrayList<>(claimer.claim("claiming outbox entries", limit,
        (ps, i) -> {
          db.setInstant(ps, i, now);
          db.setInstant(ps, i + 1, now);
          return i + 2;
        },
        "status = 'CLAIMED', claim_token = ?, lease_until = ?, attempts = attempts + 1",
        (ps, i) -> {
          ps.setString(i, token);
          db.setInstant(ps, i + 1, until);
          return i + 2;
        },
        e -> new OutboxEntry(e.message(), OutboxStatus.CLAIMED, e.attempts() + 1,
            e.nextAttemptAt(), Optional.of(token), Optional.of(until), e.lastError(),
            Optional.empty(), e.providerId(), e.enqueuedAt(), e.finishedAt())));
    claimed.sort(CLAIM_ORDER);
    return claimed;
  }

  @Override
  public boolean markSent(MessageKey key, String claimToken, Instant at, String providerId) {
    return complete("marking " + key + " sent", "status = 'SENT', provider_id = ?, "
        + "finished_at = ?", key, claimToken, ps -> {
          ps.setString(1, providerId);
          db.setInstant(ps, 2, at);
          return 3;
        });
  }

  @Override
  public boolean markFailed(MessageKey key, String claimToken, Instant at, String error,
      Instant retryAt) {
    return complete("marking " + key + " failed", "status = 'PENDING', last_error = ?, "
        + "next_attempt_at = ?", key, claimToken, ps -> {
          ps.setString(1, error);
          db.setInstant(ps, 2, retryAt);
          return 3;
        });
  }

  @Override
  public boolean defer(MessageKey key, String claimToken, Instant until, String detail) {
    return complete("deferring " + key, "status = 'PENDING', last_error = ?, "
        + "next_attempt_at = ?, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END",
        key, claimToken, ps -> {
          ps.setString(1, detail);
          db.setInstant(ps, 2, until);
          return 3;
        });
  }

  @Override
  public boolean markDead(MessageKey key, String claimToken, Instant at, NotSentReason reason,
      String error) {
    requireReason(reason);
    return complete("marking " + key + " dead", "status = 'DEAD', last_error = ?, reason = ?, "
        + "finished_at = ?", key, claimToken, ps -> {
          ps.setString(1, error);
          ps.setString(2, reason.name());
          db.setInstant(ps, 3, at);
          return 4;
        });
  }

  private static void requireReason(NotSentReason reason) {
    if (reason == null) {
      throw new InvalidValueException("a cancelled or dead message needs a reason, got null");
    }
  }

  /** Binds the SET values; returns the next free index. */
  @FunctionalInterface
  private interface SetBinder {
    int bind(PreparedStatement ps) throws SQLException;
  }

  private boolean complete(String operation, String set, MessageKey key, String claimToken,
      SetBinder binder) {
    if (key == null || claimToken == null) {
      throw new InvalidValueException("key and claim token must not be null");
    }
    return db.tx(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.outbox() + " SET " + set
          + ", claim_token = NULL, lease_until = NULL WHERE message_key = ? "
          + "AND status = 'CLAIMED' AND claim_token = ?")) {
        int i = binder.bind(ps);
        ps.setString(i, key.value());
        ps.setString(i + 1, claimToken);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean cancel(MessageKey key, Instant at, NotSentReason reason, String detail) {
    requireReason(reason);
    return db.tx("cancelling " + key, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.outbox()
          + " SET status = 'CANCELLED', last_error = ?, reason = ?, finished_at = ?, "
          + "claim_token = NULL, lease_until = NULL WHERE message_key = ? "
          + "AND status IN ('PENDING', 'CLAIMED')")) {
        ps.setString(1, detail);
        ps.setString(2, reason.name());
        db.setInstant(ps, 3, at);
        ps.setString(4, key.value());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<OutboxEntry> find(MessageKey key) {
    return db.read("finding outbox entry " + key, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
          + tables.outbox() + " WHERE message_key = ?")) {
        ps.setString(1, key.value());
        return readAll(ps).stream().findFirst();
      }
    });
  }

  @Override
  public List<OutboxEntry> findByLead(LeadId lead) {
    return db.read("finding outbox entries of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
          + tables.outbox() + " WHERE lead_id = ? ORDER BY enqueued_at, message_key")) {
        ps.setString(1, lead.value());
        return readAll(ps);
      }
    });
  }

  @Override
  public int purgeLead(LeadId lead) {
    return db.tx("purging outbox entries of lead " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.outbox()
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Map<OutboxStatus, Long> countByStatus() {
    return db.read("counting outbox entries", c -> {
      Map<OutboxStatus, Long> m = new EnumMap<>(OutboxStatus.class);
      for (OutboxStatus s : OutboxStatus.values()) {
        m.put(s, 0L);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM "
          + tables.outbox() + " GROUP BY status"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          m.put(OutboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return m;
    });
  }

  private List<OutboxEntry> readAll(PreparedStatement ps) throws SQLException {
    List<OutboxEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  private OutboxEntry read(ResultSet rs) throws SQLException {
    String sender = rs.getString("sender");
    OutboundMessage m = new OutboundMessage(MessageKey.of(rs.getString("message_key")),
        LeadId.of(rs.getString("lead_id")), Channel.of(rs.getString("channel")),
        rs.getString("template"), Optional.ofNullable(sender).map(OwnerId::of),
        codec.readData(rs.getString("template_data")), db.requireInstant(rs, "not_before"),
        rs.getBoolean("operational"));
    OutboxStatus status = OutboxStatus.valueOf(rs.getString("status"));
    return new OutboxEntry(m, status,
        rs.getInt("attempts"), db.requireInstant(rs, "next_attempt_at"),
        Optional.ofNullable(rs.getString("claim_token")), db.optionalInstant(rs, "lease_until"),
        Optional.ofNullable(rs.getString("last_error")), reason(status, rs.getString("reason")),
        Optional.ofNullable(rs.getString("provider_id")), db.requireInstant(rs, "enqueued_at"),
        db.optionalInstant(rs, "finished_at"));
  }

  /**
   * The reason of a cancelled or dead row: the stored one, or {@code OTHER} when there is none
   * (a row finished by a node that did not yet record reasons) or it names a value this version
   * does not know. Other rows have none.
   */
  private static Optional<NotSentReason> reason(OutboxStatus status, @Nullable String stored) {
    if (status != OutboxStatus.CANCELLED && status != OutboxStatus.DEAD) {
      return Optional.empty();
    }
    if (stored != null) {
      for (NotSentReason r : NotSentReason.values()) {
        if (r.name().equals(stored)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.of(NotSentReason.OTHER);
  }
}
