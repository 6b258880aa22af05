package dev.leadkit.core.predicate;

import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The obviously-correct, slow interpreter the compiled evaluator is checked against. It walks
 * the tree for every call, scans every touchpoint, and matches globs through a regular
 * expression built independently of {@link Glob}.
 */
public final class ReferenceInterpreter {
  private ReferenceInterpreter() {}

  public static boolean eval(Predicate p, Lead lead, Collection<Touchpoint> history, Instant now,
      Set<ListId> lists, Set<SegmentId> segments) {
    if (p instanceof Predicate.Constant c) {
      return c.value();
    }
    if (p instanceof Predicate.And a) {
      return a.operands().stream().allMatch(o -> eval(o, lead, history, now, lists, segments));
    }
    if (p instanceof Predicate.Or o) {
      return o.operands().stream().anyMatch(x -> eval(x, lead, history, now, lists, segments));
    }
    if (p instanceof Predicate.Not n) {
      return !eval(n.operand(), lead, history, now, lists, segments);
    }
    if (p instanceof Predicate.Attribute a) {
      AttributeValue v = lead.attributes().get(a.key()).orElse(null);
      return attr(a.test(), v, now);
    }
    if (p instanceof Predicate.StageIn s) {
      return s.stages().contains(lead.stage());
    }
    if (p instanceof Predicate.StageAtLeast s) {
      return lead.stage().rank() >= s.stage().rank();
    }
    if (p instanceof Predicate.ScoreCompare s) {
      Score sc = lead.scores().get(s.model());
      if (sc == null) {
        return false;
      }
      double x = sc.value();
      double t = s.value();
      return switch (s.op()) {
        case LT -> x < t;
        case LE -> x <= t;
        case GT -> x > t;
        case GE -> x >= t;
      };
    }
    if (p instanceof Predicate.ScoreBand s) {
      Score sc = lead.scores().get(s.model());
      return sc != null && sc.band().filter(s.bands()::contains).isPresent();
    }
    if (p instanceof Predicate.ConsentIs c) {
      ConsentRecord r = lead.consents().get(c.channel());
      return c.status().isEmpty() ? r == null : r != null && r.status() == c.status().get();
    }
    if (p instanceof Predicate.OwnerIn o) {
      return lead.owner().isPresent() && o.owners().contains(lead.owner().get());
    }
    if (p instanceof Predicate.HasOwner) {
      return lead.owner().isPresent();
    }
    if (p instanceof Predicate.InList l) {
      return lists.contains(l.list());
    }
    if (p instanceof Predicate.InSegment s) {
      return segments.contains(s.segment());
    }
    if (p instanceof Predicate.TouchCount c) {
      long n = history.stream().filter(t -> filter(c.filter(), t))
          .filter(t -> inWindow(c.window(), t.at(), now)).count();
      return n >= c.min() && (c.max().isEmpty() || n <= c.max().getAsInt());
    }
    if (p instanceof Predicate.LastTouch l) {
      Instant last = history.stream().filter(t -> filter(l.filter(), t)).map(Touchpoint::at)
          .max(Instant::compareTo).orElse(null);
      if (last == null) {
        return false;
      }
      boolean recent = last.isAfter(now.minus(l.age()));
      return l.recency() == Predicate.Recency.WITHIN ? recent : !recent;
    }
    throw new AssertionError(p);
  }

  static boolean inWindow(Window w, Instant at, Instant now) {
    if (w instanceof Window.Last l) {
      return at.isAfter(now.minus(l.length()));
    }
    if (w instanceof Window.Since s) {
      return !at.isBefore(s.from());
    }
    if (w instanceof Window.Between b) {
      return !at.isBefore(b.from()) && at.isBefore(b.to());
    }
    return true;
  }

  static boolean filter(TouchpointFilter f, Touchpoint t) {
    if (!f.types().isEmpty() && !f.types().contains(t.type())) {
      return false;
    }
    for (PropertyFilter pf : f.properties()) {
      String v = t.properties().get(pf.key());
      if (v == null) {
        return false;
      }
      if (pf instanceof PropertyFilter.OneOf o && !o.values().contains(v)) {
        return false;
      }
      if (pf instanceof PropertyFilter.Compare c) {
        if (!v.matches("-?[0-9]{1,18}([.][0-9]{1,12})?")) {
          return false;
        }
        int cmp = new java.math.BigDecimal(v).compareTo(c.value());
        boolean pass = switch (c.op()) {
          case EQ -> cmp == 0;
          case NE -> cmp != 0;
          case LT -> cmp < 0;
          case LE -> cmp <= 0;
          case GT -> cmp > 0;
          case GE -> cmp >= 0;
        };
        if (!pass) {
          return false;
        }
      }
      if (pf instanceof PropertyFilter.Matches m) {
        String pattern = m.glob().pattern();
        String value = pattern.startsWith("/") ? path(v) : v;
        if (!globRegex(pattern).matcher(value).matches()) {
          return false;
        }
      }
    }
    return true;
  }

