package dev.leadkit.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * P8's reference: the same logical work as the leadkit engine of {@link PipelineEngine}, written
 * by hand in JDBC on its own tables, one transaction per touchpoint (or per batch):
 *
 * <ol>
 *   <li>insert the touchpoint, {@code ON CONFLICT DO NOTHING} (a duplicate id ends the work;
 *       a foreign key refuses an unknown lead);
 *   <li>upsert the lead's score row ({@code + 3} for a pricing view, {@code + 1} for any page
 *       view), returning the new score;
 *   <li>if the score crossed 5: set the lead's stage to MQL and upsert the membership of the score
 *       segment;
 *   <li>if the touchpoint is a pricing view (the behaviour rule holds): upsert the membership of
 *       the behaviour segment; if the lead newly entered it, insert the journey enrolment and, if
 *       that was new, the outbox row for the mail;
 *   <li>commit.
 * </ol>
 *
 * <p>The batch form does each step once for the whole batch (array parameters with
 * {@code unnest}), still in one transaction.
 */
final class PipelineReference {
  static final String VIEWERS = PipelineEngine.VIEWERS.value();
  static final String ENGAGED = PipelineEngine.ENGAGED.value();
  static final double PRICING_POINTS = 3;
  static final double PAGE_POINTS = 1;
  static final double THRESHOLD = 5;

  /** One touchpoint of the stream. */
  record View(String id, String lead, String url) {}

  private final DataSource ds;
  private final String p;
  private final OffsetDateTime now;
  private final String insertTouchpoint;
  private final String upsertScore;
  private final String setStage;
  private final String upsertMember;
  private final String insertEnrolment;
  private final String insertOutbox;

  PipelineReference(DataSource ds, String prefix, Instant now) {
    this.ds = ds;
    this.p = prefix;
    this.now = now.atOffset(ZoneOffset.UTC);
    insertTouchpoint = "INSERT INTO " + p + "touchpoints (id, lead_id, type, at, url) "
        + "VALUES (?, ?, 'page_view', ?, ?) ON CONFLICT DO NOTHING";
    upsertScore = "INSERT INTO " + p + "scores AS s (lead_id, model, score, updated_at) "
        + "VALUES (?, 'engagement', ?, ?) ON CONFLICT (lead_id, model) DO UPDATE "
        + "SET score = s.score + EXCLUDED.score, updated_at = EXCLUDED.updated_at RETURNING score";
    setStage = "UPDATE " + p + "leads SET stage = 'MQL', version = version + 1, updated_at = ? "
        + "WHERE id = ?";
    upsertMember = "INSERT INTO " + p + "segment_members (segment_id, lead_id, entered_at) "
        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    insertEnrolment = "INSERT INTO " + p + "enrolments (id, journey, lead_id, status, step, "
        + "enrolled_at) VALUES (?, 'pricing-follow-up', ?, 'ACTIVE', 'mail', ?) "
        + "ON CONFLICT DO NOTHING";
    insertOutbox = "INSERT INTO " + p + "outbox (message_key, lead_id, template, not_before, "
        + "status) VALUES (?, ?, 'tpl-pricing', ?, 'PENDING') ON CONFLICT DO NOTHING";
  }

