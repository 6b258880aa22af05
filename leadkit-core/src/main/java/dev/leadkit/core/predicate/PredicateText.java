package dev.leadkit.core.predicate;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text form of predicates, for people: {@link #parse(String)} and {@link #format(Predicate)}.
 * Formatting then parsing gives back an equal tree.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * predicate   = or
 * or          = and { "or" and }
 * and         = unary { "and" unary }
 * unary       = "not" unary | primary
 * primary     = "(" predicate ")" | "true" | "false" | condition
 * condition   = attribute | stage | score | consent | owner | membership | count | recency
 *
 * attribute   = attrname attrtest
 * attrname    = IDENT                      (not a keyword below)
 *             | "attr." IDENT              (any attribute, e.g. attr.stage)
 * attrtest    = "exists" | "missing"
 *             | "=" operand | "!=" operand | "in" "(" value { "," value } ")"
 *             | "contains" STRING | "starts" "with" STRING
 *             | ("&lt;" | "&lt;=" | "&gt;" | "&gt;=") operand
 *             | "between" operand "and" operand
 *             | "within" "next" DAYS            (= between today and today+DAYS)
 *             | "within" "last" DAYS            (= between today-DAYS and today)
 * operand     = value | "today" [ ("+" | "-") DAYS ]
 * value       = STRING | ["-"] NUMBER | "true" | "false" | DATE | INSTANT
 *
 * stage       = "stage" ( "is" STAGE | "in" "(" STAGE { "," STAGE } ")" | "at" "least" STAGE )
 * score       = "score" "(" NAME ")" ( cmp ["-"] NUMBER
 *                                    | "band" ( "is" STRING | "in" "(" STRING {"," STRING} ")" ) )
 * consent     = "consent" "(" NAME ")" "is" ( CONSENT | "none" )
 * owner       = "owner" ( "is" STRING | "in" "(" STRING { "," STRING } ")" | "exists" | "missing" )
 * membership  = "in" ( "list" | "segment" ) STRING
 * count       = "count" "(" filter [ "," window ] ")" range
 * recency     = "last_touch" "(" filter ")" ( "within" DURATION | "older" "than" DURATION )
 * filter      = ( "any" | TYPE { "|" TYPE } ) [ "where" propfilter { "and" propfilter } ]
 * propfilter  = IDENT ( "=" STRING | "in" "(" STRING { "," STRING } ")" | "~" STRING | "exists" )
 * window      = "ever" | "last" DURATION | "since" TIME | "between" TIME "and" TIME
 * range       = "&gt;=" INT | "&gt;" INT | "&lt;=" INT | "&lt;" INT | "=" INT | "between" INT "and" INT
 * cmp         = "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *
 * NAME        = IDENT | STRING
 * IDENT       = letter or _ then letters, digits, _ and .
 * STRING      = "..." with escapes \" \\ \n \t \r \/ \\uXXXX
 * NUMBER      = digits [ "." digits ]
 * DURATION    = digits ("d" | "h" | "m" | "s")      e.g. 90d, 12h
 * DAYS        = digits "d"
 * DATE        = yyyy-mm-dd                          (as TIME: midnight UTC)
 * INSTANT     = ISO-8601 instant, e.g. 2025-10-14T09:00:00Z
 * TIME        = DATE | INSTANT
 * STAGE       = anonymous | known | dormant | lost | engaged | mql | sql | opportunity | customer
 * CONSENT     = subscribed | pending_confirmation | unsubscribed
 * </pre>
 *
 * <p>Keywords are lower case. {@code and} binds tighter than {@code or}. Comments run from
 * {@code #} to the end of the line. Whitespace (including line breaks) separates tokens.
 * Examples:
 *
 * <pre>
 * industry in ("manufacturing", "it") and role = "decision_maker"
 * count(page_view where url ~ "/products/erp/**", last 90d) &gt;= 5
 * count(event_attended where event = "expo-2025") &gt;= 1 and count(page_view, last 30d) &gt;= 1
 * score(engagement) &gt;= 20 and not stage at least opportunity
 * renewal_date within next 90d
 * count(any, last 60d) = 0      # no activity in the last 60 days
 * </pre>
 *
 * <p>Errors are {@link PredicateParseException}s with line, column and what was expected; the
 * parser throws nothing else, whatever the input. Input is limited to {@link #MAX_LENGTH}
 * characters and nesting to {@link #MAX_DEPTH} levels (the one depth limit of every predicate
 * form, {@link Predicate#MAX_DEPTH}).
 */
public final class PredicateText {
  /** Longest text accepted, in characters. */
  public static final int MAX_LENGTH = 65_536;
  /**
   * Deepest nesting accepted: the shared {@link Predicate#MAX_DEPTH}. The text may nest
   * parentheses and {@code not} at most this deep, and the tree it reads may be at most this
   * many levels deep; the canonical text of every predicate stays within both.
   */
  public static final int MAX_DEPTH = Predicate.MAX_DEPTH;

  static final Set<String> RESERVED = Set.of("and", "or", "not", "true", "false", "stage",
      "score", "consent", "owner", "in", "count", "last_touch", "attr");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private PredicateText() {}

  /** Parses {@code text}; see the grammar above. */
  public static Predicate parse(String text) {
    return PredicateParser.parse(text);
  }

  /**
   * Parses a touchpoint filter alone ({@code filter} in the grammar), e.g. {@code page_view
   * where url ~ "/pricing/**"}, for rules that match single touchpoints.
   */
  public static TouchpointFilter parseFilter(String text) {
    return PredicateParser.parseFilter(text);
  }

  /** The canonical text of {@code predicate}. */
  public static String format(Predicate predicate) {
    StringBuilder sb = new StringBuilder();
    format(predicate, sb);
    return sb.toString();
  }

  private static void format(Predicate p, StringBuilder sb) {
    if (p instanceof Predicate.Constant c) {
      sb.append(c.value());
    } else if (p instanceof Predicate.And a) {
      join(a.operands(), " and ", sb, true);
    } else if (p instanceof Predicate.Or o) {
      join(o.operands(), " or ", sb, false);
    } else if (p instanceof Predicate.Not n) {
      sb.append("not ");
      boolean paren = n.operand() instanceof Predicate.And || n.operand() instanceof Predicate.Or;
      if (paren) {
        sb.append('(');
      }
      format(n.operand(), sb);
      if (paren) {
        sb.append(')');
      }
    } else if (p instanceof Predicate.Attribute a) {
      sb.append(attributeName(a.key())).append(' ').append(formatTest(a.test()));
    } else if (p instanceof Predicate.StageIn s) {
      if (s.stages().size() == 1) {
        sb.append("stage is ").append(stageName(s.stages().iterator().next()));
      } else {
        sb.append("stage in (").append(s.stages().stream().map(PredicateText::stageName)
            .collect(Collectors.joining(", "))).append(')');
      }
    } else if (p instanceof Predicate.StageAtLeast s) {
      sb.append("stage at least ").append(stageName(s.stage()));
    } else if (p instanceof Predicate.ScoreCompare s) {
      sb.append(scoreLabel(s.model())).append(' ').append(s.op().symbol()).append(' ')
          .append(number(s.value()));
    } else if (p instanceof Predicate.ScoreBand s) {
      sb.append(scoreLabel(s.model())).append(" band ").append(isOrIn(s.bands()));
    } else if (p instanceof Predicate.ConsentIs c) {
      sb.append("consent(").append(channel(c.channel())).append(") is ")
          .append(c.status().map(PredicateText::consentName).orElse("none"));
    } else if (p instanceof Predicate.OwnerIn o) {
      sb.append("owner ").append(isOrIn(o.owners().stream().map(x -> x.value()).toList()));
    } else if (p instanceof Predicate.HasOwner) {
      sb.append("owner exists");
    } else if (p instanceof Predicate.InList l) {
      sb.append("in list ").append(string(l.list().value()));
    } else if (p instanceof Predicate.InSegment s) {
      sb.append("in segment ").append(string(s.segment().value()));
    } else if (p instanceof Predicate.TouchCount c) {
      sb.append(countLabel(c)).append(' ').append(countRange(c.min(), c.max()));
    } else if (p instanceof Predicate.LastTouch l) {
      sb.append("last_touch(").append(formatFilter(l.filter())).append(") ")
          .append(l.recency() == Predicate.Recency.WITHIN ? "within " : "older than ")
          .append(duration(l.age()));
    } else {
      throw new IllegalStateException("unknown predicate node " + p);
    }
  }

  private static void join(List<Predicate> ops, String sep, StringBuilder sb, boolean and) {
    for (int i = 0; i < ops.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      Predicate op = ops.get(i);
      boolean paren = op instanceof Predicate.Or || (and && op instanceof Predicate.And);
      if (paren) {
        sb.append('(');
      }
      format(op, sb);
      if (paren) {
        sb.append(')');
      }
    }
  }

  private static String isOrIn(Collection<String> values) {
    if (values.size() == 1) {
      return "is " + string(values.iterator().next());
    }
    return "in (" + values.stream().map(PredicateText::string).collect(Collectors.joining(", "))
        + ")";
  }

  // ------------------------------------------------------------------ pieces (also for explain)

  /** The text of an attribute test, without the attribute name. */
  static String formatTest(AttributeTest t) {
    if (t instanceof AttributeTest.Exists) {
      return "exists";
    }
    if (t instanceof AttributeTest.Missing) {
      return "missing";
    }
    if (t instanceof AttributeTest.Equals e) {
      return "= " + operand(e.operand());
    }
    if (t instanceof AttributeTest.NotEquals e) {
      return "!= " + operand(e.operand());
    }
    if (t instanceof AttributeTest.In in) {
      return "in (" + in.values().stream().map(PredicateText::formatValue)
          .collect(Collectors.joining(", ")) + ")";
    }
    if (t instanceof AttributeTest.Contains c) {
      return "contains " + string(c.text());
    }
    if (t instanceof AttributeTest.StartsWith s) {
      return "starts with " + string(s.prefix());
    }
    if (t instanceof AttributeTest.Compare c) {
      return c.op().symbol() + " " + operand(c.operand());
    }
    if (t instanceof AttributeTest.Between b) {
      return "between " + operand(b.low()) + " and " + operand(b.high());
    }
    throw new IllegalStateException("unknown attribute test " + t);
  }

  static String operand(Operand o) {
    if (o instanceof Operand.Today t) {
      if (t.days() == 0) {
        return "today";
      }
      return "today" + (t.days() > 0 ? "+" : "-") + Math.abs(t.days()) + "d";
    }
    return formatValue(((Operand.Literal) o).value());
  }

  /** An attribute value as a literal. */
  static String formatValue(AttributeValue v) {
    if (v instanceof AttributeValue.Text t) {
      return string(t.value());
    }
    if (v instanceof AttributeValue.Num n) {
      return n.value().toPlainString();
    }
    if (v instanceof AttributeValue.Bool b) {
      return Boolean.toString(b.value());
    }
    if (v instanceof AttributeValue.Date d) {
      return d.value().toString();
    }
    if (v instanceof AttributeValue.Timestamp t) {
      return t.value().toString();
    }
    AttributeValue.TextList l = (AttributeValue.TextList) v;
    return "[" + l.values().stream().map(PredicateText::string).collect(Collectors.joining(", "))
        + "]";
  }

  static String attributeName(AttributeKey key) {
    return RESERVED.contains(key.name()) ? "attr." + key.name() : key.name();
  }

  static String stageName(LifecycleStage s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }

  static String consentName(ConsentStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }

  static String channel(Channel c) {
    return name(c.name());
  }

  static String scoreLabel(String model) {
    return "score(" + name(model) + ")";
  }

  private static String name(String n) {
    return IDENT.matcher(n).matches() ? n : string(n);
  }

  /** A double as a plain decimal that parses back to the same double. */
  static String number(double d) {
    if (d == 0) {
      return "0";
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** A quoted string with escapes. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A duration as {@code 90d}, {@code 12h}, {@code 5m} or {@code 30s}. */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s != 0 && s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  static String time(Instant t) {
    if (t.getEpochSecond() % 86400 == 0 && t.getNano() == 0) {
      return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }
    return t.toString();
  }

  /**
   * The canonical text of a touchpoint filter, e.g. {@code page_view where url ~ "/x/**"};
   * {@link #parseFilter(String)} reads it back.
   */
  public static String formatFilter(TouchpointFilter f) {
    StringBuilder sb = new StringBuilder();
    if (f.types().isEmpty()) {
      sb.append("any");
    } else {
      sb.append(f.types().stream().map(TouchpointType::name).collect(Collectors.joining(" | ")));
    }
    for (int i = 0; i < f.properties().size(); i++) {
      sb.append(i == 0 ? " where " : " and ");
      PropertyFilter p = f.properties().get(i);
      sb.append(p.key().name()).append(' ');
      if (p instanceof PropertyFilter.OneOf o) {
        if (o.values().size() == 1) {
          sb.append("= ").append(string(o.values().iterator().next()));
        } else {
          sb.append("in (").append(o.values().stream().map(PredicateText::string)
              .collect(Collectors.joining(", "))).append(')');
        }
      } else if (p instanceof PropertyFilter.Matches m) {
        sb.append("~ ").append(string(m.glob().pattern()));
      } else if (p instanceof PropertyFilter.Compare c) {
        sb.append(c.op().symbol()).append(' ').append(c.value().toPlainString());
      } else {
        sb.append("exists");
      }
    }
    return sb.toString();
  }

  static String window(Window w) {
    if (w instanceof Window.Last l) {
      return "last " + duration(l.length());
    }
    if (w instanceof Window.Since s) {
      return "since " + time(s.from());
    }
    if (w instanceof Window.Between b) {
      return "between " + time(b.from()) + " and " + time(b.to());
    }
    return "ever";
  }

  /** {@code count(filter, window)} without the range. */
  static String countLabel(Predicate.TouchCount c) {
    String w = c.window() instanceof Window.Ever ? "" : ", " + window(c.window());
    return "count(" + formatFilter(c.filter()) + w + ")";
  }

  static String countRange(int min, OptionalInt max) {
    if (max.isEmpty()) {
      return ">= " + min;
    }
    int mx = max.getAsInt();
    if (mx == min) {
      return "= " + min;
    }
    if (min == 0) {
      return "<= " + mx;
    }
    return "between " + min + " and " + mx;
  }
}
