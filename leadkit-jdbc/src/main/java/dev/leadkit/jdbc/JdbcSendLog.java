package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journeys' send log. {@link #reserve} takes a per-lead row lock ({@code SELECT ... FOR
 * UPDATE} on {@code send_lead_locks}) before it counts the lead's recent sends and records the
 * new one, so two engines deciding for the same lead at once are serialised and cannot both
 * break a frequency cap.
 */
final class JdbcSendLog implements SendLog {
  private static final String COLUMNS = "message_key, lead_id, channel, template, sent_at, "
      + "operational, journey, step";

  private final Db db;
  private final Tables tables;
  private final AbsentInserter<SendRecord> records;
  private final AbsentInserter<String> locks;

  JdbcSendLog(Db db, Tables tables) {
    this.db = db;
    this.tables = tables;
    this.records = new AbsentInserter<>(db, tables.sendLog(), "message_key", List.of(
        "message_key", "lead_id", "channel", "template", "sent_at", "operational", "journey",
        "step"), "(?, ?, ?, ?, ?, ?, ?, ?)", r -> r.key().value(), (ps, i, r) -> {
          ps.setString(i, r.key().value());
          ps.setString(i + 1, r.lead().value());
          ps.setString(i + 2, r.channel().name());
          ps.setString(i + 3, r.template());
          db.setInstant(ps, i + 4, r.at());
          ps.setBoolean(i + 5, r.operational());
          ps.setString(i + 6, r.journey());
          ps.setString(i + 7, r.step());
          return i + 8;
        });
    this.locks = new AbsentInserter<>(db, tables.sendLeadLocks(), "lead_id",
        List.of("lead_id"), "(?)", l -> l, (ps, i, l) -> {
          ps.setString(i, l);
          return i + 1;
        });
  }

  @Override
  public Reservation reserve(SendRecord message, List<FrequencyCap> caps) {
    if (message == null || caps == null) {
      throw new InvalidValueException("message and caps must not be null");
    }
    if (message.template().length() > 200 || message.journey().length() > 200
        || message.step().length() > 200) {
      throw new InvalidValueException("send record " + message.key()
          + " has a template, journey or step longer than 200 characters");
    }
    // READ COMMITTED: once the lead's lock is ours, the count must see what the previous holder
    // committed (MariaDB's default REPEATABLE READ would count from an older snapshot)
    return db.txInsertingAbsent("reserving " + message.key(),
        Connection.TRANSACTION_READ_COMMITTED, c -> reserve(c, message, caps));
  }

  private Reservation reserve(Connection c, SendRecord message, List<FrequencyCap> caps)
      throws SQLException {
    if (find(c, message.key()).isPresent()) {
      return Reservation.ALREADY_RECORDED;
    }
    String lead = message.lead().value();
    locks.insert(c, List.of(lead));
    try (PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM "
        + tables.sendLeadLocks() + " WHERE lead_id = ? FOR UPDATE")) {
      ps.setString(1, lead);
      ps.executeQuery().close();
    }
    if (find(c, message.key()).isPresent()) {
      return Reservation.ALREADY_RECORDED;
    }
    if (!message.operational()) {
      for (FrequencyCap cap : caps) {
        if (cap.channel().equals(message.channel()) && near(c, message, cap) >= cap.max()) {
          return Reservation.CAPPED;
        }
      }
    }
    return records.insert(c, List.of(message)).isEmpty() ? Reservation.ALREADY_RECORDED
        : Reservation.RESERVED;
  }

  /** The lead's capped sends on the message's channel strictly within the cap's window. */
  private long near(Connection c, SendRecord m, FrequencyCap cap) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tables.sendLog()
        + " WHERE lead_id = ? AND channel = ? AND operational = ? AND sent_at > ?"
        + " AND sent_at < ?"
        // MariaDB runs at REPEATABLE READ: a plain read here would see the snapshot taken by
        // the first read of the transaction, before the lead lock was granted, and miss sends
        // other nodes committed meanwhile. A locking read sees the latest committed rows.
        + (db.dialect() == Dialect.MARIADB ? " LOCK IN SHARE MODE" : ""))) {
      ps.setString(1, m.lead().value());
      ps.setString(2, m.channel().name());
      ps.setBoolean(3, false);
      db.setInstant(ps, 4, m.at().minus(cap.window()));
      db.setInstant(ps, 5, m.at().plus(cap.window()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Optional<SendRecord> find(MessageKey key) {
    return db.read("finding send record " + key, c -> find(c, key));
  }

  private Optional<SendRecord> find(Connection c, MessageKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
        + tables.sendLog() + " WHERE message_key = ?")) {
      ps.setString(1, key.value());
      return readAll(ps).stream().findFirst();
    }
  }

  @Override
  public List<SendRecord> forLead(LeadId lead, Instant since) {
    return db.read("reading the sends of " + lead, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
          + tables.sendLog() + " WHERE lead_id = ? AND sent_at >= ? ORDER BY sent_at, "
          + "message_key")) {
        ps.setString(1, lead.value());
        db.setInstant(ps, 2, since);
        return readAll(ps);
      }
    });
  }

  @Override
  public int deleteLead(LeadId lead) {
    return db.tx("deleting the sends of " + lead, c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.sendLog()
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.sendLeadLocks()
          + " WHERE lead_id = ?")) {
        ps.setString(1, lead.value());
        ps.executeUpdate();
      }
      return n;
    });
  }

  private List<SendRecord> readAll(PreparedStatement ps) throws SQLException {
    List<SendRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new SendRecord(MessageKey.of(rs.getString(1)), LeadId.of(rs.getString(2)),
            Channel.of(rs.getString(3)), rs.getString(4), db.requireInstant(rs, "sent_at"),
            rs.getBoolean(6), rs.getString(7), rs.getString(8)));
      }
    }
    return out;
  }
}
