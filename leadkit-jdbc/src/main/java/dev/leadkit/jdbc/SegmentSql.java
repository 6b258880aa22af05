package dev.leadkit.jdbc;

import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Comparison;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.predicate.Glob;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Translates a {@link Predicate} into a SQL condition on one row of the leads table (alias
 * {@code l}), for PostgreSQL, MariaDB and H2. Every value is a bound parameter; only table
 * names (from {@link Tables}) and the library's own constants appear in the SQL text.
 *
 * <p>Every leaf is written so that it is never NULL ({@code EXISTS}, {@code IS NOT NULL}
 * guards), so {@code AND}, {@code OR} and {@code NOT} map directly. Touchpoint property
 * conditions read {@code touchpoint_properties} (URL globs starting with {@code /} its
 * {@code path_value}). A glob with {@code *} or {@code ?} (which must not match {@code /})
 * has no exact LIKE form: its count or last-touch leaf is replaced by a necessary condition
 * (the same leaf with the wider LIKE, {@code *} as {@code %}, {@code ?} as {@code _}) where it
 * appears positively and by FALSE under an odd number of {@code not}s, so the condition
 * selects a superset of the matching leads; {@link Translation#exact()} is then false and the
 * caller re-checks the candidates in Java with the compiled predicate.
 *
 * <p>{@code in segment "x"} reads the stored membership table, as the in-memory evaluator
 * reads the stored membership (no inlining of the referenced definition).
 */
final class SegmentSql {
  /** A bound parameter. */
  @FunctionalInterface
  interface Param {
    void bind(Db db, PreparedStatement ps, int index) throws SQLException;
  }

  /**
   * A translated condition, its parameters in order, whether it is exact, and whether it holds
   * a touchpoint aggregate ({@code GROUP BY t.lead_id}) that the database computes over every
   * lead whatever the page: the cost of such a statement hardly depends on its {@code LIMIT}.
   */
  record Translation(String where, List<Param> params, boolean exact, boolean aggregated) {
    int bind(Db db, PreparedStatement ps, int first) throws SQLException {
      int i = first;
      for (Param p : params) {
        p.bind(db, ps, i++);
      }
      return i;
    }
  }

  private static final String TRUE = "1=1";
  private static final String FALSE = "1=0";

  private final Tables tables;
  private final Instant now;
  private final LocalDate today;
  private final List<Param> params = new ArrayList<>();
  private boolean exact = true;
  private boolean aggregated;

  private SegmentSql(Tables tables, Instant now) {
    this.tables = tables;
    this.now = now;
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  static Translation translate(Predicate p, Tables tables, Instant now) {
    SegmentSql s = new SegmentSql(tables, now);
    String where = s.node(p, true);
    return new Translation(where, List.copyOf(s.params), s.exact, s.aggregated);
  }

  // ------------------------------------------------------------------ parameters

  private String text(String v) {
    params.add((db, ps, i) -> ps.setString(i, v));
    return "?";
  }

  private String texts(Collection<String> vs) {
    List<String> out = new ArrayList<>();
    for (String v : vs) {
      out.add(text(v));
    }
    return "(" + String.join(", ", out) + ")";
  }

  private String decimal(BigDecimal v) {
    params.add((db, ps, i) -> ps.setBigDecimal(i, v));
    return "?";
  }

  private String bool(boolean v) {
    params.add((db, ps, i) -> ps.setBoolean(i, v));
    return "?";
  }

  private String date(LocalDate v) {
    params.add((db, ps, i) -> ps.setObject(i, v));
    return "?";
  }

  private String instant(Instant v) {
    params.add((db, ps, i) -> db.setInstant(ps, i, v));
    return "?";
  }

  private String real(double v) {
    params.add((db, ps, i) -> ps.setDouble(i, v));
    return "?";
  }

  private String integer(int v) {
    params.add((db, ps, i) -> ps.setInt(i, v));
    return "?";
  }

  // ------------------------------------------------------------------ nodes

  private String node(Predicate p, boolean positive) {
    if (p instanceof Predicate.Constant c) {
      return c.value() ? TRUE : FALSE;
    }
    if (p instanceof Predicate.And a) {
      return join(a.operands(), " AND ", positive);
    }
    if (p instanceof Predicate.Or o) {
      return join(o.operands(), " OR ", positive);
    }
    if (p instanceof Predicate.Not n) {
      return "NOT (" + node(n.operand(), !positive) + ")";
    }
    if (p instanceof Predicate.Attribute a) {
      return attribute(a);
    }
    if (p instanceof Predicate.StageIn s) {
      return "l.stage IN " + texts(s.stages().stream().map(LifecycleStage::name).toList());
    }
    if (p instanceof Predicate.StageAtLeast s) {
      List<String> names = new ArrayList<>();
      for (LifecycleStage st : LifecycleStage.values()) {
        if (st.rank() >= s.stage().rank()) {
          names.add(st.name());
        }
      }
      return "l.stage IN " + texts(names);
    }
    if (p instanceof Predicate.ScoreCompare s) {
      return "EXISTS (SELECT 1 FROM " + tables.leadScores() + " s WHERE s.lead_id = l.id"
          + " AND s.model = " + text(s.model()) + " AND s.score_value " + s.op().symbol() + " "
          + real(s.value()) + ")";
    }
    if (p instanceof Predicate.ScoreBand s) {
      return "EXISTS (SELECT 1 FROM " + tables.leadScores() + " s WHERE s.lead_id = l.id"
          + " AND s.model = " + text(s.model()) + " AND s.band IN " + texts(s.bands()) + ")";
    }
    if (p instanceof Predicate.ConsentIs c) {
      String exists = "EXISTS (SELECT 1 FROM " + tables.leadConsents() + " c WHERE c.lead_id"
          + " = l.id AND c.channel = " + text(c.channel().name());
      if (c.status().isEmpty()) {
        return "NOT " + exists + ")";
      }
      return exists + " AND c.status = " + text(c.status().get().name()) + ")";
    }
    if (p instanceof Predicate.OwnerIn o) {
      return "(l.owner_id IS NOT NULL AND l.owner_id IN "
          + texts(o.owners().stream().map(OwnerId::value).toList()) + ")";
    }
    if (p instanceof Predicate.HasOwner) {
      return "l.owner_id IS NOT NULL";
    }
    if (p instanceof Predicate.InList l) {
      return "EXISTS (SELECT 1 FROM " + tables.listMembers() + " m WHERE m.list_id = "
          + text(l.list().value()) + " AND m.lead_id = l.id)";
    }
    if (p instanceof Predicate.InSegment s) {
      return "EXISTS (SELECT 1 FROM " + tables.segmentMembers() + " m WHERE m.segment_id = "
          + text(s.segment().value()) + " AND m.lead_id = l.id)";
    }
    if (p instanceof Predicate.TouchCount c) {
      return touchCount(c, positive);
    }
    if (p instanceof Predicate.LastTouch t) {
      return lastTouch(t, positive);
    }
    throw new JdbcException("no SQL translation for predicate node " + p);
  }

  private String join(List<Predicate> operands, String op, boolean positive) {
    List<String> parts = new ArrayList<>(operands.size());
    for (Predicate o : operands) {
      parts.add(node(o, positive));
    }
    return "(" + String.join(op, parts) + ")";
  }

  // ------------------------------------------------------------------ attributes

  private String attribute(Predicate.Attribute a) {
    AttributeTest t = a.test();
    String row = "SELECT 1 FROM " + tables.leadAttributes() + " a WHERE a.lead_id = l.id"
        + " AND a.attr_key = " + text(a.key().name());
    if (t instanceof AttributeTest.Exists) {
      return "EXISTS (" + row + ")";
    }
    if (t instanceof AttributeTest.Missing) {
      return "NOT EXISTS (" + row + ")";
    }
    if (t instanceof AttributeTest.Equals e) {
      return "EXISTS (" + row + " AND " + equality(e.operand()) + ")";
    }
    if (t instanceof AttributeTest.NotEquals e) {
      // the key is repeated: a second parameter for the second sub-query
      String again = "SELECT 1 FROM " + tables.leadAttributes() + " a WHERE a.lead_id = l.id"
          + " AND a.attr_key = " + text(a.key().name());
      return "(EXISTS (" + row + ") AND NOT EXISTS (" + again + " AND "
          + equality(e.operand()) + "))";
    }
    if (t instanceof AttributeTest.In in) {
      List<String> any = new ArrayList<>();
      for (AttributeValue v : in.values()) {
        any.add(equality(new Operand.Literal(v)));
      }
      return "EXISTS (" + row + " AND (" + String.join(" OR ", any) + "))";
    }
    if (t instanceof AttributeTest.Contains c) {
      return "EXISTS (" + row + " AND a.kind IN ('" + PredicateTables.TEXT + "', '"
          + PredicateTables.LIST + "') AND a.text_value LIKE " + text("%" + like(c.text()) + "%")
          + " ESCAPE '!')";
    }
    if (t instanceof AttributeTest.StartsWith s) {
      return "EXISTS (" + row + " AND a.kind IN ('" + PredicateTables.TEXT + "', '"
          + PredicateTables.LIST + "') AND a.text_value LIKE " + text(like(s.prefix()) + "%")
          + " ESCAPE '!')";
    }
    if (t instanceof AttributeTest.Compare c) {
      return "EXISTS (" + row + " AND " + ordered(c.op(), c.operand()) + ")";
    }
    if (t instanceof AttributeTest.Between b) {
      return "EXISTS (" + row + " AND " + ordered(Comparison.GE, b.low()) + " AND "
          + ordered(Comparison.LE, b.high()) + ")";
    }
    throw new JdbcException("no SQL translation for attribute test " + t);
  }

  /** Escapes LIKE metacharacters with {@code !} (the ESCAPE character of every LIKE here). */
  static String like(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '!' || ch == '%' || ch == '_') {
        b.append('!');
      }
      b.append(ch);
    }
    return b.toString();
  }

  private String equality(Operand o) {
    if (o instanceof Operand.Today td) {
      return "a.date_value = " + date(today.plusDays(td.days()));
    }
    AttributeValue lit = ((Operand.Literal) o).value();
    if (lit instanceof AttributeValue.Text tx) {
      return "(a.kind IN ('" + PredicateTables.TEXT + "', '" + PredicateTables.LIST
          + "') AND a.text_value = " + text(tx.value()) + ")";
    }
    if (lit instanceof AttributeValue.Num n) {
      return "(a.kind = '" + PredicateTables.NUMBER + "' AND a.num_value = "
          + decimal(n.value()) + ")";
    }
    if (lit instanceof AttributeValue.Bool b) {
      return "(a.kind = '" + PredicateTables.BOOLEAN + "' AND a.bool_value = " + bool(b.value())
          + ")";
    }
    if (lit instanceof AttributeValue.Date d) {
      return "a.date_value = " + date(d.value());
    }
    if (lit instanceof AttributeValue.Timestamp ts) {
      return "(a.kind = '" + PredicateTables.INSTANT + "' AND a.instant_value = "
          + instant(ts.value()) + ")";
    }
    throw new JdbcException("no SQL equality for operand " + o);
  }

  private String ordered(Comparison op, Operand o) {
    String sym = op.symbol();
    if (o instanceof Operand.Today td) {
      return "a.date_value " + sym + " " + date(today.plusDays(td.days()));
    }
    AttributeValue lit = ((Operand.Literal) o).value();
    if (lit instanceof AttributeValue.Num n) {
      return "(a.kind = '" + PredicateTables.NUMBER + "' AND a.num_value " + sym + " "
          + decimal(n.value()) + ")";
    }
    if (lit instanceof AttributeValue.Date d) {
      return "a.date_value " + sym + " " + date(d.value());
    }
    if (lit instanceof AttributeValue.Timestamp ts) {
      return "(a.kind = '" + PredicateTables.INSTANT + "' AND a.instant_value " + sym + " "
          + instant(ts.value()) + ")";
    }
    throw new JdbcException("no SQL order for operand " + o);
  }

  // ------------------------------------------------------------------ behaviour

  /**
   * The rows of touchpoint alias {@code t} of the lead that pass {@code f}'s types and property
   * conditions (with a glob that LIKE cannot express exactly, a superset: see {@link #like}).
   */
  private String touchRows(TouchpointFilter f) {
    return touchRows(f, "t.lead_id = l.id");
  }

  /** As {@link #touchRows(TouchpointFilter)}, with {@code lead} as the lead condition. */
  private String touchRows(TouchpointFilter f, String lead) {
    StringBuilder b = new StringBuilder("FROM " + tables.touchpoints()
        + " t WHERE " + lead);
    if (!f.types().isEmpty()) {
      b.append(" AND t.type IN ")
          .append(texts(f.types().stream().map(TouchpointType::name).toList()));
    }
    for (PropertyFilter p : f.properties()) {
      b.append(" AND EXISTS (SELECT 1 FROM ").append(tables.touchpointProperties())
          .append(" p WHERE p.touchpoint_id = t.id AND p.prop_key = ")
          .append(text(p.key().name()));
      if (p instanceof PropertyFilter.OneOf o) {
        b.append(" AND p.prop_value IN ").append(texts(o.values()));
      } else if (p instanceof PropertyFilter.Matches m) {
        String column = m.glob().pattern().startsWith("/") ? "p.path_value" : "p.prop_value";
        GlobLike g = GlobLike.of(m.glob());
        List<String> alternatives = new ArrayList<>();
        for (String pattern : g.patterns()) {
          alternatives.add(column + " LIKE " + text(pattern) + " ESCAPE '!'");
        }
        b.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
      } else if (p instanceof PropertyFilter.Compare n) {
        String sym = n.op() == PropertyFilter.NumberOp.NE ? "<>" : n.op().symbol();
        b.append(" AND p.num_value ").append(sym).append(' ').append(decimal(n.value()));
      }
      b.append(')');
    }
    return b.toString();
  }

  /** True if every glob of {@code f} translates to LIKE exactly. */
  private static boolean exact(TouchpointFilter f) {
    for (PropertyFilter p : f.properties()) {
      if (p instanceof PropertyFilter.Matches m && !GlobLike.of(m.glob()).exact()) {
        return false;
      }
    }
    return true;
  }

  private String window(Window w) {
    if (w instanceof Window.Last l) {
      return " AND t.occurred_at > " + instant(now.minus(l.length()));
    }
    if (w instanceof Window.Since s) {
      return " AND t.occurred_at >= " + instant(s.from());
    }
    if (w instanceof Window.Between b) {
      return " AND t.occurred_at >= " + instant(b.from()) + " AND t.occurred_at < "
          + instant(b.to());
    }
    return "";
  }

  /**
   * A behaviour count, computed set-based: the leads whose count passes are one aggregated
   * derived table ({@code GROUP BY t.lead_id HAVING ...}) that the database evaluates once per
   * statement (a hashed semi-join or sub-plan) instead of a correlated {@code COUNT(*)} per
   * candidate lead. The derived table never holds NULL ({@code t.lead_id IS NOT NULL}), so
   * {@code IN} is never unknown and {@code NOT} stays exact. A count that may be zero
   * ({@code <= max}) is the complement of the leads with more than {@code max}.
   */
  private String touchCount(Predicate.TouchCount c, boolean positive) {
    if (!exact(c.filter())) {
      exact = false;
      if (!positive || c.min() == 0) {
        return positive ? TRUE : FALSE;
      }
      // necessary: at least min touchpoints pass the wider LIKE
      String rows = countedLeads(c);
      return rows + "COUNT(*) >= " + integer(c.min()) + ")";
    }
    if (c.max().isEmpty()) {
      if (c.min() == 0) {
        return TRUE;
      }
      String rows = countedLeads(c);
      return rows + "COUNT(*) >= " + integer(c.min()) + ")";
    }
    String rows = countedLeads(c);
    if (c.min() == 0) {
      return "NOT " + rows + "COUNT(*) > " + integer(c.max().getAsInt()) + ")";
    }
    return rows + "COUNT(*) BETWEEN " + integer(c.min()) + " AND "
        + integer(c.max().getAsInt()) + ")";
  }

  /**
   * {@code l.id IN (SELECT t.lead_id ... GROUP BY t.lead_id HAVING }, to be completed with the
   * HAVING condition and {@code )}; the parameters of the rows come first, as in the text.
   */
  private String countedLeads(Predicate.TouchCount c) {
    aggregated = true;
    return "l.id IN (SELECT t.lead_id " + touchRows(c.filter(), "t.lead_id IS NOT NULL")
        + window(c.window()) + " GROUP BY t.lead_id HAVING ";
  }

  private String lastTouch(Predicate.LastTouch t, boolean positive) {
    if (!exact(t.filter())) {
      exact = false;
      // necessary: some touchpoint passes the wider LIKE
      return positive ? "EXISTS (SELECT 1 " + touchRows(t.filter()) + ")" : FALSE;
    }
    // parameters are added in the order they appear in the text
    String any = t.recency() == Predicate.Recency.WITHIN ? ""
        : "EXISTS (SELECT 1 " + touchRows(t.filter()) + ") AND NOT ";
    String recent = "EXISTS (SELECT 1 " + touchRows(t.filter()) + " AND t.occurred_at > "
        + instant(now.minus(t.age())) + ")";
    return "(" + any + recent + ")";
  }

  /**
   * A glob as LIKE patterns (any of which matches), escaped with {@code !}. {@code **} is
   * {@code %} exactly; {@code *} and {@code ?} (which never match {@code /}) become {@code %}
   * and {@code _}, a wider match, and {@link #exact()} is then false. A pattern ending in
   * {@code /**} also matches without that suffix ({@code /a/**} matches {@code /a}).
   */
  record GlobLike(List<String> patterns, boolean exact) {
    private static final int ANY = -1;
    private static final int STAR = -2;
    private static final int DEEP = -3;

    static GlobLike of(Glob glob) {
      String pattern = glob.pattern();
      List<Integer> ops = new ArrayList<>();
      for (int i = 0; i < pattern.length(); i++) {
        char ch = pattern.charAt(i);
        if (ch == '\\' && i + 1 < pattern.length()) {
          ops.add((int) pattern.charAt(++i));
        } else if (ch == '*') {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
            while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
              i++;
            }
            ops.add(DEEP);
          } else {
            ops.add(STAR);
          }
        } else if (ch == '?') {
          ops.add(ANY);
        } else {
          ops.add((int) ch);
        }
      }
      boolean exact = !ops.contains(ANY) && !ops.contains(STAR);
      int n = ops.size();
      List<String> patterns = new ArrayList<>();
      patterns.add(render(ops.subList(0, n)));
      if (n >= 2 && ops.get(n - 1) == DEEP && ops.get(n - 2) == '/') {
        patterns.add(render(ops.subList(0, n - 2)));
      }
      return new GlobLike(List.copyOf(patterns), exact);
    }

    private static String render(List<Integer> ops) {
      StringBuilder b = new StringBuilder();
      for (int op : ops) {
        if (op == DEEP || op == STAR) {
          b.append('%');
        } else if (op == ANY) {
          b.append('_');
        } else {
          b.append(like(String.valueOf((char) op)));
        }
      }
      return b.toString();
    }
  }
}
