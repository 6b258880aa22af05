package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.measure.AmountTotal;
import dev.leadkit.core.measure.AssetConversion;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.LandingPages;
import dev.leadkit.core.measure.LeadActivity;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.MessageOutcome;
import dev.leadkit.core.measure.PathConversion;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.StageCount;
import dev.leadkit.core.measure.SubscriberCounts;
import dev.leadkit.core.measure.TouchpointCount;
import dev.leadkit.core.measure.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link MeasurementSource} pushed down to SQL over the leads, touchpoints and
 * {@code lead_stage_changes} tables.
 *
 * <ul>
 *   <li>Pure {@code GROUP BY}/{@code COUNT} in the database: {@link #stagesAt},
 *       {@link #leadsMoving}, {@link #activity}; the furthest stage per lead in
 *       {@link #furthestStages} and the first goal crossing per lead in
 *       {@link #assetConversions} are correlated subqueries over {@code lead_stage_changes}.
 *   <li>Where a query needs touchpoint properties, lead attributes or consents, which are JSON
 *       columns that H2 cannot query, the database selects the rows (by type, time window and
 *       existing lead) and Java parses the JSON of those rows only and aggregates them in one
 *       pass: {@link #touchpointCounts}, {@link #amounts}, {@link #messageOutcomes},
 *       {@link #landingPageConversions}, {@link #assetConversions} (the download rows),
 *       {@link #subscribers} (the consents column of every lead), and the group key of
 *       {@link #furthestStages} when grouping by attribute or creation month. {@link #stageMoves}
 *       streams the stage-change rows into and out of the two stages and pairs them in Java.
 * </ul>
 *
 * <p>Every value is a bound parameter. Like the in-memory source, touchpoints count when their
 * lead exists in the lead store, or when they are anonymous (no lead, a visitor).
 */
final class JdbcMeasurementSource implements MeasurementSource {
  private static final Comparator<List<String>> GROUP_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };
  private static final List<TouchpointType> MAIL_TYPES = List.of(TouchpointType.EMAIL_SENT,
      TouchpointType.EMAIL_OPENED, TouchpointType.EMAIL_CLICKED, TouchpointType.EMAIL_BOUNCED,
      TouchpointType.EMAIL_UNSUBSCRIBED);

  /** The one group of {@link LeadGrouping#all()}. */
  private static final String ALL_GROUP = "all";

  private final Db db;
  private final Tables tables;
  private final DocumentCodec codec;

  JdbcMeasurementSource(Db db, Tables tables, DocumentCodec codec) {
    this.db = db;
    this.tables = tables;
    this.codec = codec;
  }

  // ------------------------------------------------------------------ stages

  @Override
  public List<StageCount> furthestStages(ReportPeriod createdIn, Instant asOf,
      LeadGrouping grouping) {
    notNull(createdIn, "createdIn");
    notNull(asOf, "asOf");
    notNull(grouping, "grouping");
    String sc = tables.leadStageChanges();
    boolean attributes = grouping instanceof LeadGrouping.ByAttribute;
    String sql = "SELECT l.created_at, " + (attributes ? "l.attributes" : "NULL")
        + " AS attrs, s.to_stage FROM " + tables.leads() + " l LEFT JOIN " + sc
        + " s ON s.lead_id = l.id AND s.seq = (SELECT MIN(s2.seq) FROM " + sc
        + " s2 WHERE s2.lead_id = l.id AND s2.changed_at < ? AND s2.to_rank = (SELECT"
        + " MAX(s3.to_rank) FROM " + sc + " s3 WHERE s3.lead_id = l.id AND s3.changed_at < ?))"
        + " WHERE l.created_at >= ? AND l.created_at < ?";
    Map<String, EnumMap<LifecycleStage, Long>> m = new TreeMap<>();
    db.read("counting furthest stages", SqlWork.of(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        db.setInstant(ps, 1, asOf);
        db.setInstant(ps, 2, asOf);
        db.setInstant(ps, 3, createdIn.from());
        db.setInstant(ps, 4, createdIn.to());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String to = rs.getString("to_stage");
            LifecycleStage furthest = LifecycleStage.KNOWN;
            if (to != null && LifecycleStage.valueOf(to).rank() > furthest.rank()) {
              furthest = LifecycleStage.valueOf(to);
            }
            String group;
            if (grouping instanceof LeadGrouping.ByAttribute a) {
              group = codec.readAttributes(rs.getString("attrs")).text(a.key())
                  .orElse(LeadGrouping.MISSING);
            } else if (grouping instanceof LeadGrouping.ByCreationMonth cm) {
              group = YearMonth.from(db.requireInstant(rs, "created_at").atZone(cm.zone()))
                  .toString();
            } else {
              group = ALL_GROUP;
            }
            m.computeIfAbsent(group, k -> new EnumMap<>(LifecycleStage.class))
                .merge(furthest, 1L, Long::sum);
          }
        }
      }
    }));
    List<StageCount> out = new ArrayList<>();
    m.forEach((g, counts) -> counts.forEach((s, n) -> out.add(new StageCount(g, s, n))));
    return out;
  }

  @Override
  public Map<LifecycleStage, Long> stagesAt(Instant asOf) {
    notNull(asOf, "asOf");
    String sc = tables.leadStageChanges();
    String sql = "SELECT s.to_stage, COUNT(*) FROM " + tables.leads() + " l LEFT JOIN " + sc
        + " s ON s.lead_id = l.id AND s.seq = (SELECT MAX(s2.seq) FROM " + sc
        + " s2 WHERE s2.lead_id = l.id AND s2.changed_at < ?) WHERE l.created_at < ?"
        + " GROUP BY s.to_stage";
    return db.read("counting stages at " + asOf, c -> {
      EnumMap<LifecycleStage, Long> m = new EnumMap<>(LifecycleStage.class);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        db.setInstant(ps, 1, asOf);
        db.setInstant(ps, 2, asOf);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String s = rs.getString(1);
            m.merge(s == null ? LifecycleStage.KNOWN : LifecycleStage.valueOf(s), rs.getLong(2),
                Long::sum);
          }
        }
      }
      return m;
    });
  }

  @Override
  public long leadsMoving(ReportPeriod period, Set<LifecycleStage> from,
      Set<LifecycleStage> to) {
    notNull(period, "period");
    notNull(from, "from");
    notNull(to, "to");
    if (to.isEmpty()) {
      return 0;
    }
    List<String> toNames = names(to);
    List<String> fromNames = names(from);
    String sql = "SELECT COUNT(DISTINCT s.lead_id) FROM " + tables.leadStageChanges()
        + " s WHERE s.changed_at >= ? AND s.changed_at < ? AND s.to_stage IN "
        + SqlLists.in(toNames.size()) + (fromNames.isEmpty() ? ""
            : " AND s.from_stage IN " + SqlLists.in(fromNames.size()));
    return db.read("counting leads moving", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        db.setInstant(ps, 1, period.from());
        db.setInstant(ps, 2, period.to());
        int i = SqlLists.bind(ps, 3, toNames);
        SqlLists.bind(ps, i, fromNames);
        return single(ps);
      }
    });
  }

  @Override
  public List<Duration> stageMoves(ReportPeriod period, LifecycleStage from,
      LifecycleStage to) {
    notNull(period, "period");
    notNull(from, "from");
    notNull(to, "to");
    if (from == to) {
      throw new InvalidValueException("a stage move needs two different stages, got " + from
          + " twice");
    }
    String sql = "SELECT s.lead_id, l.created_at, s.to_stage, s.changed_at FROM "
        + tables.leadStageChanges() + " s JOIN " + tables.leads() + " l ON l.id = s.lead_id"
        + " WHERE s.to_stage IN (?, ?) AND s.changed_at < ? ORDER BY s.lead_id, s.seq";
    List<Duration> out = new ArrayList<>();
    db.read("measuring moves from " + from + " to " + to, SqlWork.of(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, from.name());
        ps.setString(2, to.name());
        db.setInstant(ps, 3, period.to());
        try (ResultSet rs = ps.executeQuery()) {
          String lead = null;
          Instant lastFrom = null;
          while (rs.next()) {
            String id = rs.getString(1);
            if (!id.equals(lead)) {
              lead = id;
              lastFrom = from == LifecycleStage.KNOWN ? db.requireInstant(rs, "created_at")
                  : null;
            }
            Instant at = db.requireInstant(rs, "changed_at");
            if (LifecycleStage.valueOf(rs.getString(3)) == to) {
              if (lastFrom != null && period.contains(at)) {
                out.add(Duration.between(lastFrom, at));
              }
              lastFrom = null;
            } else {
              lastFrom = at;
            }
          }
        }
      }
    }));
    out.sort(Comparator.naturalOrder());
    return out;
  }

  // ------------------------------------------------------------------ activity

  @Override
  public LeadActivity activity(ReportPeriod period, Set<TouchpointType> passive) {
    notNull(period, "period");
    notNull(passive, "passive");
    List<String> passiveNames = passive.stream().map(TouchpointType::name).sorted().toList();
    String notPassive = passiveNames.isEmpty() ? ""
        : " AND t.type NOT IN " + SqlLists.in(passiveNames.size());
    String created = "SELECT COUNT(*) FROM " + tables.leads()
        + " WHERE created_at >= ? AND created_at < ?";
    String active = "SELECT COUNT(*) FROM " + tables.leads() + " l WHERE (l.created_at >= ?"
        + " AND l.created_at < ?) OR EXISTS (SELECT 1 FROM " + tables.leadStageChanges()
        + " s WHERE s.lead_id = l.id AND s.changed_at >= ? AND s.changed_at < ?) OR EXISTS"
        + " (SELECT 1 FROM " + tables.touchpoints() + " t WHERE t.lead_id = l.id"
        + " AND t.occurred_at >= ? AND t.occurred_at < ?" + notPassive + ")";
    String anonymous = "SELECT COUNT(DISTINCT t.visitor_id) FROM " + tables.touchpoints()
        + " t WHERE t.lead_id IS NULL AND t.visitor_id IS NOT NULL AND t.occurred_at >= ?"
        + " AND t.occurred_at < ?" + notPassive;
    return db.read("measuring activity", c -> {
      long n;
      long a;
      long v;
      try (PreparedStatement ps = c.prepareStatement(created)) {
        bindPeriod(ps, 1, period);
        n = single(ps);
      }
      try (PreparedStatement ps = c.prepareStatement(active)) {
        int i = bindPeriod(ps, 1, period);
        i = bindPeriod(ps, i, period);
        i = bindPeriod(ps, i, period);
        SqlLists.bind(ps, i, passiveNames);
        a = single(ps);
      }
      try (PreparedStatement ps = c.prepareStatement(anonymous)) {
        SqlLists.bind(ps, bindPeriod(ps, 1, period), passiveNames);
        v = single(ps);
      }
      return new LeadActivity(n, a, v);
    });
  }

  // ------------------------------------------------------------------ touchpoints

  /** A touchpoint row as the property-based queries read it. */
  private record Row(String subject, boolean anonymous, TouchpointType type, Instant at,
      String id, Map<PropertyKey, String> properties) {
    Optional<String> property(PropertyKey key) {
      return Optional.ofNullable(properties.get(key));
    }
  }

  @FunctionalInterface
  private interface RowSink {
    void accept(Row row) throws SQLException;
  }

  /**
   * Streams the touchpoints of {@code types} with {@code from <= at} and {@code at < to} (or
   * {@code at <= to} if {@code toInclusive}; either bound may be null), of existing leads and
   * anonymous visitors, ordered by subject (lead, else visitor), time and id.
   */
  private void touchpoints(Connection c, Collection<TouchpointType> types,
      @org.jspecify.annotations.Nullable Instant from,
      @org.jspecify.annotations.Nullable Instant to, boolean toInclusive, boolean anonymous,
      RowSink sink) throws SQLException {
    List<String> typeNames = types.stream().map(TouchpointType::name).distinct().sorted()
        .toList();
    String t = tables.touchpoints();
    StringBuilder sql = new StringBuilder("SELECT t.id, t.lead_id, t.visitor_id, t.type,"
        + " t.occurred_at, t.properties FROM " + t + " t WHERE t.type IN "
        + SqlLists.in(typeNames.size()));
    if (from != null) {
      sql.append(" AND t.occurred_at >= ?");
    }
    if (to != null) {
      sql.append(toInclusive ? " AND t.occurred_at <= ?" : " AND t.occurred_at < ?");
    }
    sql.append(" AND (t.lead_id IN (SELECT l.id FROM ").append(tables.leads()).append(" l)");
    if (anonymous) {
      sql.append(" OR (t.lead_id IS NULL AND t.visitor_id IS NOT NULL)");
    }
    // one subject's rows together, each in time order (what the in-memory log returns)
    sql.append(") ORDER BY t.lead_id, CASE WHEN t.lead_id IS NULL THEN t.visitor_id END,"
        + " t.occurred_at, t.id");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = SqlLists.bind(ps, 1, typeNames);
      if (from != null) {
        db.setInstant(ps, i++, from);
      }
      if (to != null) {
        db.setInstant(ps, i, to);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String lead = rs.getString("lead_id");
          sink.accept(new Row(lead != null ? lead : rs.getString("visitor_id"), lead == null,
              TouchpointType.of(rs.getString("type")), db.requireInstant(rs, "occurred_at"),
              rs.getString("id"), codec.readProperties(rs.getString("properties"))));
        }
      }
    }
  }

  private static boolean matches(TouchpointFilter filter, Row r) {
    for (Map.Entry<PropertyKey, Set<String>> e : filter.propertyIn().entrySet()) {
      String v = r.properties().get(e.getKey());
      if (v == null || !e.getValue().contains(v)) {
        return false;
      }
    }
    return filter.types().contains(r.type());
  }

  private static List<String> groupValues(Row r, List<PropertyKey> keys) {
    List<String> g = new ArrayList<>(keys.size());
    for (PropertyKey k : keys) {
      g.add(r.properties().getOrDefault(k, LeadGrouping.MISSING));
    }
    return g;
  }

  @Override
  public List<TouchpointCount> touchpointCounts(ReportPeriod period, TouchpointFilter filter,
      List<PropertyKey> groupBy) {
    notNull(period, "period");
    notNull(filter, "filter");
    notNull(groupBy, "groupBy");
    Map<List<String>, long[]> counts = new TreeMap<>(GROUP_ORDER);
    Set<List<String>> leadsSeen = new HashSet<>();
    db.read("counting touchpoints", SqlWork.of(c -> {
      touchpoints(c, filter.types(), period.from(), period.to(), false, true, r -> {
        if (!matches(filter, r)) {
          return;
        }
        List<String> g = groupValues(r, groupBy);
        long[] n = counts.computeIfAbsent(g, k -> new long[2]);
        n[0]++;
        if (!r.anonymous()) {
          List<String> key = new ArrayList<>(g);
          key.add(r.subject());
          if (leadsSeen.add(key)) {
            n[1]++;
          }
        }
      });
    }));
    List<TouchpointCount> out = new ArrayList<>();
    counts.forEach((g, n) -> out.add(new TouchpointCount(g, n[0], n[1])));
    return out;
  }

  @Override
  public AmountTotal amounts(ReportPeriod period, TouchpointFilter filter, PropertyKey amount) {
    notNull(period, "period");
    notNull(filter, "filter");
    notNull(amount, "amount");
    long[] n = {0, 0};
    BigDecimal[] sum = {BigDecimal.ZERO};
    db.read("summing amounts", SqlWork.of(c -> {
      touchpoints(c, filter.types(), period.from(), period.to(), false, true, r -> {
        if (!matches(filter, r)) {
          return;
        }
        Optional<BigDecimal> v = r.property(amount).flatMap(AmountTotal::parse);
        if (v.isPresent()) {
          n[0]++;
          sum[0] = sum[0].add(v.get());
        } else {
          n[1]++;
        }
      });
    }));
    return new AmountTotal(n[0], sum[0], n[1]);
  }

  /** A stage change row: from, to, time. */
  private record Change(LifecycleStage from, LifecycleStage to, Instant at) {}

  /** The stage changes at or after {@code since} of every lead, by lead, in history order. */
  private Map<String, List<Change>> changesSince(Connection c, Instant since)
      throws SQLException {
    Map<String, List<Change>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, from_stage, to_stage,"
        + " changed_at FROM " + tables.leadStageChanges() + " WHERE changed_at >= ?"
        + " ORDER BY lead_id, seq")) {
      db.setInstant(ps, 1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Change(
              LifecycleStage.valueOf(rs.getString(2)), LifecycleStage.valueOf(rs.getString(3)),
              db.requireInstant(rs, "changed_at")));
        }
      }
    }
    return out;
  }

  @Override
  public List<MessageOutcome> messageOutcomes(ReportPeriod sentIn, List<PropertyKey> groupBy,
      Attribution attribution) {
    notNull(sentIn, "sentIn");
    notNull(groupBy, "groupBy");
    notNull(attribution, "attribution");
    Instant since = sentIn.from().minus(attribution.window());
    Map<List<String>, long[]> counts = new TreeMap<>(GROUP_ORDER);
    db.read("measuring message outcomes", SqlWork.of(c -> {
      // a conversion counts only within the window after a send at or after "since"
      Map<String, List<Change>> changes = changesSince(c, since);
      List<Row> lead = new ArrayList<>();
      RowSink flush = ignored -> {
        outcomesOfLead(lead, changes.getOrDefault(lead.get(0).subject(), List.of()), sentIn,
            groupBy, attribution, counts);
        lead.clear();
      };
      touchpoints(c, MAIL_TYPES, since, null, false, false, r -> {
        if (!lead.isEmpty() && !lead.get(0).subject().equals(r.subject())) {
          flush.accept(r);
        }
        lead.add(r);
      });
      if (!lead.isEmpty()) {
        flush.accept(lead.get(0));
      }
    }));
    List<MessageOutcome> out = new ArrayList<>();
    counts.forEach((g, n) -> out.add(new MessageOutcome(g, n[0], n[1], n[2], n[3], n[4], n[5])));
    return out;
  }

  private static void outcomesOfLead(List<Row> mail, List<Change> changes, ReportPeriod sentIn,
      List<PropertyKey> groupBy, Attribution attribution, Map<List<String>, long[]> counts) {
    List<Row> sent = new ArrayList<>();
    Map<String, Set<TouchpointType>> outcomes = new HashMap<>();
    for (Row t : mail) {
      if (t.type().equals(TouchpointType.EMAIL_SENT)) {
        sent.add(t);
      } else {
        t.property(PropertyKey.MESSAGE_KEY).ifPresent(k -> outcomes
            .computeIfAbsent(k, x -> new HashSet<>()).add(t.type()));
      }
    }
    if (sent.isEmpty()) {
      return;
    }
    Set<String> converted = new HashSet<>();
    for (Change ch : changes) {
      if (!attribution.isConversion(ch.from(), ch.to())) {
        continue;
      }
      Row last = null;
      for (Row s : sent) {
        if (s.at().isBefore(ch.at())) {
          last = s;
        }
      }
      if (last != null && !ch.at().isAfter(last.at().plus(attribution.window()))) {
        converted.add(last.id());
      }
    }
    for (Row s : sent) {
      if (!sentIn.contains(s.at())) {
        continue;
      }
      Set<TouchpointType> o = s.property(PropertyKey.MESSAGE_KEY).map(outcomes::get)
          .orElse(null);
      if (o == null) {
        o = Set.of();
      }
      long[] n = counts.computeIfAbsent(groupValues(s, groupBy), k -> new long[6]);
      n[0]++;
      if (o.contains(TouchpointType.EMAIL_BOUNCED)) {
        n[1]++;
        continue;
      }
      boolean clicked = o.contains(TouchpointType.EMAIL_CLICKED);
      n[2] += clicked || o.contains(TouchpointType.EMAIL_OPENED) ? 1 : 0;
      n[3] += clicked ? 1 : 0;
      n[4] += o.contains(TouchpointType.EMAIL_UNSUBSCRIBED) ? 1 : 0;
      n[5] += converted.contains(s.id()) ? 1 : 0;
    }
  }

  @Override
  public PathConversion landingPageConversions(ReportPeriod period, LandingPages pages,
      Set<TouchpointType> conversionTypes, Duration window) {
    notNull(period, "period");
    notNull(pages, "pages");
    notNull(conversionTypes, "conversionTypes");
    notNull(window, "window");
    List<TouchpointType> types = new ArrayList<>(conversionTypes);
    types.add(TouchpointType.PAGE_VIEW);
    long[] n = {0, 0};
    db.read("measuring landing page conversions", SqlWork.of(c -> {
      List<Row> subject = new ArrayList<>();
      RowSink flush = ignored -> {
        landingPageSubject(subject, period, pages, conversionTypes, window, n);
        subject.clear();
      };
      touchpoints(c, types, period.from(), period.to().plus(window), true, true, r -> {
        if (!subject.isEmpty() && (!subject.get(0).subject().equals(r.subject())
            || subject.get(0).anonymous() != r.anonymous())) {
          flush.accept(r);
        }
        subject.add(r);
      });
      if (!subject.isEmpty()) {
        flush.accept(subject.get(0));
      }
    }));
    return new PathConversion(n[0], n[1]);
  }

  private static void landingPageSubject(List<Row> rows, ReportPeriod period, LandingPages pages,
      Set<TouchpointType> conversionTypes, Duration window, long[] n) {
    List<Instant> views = new ArrayList<>();
    List<Instant> conversions = new ArrayList<>();
    for (Row t : rows) {
      if (t.type().equals(TouchpointType.PAGE_VIEW) && period.contains(t.at())
          && t.property(PropertyKey.URL).map(pages::matches).orElse(false)) {
        views.add(t.at());
      }
      if (conversionTypes.contains(t.type())) {
        conversions.add(t.at());
      }
    }
    if (views.isEmpty()) {
      return;
    }
    n[0]++;
    for (Instant conv : conversions) {
      for (Instant v : views) {
        if (!conv.isBefore(v) && !conv.isAfter(v.plus(window))) {
          n[1]++;
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------ leads

  @Override
  public SubscriberCounts subscribers(ReportPeriod period, Channel channel) {
    notNull(period, "period");
    notNull(channel, "channel");
    long[] n = {0, 0, 0};
    db.read("counting subscribers", SqlWork.of(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT consents FROM " + tables.leads());
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ConsentRecord r = codec.readConsents(rs.getString(1)).get(channel);
          if (r == null) {
            continue;
          }
          if (r.status() == ConsentStatus.SUBSCRIBED && r.at().isBefore(period.to())) {
            n[0]++;
            n[1] += period.contains(r.at()) ? 1 : 0;
          }
          if (r.status() == ConsentStatus.UNSUBSCRIBED && period.contains(r.at())) {
            n[2]++;
          }
        }
      }
    }));
    return new SubscriberCounts(n[0], n[1], n[2]);
  }

  @Override
  public List<AssetConversion> assetConversions(List<AttributeKey> personaKeys,
      LifecycleStage goal) {
    notNull(personaKeys, "personaKeys");
    notNull(goal, "goal");
    String sc = tables.leadStageChanges();
    String crossings = "SELECT s.lead_id, s.changed_at FROM " + sc + " s WHERE s.to_rank >= ?"
        + " AND s.from_rank < ? AND s.seq = (SELECT MIN(s2.seq) FROM " + sc + " s2 WHERE"
        + " s2.lead_id = s.lead_id AND s2.to_rank >= ? AND s2.from_rank < ?)";
    String downloads = "SELECT t.lead_id, t.occurred_at, t.properties, l.attributes FROM "
        + tables.touchpoints() + " t JOIN " + tables.leads() + " l ON l.id = t.lead_id"
        + " WHERE t.type = ? ORDER BY t.lead_id, t.occurred_at, t.id";
    Map<List<String>, Map<String, long[]>> m = new TreeMap<>(GROUP_ORDER);
    db.read("measuring asset conversions", SqlWork.of(c -> {
      Map<String, Instant> converted = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(crossings)) {
        for (int i = 1; i <= 4; i++) {
          ps.setInt(i, goal.rank());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            converted.put(rs.getString(1), db.requireInstant(rs, "changed_at"));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(downloads)) {
        ps.setString(1, TouchpointType.ASSET_DOWNLOADED.name());
        try (ResultSet rs = ps.executeQuery()) {
          String lead = null;
          Map<String, Instant> first = new LinkedHashMap<>();
          String attributes = null;
          while (true) {
            boolean more = rs.next();
            String id = more ? rs.getString(1) : null;
            if (lead != null && !lead.equals(id)) {
              if (attributes == null) {
                throw new IllegalStateException("lead " + lead + " has no attributes document");
              }
              countAssets(m, personaKeys, codec.readAttributes(attributes), first,
                  converted.get(lead));
              first.clear();
            }
            if (!more) {
              break;
            }
            lead = id;
            attributes = rs.getString(4);
            Instant at = db.requireInstant(rs, "occurred_at");
            String asset = codec.readProperties(rs.getString(3)).get(PropertyKey.ASSET);
            if (asset != null) {
              first.putIfAbsent(asset, at);
            }
          }
        }
      }
    }));
    List<AssetConversion> out = new ArrayList<>();
    m.forEach((p, byAsset) -> byAsset.forEach((a, n) ->
        out.add(new AssetConversion(p, a, n[0], n[1]))));
    return out;
  }

  private static void countAssets(Map<List<String>, Map<String, long[]>> m,
      List<AttributeKey> personaKeys, Attributes attributes, Map<String, Instant> first,
      @org.jspecify.annotations.Nullable Instant converted) {
    if (first.isEmpty()) {
      return;
    }
    List<String> persona = new ArrayList<>(personaKeys.size());
    for (AttributeKey k : personaKeys) {
      persona.add(attributes.text(k).orElse(LeadGrouping.MISSING));
    }
    Map<String, long[]> byAsset = m.computeIfAbsent(persona, k -> new TreeMap<>());
    for (Map.Entry<String, Instant> e : first.entrySet()) {
      long[] n = byAsset.computeIfAbsent(e.getKey(), k -> new long[2]);
      n[0]++;
      if (converted != null && e.getValue().isBefore(converted)) {
        n[1]++;
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static List<String> names(Set<LifecycleStage> stages) {
    return stages.stream().map(LifecycleStage::name).sorted().toList();
  }

  private int bindPeriod(PreparedStatement ps, int i, ReportPeriod p) throws SQLException {
    db.setInstant(ps, i, p.from());
    db.setInstant(ps, i + 1, p.to());
    return i + 2;
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new InvalidValueException(name + " must not be null");
    }
    return value;
  }
}