  static String path(String v) {
    String s = v;
    var m = Pattern.compile("^[A-Za-z0-9+.-]+://[^/?#]*").matcher(s);
    if (m.find()) {
      s = s.substring(m.end());
      if (s.isEmpty() || s.charAt(0) != '/') {
        s = "/" + s;
      }
    }
    int q = s.indexOf('?');
    int h = s.indexOf('#');
    int cut = q < 0 ? h : (h < 0 ? q : Math.min(q, h));
    return cut < 0 ? s : s.substring(0, cut);
  }

  static Pattern globRegex(String glob) {
    // tokens: a literal character, "*" or "**" (a run of two or more stars)
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        tokens.add("\\" + glob.charAt(++i));
      } else if (c == '*') {
        int j = i;
        while (j + 1 < glob.length() && glob.charAt(j + 1) == '*') {
          j++;
        }
        tokens.add(j > i ? "**" : "*");
        i = j;
      } else {
        tokens.add(String.valueOf(c));
      }
    }
    StringBuilder re = new StringBuilder("(?:").append(translate(tokens)).append(')');
    int n = tokens.size();
    if (n >= 2 && tokens.get(n - 1).equals("**")
        && (tokens.get(n - 2).equals("/") || tokens.get(n - 2).equals("\\/"))) {
      re.append("|(?:").append(translate(tokens.subList(0, n - 2))).append(')');
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static String translate(List<String> tokens) {
    StringBuilder re = new StringBuilder();
    for (String t : tokens) {
      switch (t) {
        case "**" -> re.append(".*");
        case "*" -> re.append("[^/]*");
        case "?" -> re.append("[^/]");
        default -> re.append(Pattern.quote(t.length() == 2 ? t.substring(1) : t));
      }
    }
    return re.toString();
  }

  static LocalDate date(AttributeValue v) {
    if (v instanceof AttributeValue.Date d) {
      return d.value();
    }
    if (v instanceof AttributeValue.Timestamp t) {
      return t.value().atZone(ZoneOffset.UTC).toLocalDate();
    }
    return null;
  }

  /** -2 = incomparable, else the sign of v - operand. */
  static int cmp(AttributeValue v, Operand o, Instant now) {
    if (o instanceof Operand.Today t) {
      LocalDate d = date(v);
      return d == null ? -2 : Integer.signum(d.compareTo(now.atZone(ZoneOffset.UTC)
          .toLocalDate().plusDays(t.days())));
    }
    AttributeValue lit = ((Operand.Literal) o).value();
    if (lit instanceof AttributeValue.Num n && v instanceof AttributeValue.Num m) {
      return m.value().compareTo(n.value());
    }
    if (lit instanceof AttributeValue.Date d) {
      LocalDate dv = date(v);
      return dv == null ? -2 : Integer.signum(dv.compareTo(d.value()));
    }
    if (lit instanceof AttributeValue.Timestamp t && v instanceof AttributeValue.Timestamp u) {
      return Integer.signum(u.value().compareTo(t.value()));
    }
    return -2;
  }

  static boolean eq(AttributeValue v, Operand o, Instant now) {
    if (o instanceof Operand.Literal l) {
      if (l.value() instanceof AttributeValue.Text t) {
        return v.equals(t) || (v instanceof AttributeValue.TextList tl
            && tl.values().contains(t.value()));
      }
      if (l.value() instanceof AttributeValue.Bool) {
        return v.equals(l.value());
      }
    }
    return cmp(v, o, now) == 0;
  }

  static boolean attr(AttributeTest t, AttributeValue v, Instant now) {
    if (t instanceof AttributeTest.Exists) {
      return v != null;
    }
    if (t instanceof AttributeTest.Missing) {
      return v == null;
    }
    if (v == null) {
      return false;
    }
    if (t instanceof AttributeTest.Equals e) {
      return eq(v, e.operand(), now);
    }
    if (t instanceof AttributeTest.NotEquals e) {
      return !eq(v, e.operand(), now);
    }
    if (t instanceof AttributeTest.In in) {
      return in.values().stream().anyMatch(x -> eq(v, new Operand.Literal(x), now));
    }
    if (t instanceof AttributeTest.Contains c) {
      return texts(v).stream().anyMatch(s -> s.contains(c.text()));
    }
    if (t instanceof AttributeTest.StartsWith s) {
      return texts(v).stream().anyMatch(x -> x.startsWith(s.prefix()));
    }
    if (t instanceof AttributeTest.Compare c) {
      int r = cmp(v, c.operand(), now);
      if (r == -2) {
        return false;
      }
      return switch (c.op()) {
        case LT -> r < 0;
        case LE -> r <= 0;
        case GT -> r > 0;
        case GE -> r >= 0;
      };
    }
    if (t instanceof AttributeTest.Between b) {
      int lo = cmp(v, b.low(), now);
      int hi = cmp(v, b.high(), now);
      return lo != -2 && hi != -2 && lo >= 0 && hi <= 0;
    }
    throw new AssertionError(t);
  }

  static java.util.List<String> texts(AttributeValue v) {
    if (v instanceof AttributeValue.Text t) {
      return java.util.List.of(t.value());
    }
    if (v instanceof AttributeValue.TextList l) {
      return l.values();
    }
    return java.util.List.of();
  }
}