  /** Creates the tables and {@code leads} leads; returns their ids. */
  String[] createSchemaAndLeads(int leads) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + p + "leads (id varchar(64) PRIMARY KEY, email varchar(320) "
          + "NOT NULL UNIQUE, stage varchar(32) NOT NULL, version bigint NOT NULL, "
          + "updated_at timestamptz NOT NULL)");
      s.execute("CREATE TABLE " + p + "touchpoints (id varchar(128) PRIMARY KEY, "
          + "lead_id varchar(64) NOT NULL REFERENCES " + p + "leads (id), type varchar(64) "
          + "NOT NULL, at timestamptz NOT NULL, url varchar(2048))");
      s.execute("CREATE INDEX " + p + "touchpoints_lead ON " + p + "touchpoints (lead_id, at)");
      s.execute("CREATE TABLE " + p + "scores (lead_id varchar(64) NOT NULL, model varchar(64) "
          + "NOT NULL, score double precision NOT NULL, updated_at timestamptz NOT NULL, "
          + "PRIMARY KEY (lead_id, model))");
      s.execute("CREATE TABLE " + p + "segment_members (segment_id varchar(64) NOT NULL, "
          + "lead_id varchar(64) NOT NULL, entered_at timestamptz NOT NULL, "
          + "PRIMARY KEY (segment_id, lead_id))");
      s.execute("CREATE TABLE " + p + "enrolments (id varchar(200) PRIMARY KEY, journey "
          + "varchar(64) NOT NULL, lead_id varchar(64) NOT NULL, status varchar(16) NOT NULL, "
          + "step varchar(64), enrolled_at timestamptz NOT NULL, UNIQUE (journey, lead_id))");
      s.execute("CREATE TABLE " + p + "outbox (message_key varchar(300) PRIMARY KEY, "
          + "lead_id varchar(64) NOT NULL, template varchar(64) NOT NULL, not_before "
          + "timestamptz NOT NULL, status varchar(16) NOT NULL)");
      s.execute("INSERT INTO " + p + "leads (id, email, stage, version, updated_at) "
          + "SELECT 'lead-' || lpad(g::text, 8, '0'), 'lead-' || g || '@example.test', "
          + "'KNOWN', 1, now() FROM generate_series(1, " + leads + ") g");
      s.execute("ANALYZE " + p + "leads");
    }
    String[] ids = new String[leads];
    for (int i = 0; i < leads; i++) {
      ids[i] = String.format("lead-%08d", i + 1);
    }
    return ids;
  }

  /** Tracks one touchpoint in one transaction; false if its id was seen before. */
  boolean track(View v) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean fresh;
        try (PreparedStatement ps = c.prepareStatement(insertTouchpoint)) {
          ps.setString(1, v.id());
          ps.setString(2, v.lead());
          ps.setObject(3, now);
          ps.setString(4, v.url());
          fresh = ps.executeUpdate() == 1;
        }
        if (fresh) {
          boolean pricing = v.url().equals(PipelineEngine.PRICING_URL);
          double delta = PAGE_POINTS + (pricing ? PRICING_POINTS : 0);
          double score;
          try (PreparedStatement ps = c.prepareStatement(upsertScore)) {
            ps.setString(1, v.lead());
            ps.setDouble(2, delta);
            ps.setObject(3, now);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              score = rs.getDouble(1);
            }
          }
          if (score - delta < THRESHOLD && score >= THRESHOLD) {
            try (PreparedStatement ps = c.prepareStatement(setStage)) {
              ps.setObject(1, now);
              ps.setString(2, v.lead());
              ps.executeUpdate();
            }
            member(c, ENGAGED, v.lead());
          }
          if (pricing && member(c, VIEWERS, v.lead())) {
            boolean enrolled;
            try (PreparedStatement ps = c.prepareStatement(insertEnrolment)) {
              ps.setString(1, "pricing-follow-up:" + v.lead() + ":1");
              ps.setString(2, v.lead());
              ps.setObject(3, now);
              enrolled = ps.executeUpdate() == 1;
            }
            if (enrolled) {
              try (PreparedStatement ps = c.prepareStatement(insertOutbox)) {
                ps.setString(1, "pricing-follow-up:" + v.lead() + ":1:mail");
                ps.setString(2, v.lead());
                ps.setObject(3, now);
                ps.executeUpdate();
              }
            }
          }
        }
        c.commit();
        return fresh;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Upserts a membership; true if the lead newly entered. */
  private boolean member(Connection c, String segment, String lead) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(upsertMember)) {
      ps.setString(1, segment);
      ps.setString(2, lead);
      ps.setObject(3, now);
      return ps.executeUpdate() == 1;
    }
  }

  /** Tracks a batch in one transaction, each step once for the batch; returns how many were new. */
  int trackAll(List<View> batch) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = trackAll(c, batch);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private int trackAll(Connection c, List<View> batch) throws SQLException {
    String[] ids = new String[batch.size()];
    String[] leads = new String[batch.size()];
    String[] urls = new String[batch.size()];
    Map<String, String> urlOf = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = batch.get(i).id();
      leads[i] = batch.get(i).lead();
      urls[i] = batch.get(i).url();
      urlOf.put(ids[i], urls[i]);
    }
    // 1. touchpoints, keeping the ones really inserted
    Map<String, Double> delta = new LinkedHashMap<>();
    int fresh = 0;
    java.util.Set<String> pricingLeads = new java.util.LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p + "touchpoints (id, "
        + "lead_id, type, at, url) SELECT i, l, 'page_view', ?, u FROM unnest(?::varchar[], "
        + "?::varchar[], ?::varchar[]) AS t(i, l, u) ON CONFLICT DO NOTHING RETURNING id, "
        + "lead_id")) {
      ps.setObject(1, now);
      ps.setArray(2, c.createArrayOf("varchar", ids));
      ps.setArray(3, c.createArrayOf("varchar", leads));
      ps.setArray(4, c.createArrayOf("varchar", urls));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh++;
          String lead = rs.getString(2);
          boolean pricing = PipelineEngine.PRICING_URL.equals(urlOf.get(rs.getString(1)));
          delta.merge(lead, PAGE_POINTS + (pricing ? PRICING_POINTS : 0), Double::sum);
          if (pricing) {
            pricingLeads.add(lead);
          }
        }
      }
    }
    if (fresh == 0) {
      return 0;
    }
    // 2. scores, one row per lead
    List<String> crossed = new ArrayList<>();
    String[] scoreLeads = delta.keySet().toArray(new String[0]);
    Double[] deltas = delta.values().toArray(new Double[0]);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p + "scores AS s (lead_id, "
        + "model, score, updated_at) SELECT l, 'engagement', d, ? FROM unnest(?::varchar[], "
        + "?::float8[]) AS t(l, d) ON CONFLICT (lead_id, model) DO UPDATE SET score = s.score + "
        + "EXCLUDED.score, updated_at = EXCLUDED.updated_at RETURNING lead_id, score")) {
      ps.setObject(1, now);
      ps.setArray(2, c.createArrayOf("varchar", scoreLeads));
      ps.setArray(3, c.createArrayOf("float8", deltas));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String lead = rs.getString(1);
          double score = rs.getDouble(2);
          if (score - delta.get(lead) < THRESHOLD && score >= THRESHOLD) {
            crossed.add(lead);
          }
        }
      }
    }
    // 3. threshold: stage and score segment
    if (!crossed.isEmpty()) {
      Array a = c.createArrayOf("varchar", crossed.toArray());
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + p + "leads SET stage = 'MQL', "
          + "version = version + 1, updated_at = ? WHERE id = ANY(?)")) {
        ps.setObject(1, now);
        ps.setArray(2, a);
        ps.executeUpdate();
      }
      members(c, ENGAGED, a);
    }
    // 4. behaviour segment, enrolments and outbox for the leads that newly entered
    if (!pricingLeads.isEmpty()) {
      List<String> entered = members(c, VIEWERS, c.createArrayOf("varchar",
          pricingLeads.toArray()));
      if (!entered.isEmpty()) {
        List<String> enrolled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p + "enrolments (id, "
            + "journey, lead_id, status, step, enrolled_at) SELECT 'pricing-follow-up:' || l || "
            + "':1', 'pricing-follow-up', l, 'ACTIVE', 'mail', ? FROM unnest(?::varchar[]) AS "
            + "t(l) ON CONFLICT DO NOTHING RETURNING lead_id")) {
          ps.setObject(1, now);
          ps.setArray(2, c.createArrayOf("varchar", entered.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              enrolled.add(rs.getString(1));
            }
          }
        }
        if (!enrolled.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p + "outbox ("
              + "message_key, lead_id, template, not_before, status) SELECT "
              + "'pricing-follow-up:' || l || ':1:mail', l, 'tpl-pricing', ?, 'PENDING' FROM "
              + "unnest(?::varchar[]) AS t(l) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, now);
            ps.setArray(2, c.createArrayOf("varchar", enrolled.toArray()));
            ps.executeUpdate();
          }
        }
      }
    }
    return fresh;
  }

  /** Upserts memberships of {@code leads}; returns the leads that newly entered. */
  private List<String> members(Connection c, String segment, Array leads) throws SQLException {
    List<String> entered = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p + "segment_members "
        + "(segment_id, lead_id, entered_at) SELECT ?, l, ? FROM unnest(?::varchar[]) AS t(l) "
        + "ON CONFLICT DO NOTHING RETURNING lead_id")) {
      ps.setString(1, segment);
      ps.setObject(2, now);
      ps.setArray(3, leads);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entered.add(rs.getString(1));
        }
      }
    }
    return entered;
  }
}
