package dev.leadkit.core.predicate;

import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Comparison;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/** The recursive-descent parser behind {@link PredicateText#parse(String)}. Not API. */
final class PredicateParser {
  private enum Kind { IDENT, STRING, NUMBER, DURATION, DATE, INSTANT, SYM, EOF }

  private record Token(Kind kind, String text, int line, int col) {
    String shown() {
      if (kind == Kind.EOF) {
        return "end of input";
      }
      String t = kind == Kind.STRING ? PredicateText.string(text) : text;
      return "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
  }

  private final List<Token> tokens;
  private int pos;

  private PredicateParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Predicate parse(String text) {
    return run(text, p -> p.or(0));
  }

  static TouchpointFilter parseFilter(String text) {
    return run(text, PredicateParser::filter);
  }

  private static <T> T run(String text, java.util.function.Function<PredicateParser, T> rule) {
    if (text == null) {
      throw new PredicateParseException(1, 1, "predicate text", "null");
    }
    if (text.length() > PredicateText.MAX_LENGTH) {
      throw new PredicateParseException(1, 1, "at most " + PredicateText.MAX_LENGTH
          + " characters", text.length() + " characters");
    }
    PredicateParser p = null;
    try {
      p = new PredicateParser(lex(text));
      T result = rule.apply(p);
      p.expectEnd();
      return result;
    } catch (PredicateParseException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // a safety net: the grammar code converts every known failure itself
      Token at = p == null ? new Token(Kind.EOF, "", 1, 1) : p.peek();
      throw new PredicateParseException(at.line(), at.col(), "valid input",
          at.shown() + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  // ------------------------------------------------------------------ lexer

  private static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int lineStart = 0;
    int n = s.length();
    while (true) {
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\n') {
          line++;
          lineStart = i + 1;
          i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
          i++;
        } else if (c == '#') {
          while (i < n && s.charAt(i) != '\n') {
            i++;
          }
        } else {
          break;
        }
      }
      int col = i - lineStart + 1;
      if (i >= n) {
        out.add(new Token(Kind.EOF, "", line, col));
        return out;
      }
      char c = s.charAt(i);
      if (Character.isLetter(c) && c < 128 || c == '_') {
        int start = i;
        while (i < n && isIdentPart(s.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), line, col));
      } else if (c >= '0' && c <= '9') {
        int start = i;
        while (i < n && isLiteralPart(s.charAt(i))) {
          i++;
        }
        String t = s.substring(start, i);
        out.add(new Token(classify(t, line, col), t, line, col));
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= n || s.charAt(i) == '\n') {
            throw new PredicateParseException(line, col, "a closing quote for the string",
                "end of " + (i >= n ? "input" : "line"));
          }
          char d = s.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\') {
            if (i + 1 >= n) {
              throw new PredicateParseException(line, i - lineStart + 1, "an escape", "end of input");
            }
            char e = s.charAt(i + 1);
            switch (e) {
              case '"', '\\', '/' -> sb.append(e);
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case 'u' -> {
                if (i + 6 > n || !isHex(s, i + 2, i + 6)) {
                  throw new PredicateParseException(line, i - lineStart + 1,
                      "four hex digits after \\u", "\"" + s.substring(i, Math.min(n, i + 6)) + "\"");
                }
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 4;
              }
              default -> throw new PredicateParseException(line, i - lineStart + 1,
                  "an escape (\\\" \\\\ \\/ \\n \\t \\r \\uXXXX)", "\"\\" + e + "\"");
            }
            i += 2;
          } else {
            sb.append(d);
            i++;
          }
        }
        out.add(new Token(Kind.STRING, sb.toString(), line, col));
      } else {
        String two = i + 1 < n ? s.substring(i, i + 2) : "";
        if (two.equals("!=") || two.equals("<=") || two.equals(">=")) {
          out.add(new Token(Kind.SYM, two, line, col));
          i += 2;
        } else if ("(),|~+-=<>".indexOf(c) >= 0) {
          out.add(new Token(Kind.SYM, String.valueOf(c), line, col));
          i++;
        } else {
          int cp = s.codePointAt(i);
          throw new PredicateParseException(line, col, "a name, string, number or operator",
              "\"" + new String(Character.toChars(cp)) + "\"");
        }
      }
    }
  }

  private static boolean isIdentPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.';
  }

  private static boolean isLiteralPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == ':' || c == '.' || c == '-' || c == '+';
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String t, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Kind classify(String t, int line, int col) {
    int len = t.length();
    if (digits(t, 0, len)) {
      return Kind.NUMBER;
    }
    int dot = t.indexOf('.');
    if (dot > 0 && digits(t, 0, dot) && digits(t, dot + 1, len)) {
      return Kind.NUMBER;
    }
    char last = t.charAt(len - 1);
    if ("dhms".indexOf(last) >= 0 && digits(t, 0, len - 1)) {
      return Kind.DURATION;
    }
    if (len == 10 && t.charAt(4) == '-' && t.charAt(7) == '-' && digits(t, 0, 4)
        && digits(t, 5, 7) && digits(t, 8, 10)) {
      return Kind.DATE;
    }
    if (len > 11 && t.charAt(10) == 'T' && t.charAt(4) == '-') {
      return Kind.INSTANT;
    }
    throw new PredicateParseException(line, col, "a number, duration (90d), date (2025-10-01) or"
        + " instant (2025-10-01T09:00:00Z)", "\"" + (len > 40 ? t.substring(0, 40) + "..." : t)
        + "\"");
  }

  // ------------------------------------------------------------------ token helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean isWord(String word) {
    Token t = peek();
    return t.kind() == Kind.IDENT && t.text().equals(word);
  }

  private boolean isSym(String sym) {
    Token t = peek();
    return t.kind() == Kind.SYM && t.text().equals(sym);
  }

  private boolean acceptWord(String word) {
    if (isWord(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptSym(String sym) {
    if (isSym(sym)) {
      pos++;
      return true;
    }
    return false;
  }

  private PredicateParseException fail(Token at, String expected) {
    return new PredicateParseException(at.line(), at.col(), expected, at.shown());
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw fail(peek(), "\"" + word + "\"");
    }
  }

  private void expectSym(String sym) {
    if (!acceptSym(sym)) {
      throw fail(peek(), "\"" + sym + "\"");
    }
  }

  private void expectEnd() {
    if (peek().kind() != Kind.EOF) {
      throw fail(peek(), "\"and\", \"or\" or end of input");
    }
  }

  private String string(String what) {
    Token t = peek();
    if (t.kind() != Kind.STRING) {
      throw fail(t, what + " in double quotes");
    }
    pos++;
    return t.text();
  }

  private String name(String what) {
    Token t = peek();
    if (t.kind() != Kind.STRING && t.kind() != Kind.IDENT) {
      throw fail(t, what);
    }
    pos++;
    return t.text();
  }

  /** Runs {@code build}; a value error becomes a parse error at {@code at}. */
  private <T> T build(Token at, String expected, Supplier<T> build) {
    try {
      return build.get();
    } catch (LeadkitException | ArithmeticException | java.time.DateTimeException
        | NumberFormatException e) {
      throw new PredicateParseException(at.line(), at.col(), expected,
          at.shown() + " (" + e.getMessage() + ")", e);
    }
  }

  /** Builds an and / or / not node; a tree deeper than the shared limit is a parse error. */
  private Predicate nested(Token at, Supplier<Predicate> build) {
    try {
      return build.get();
    } catch (PredicateTooDeepException e) {
      throw new PredicateParseException(at.line(), at.col(), "at most "
          + PredicateText.MAX_DEPTH + " levels of nesting", "a predicate " + e.depth()
          + " levels deep", e);
    }
  }

  private void depth(int depth) {
    if (depth > PredicateText.MAX_DEPTH) {
      throw fail(peek(), "at most " + PredicateText.MAX_DEPTH + " levels of nesting");
    }
  }

  // ------------------------------------------------------------------ grammar

  private Predicate or(int depth) {
    depth(depth);
    Token start = peek();
    List<Predicate> ops = new ArrayList<>();
    ops.add(and(depth));
    while (acceptWord("or")) {
      ops.add(and(depth));
    }
    return ops.size() == 1 ? ops.get(0) : nested(start, () -> new Predicate.Or(ops));
  }

  private Predicate and(int depth) {
    Token start = peek();
    List<Predicate> ops = new ArrayList<>();
    ops.add(unary(depth));
    while (acceptWord("and")) {
      ops.add(unary(depth));
    }
    return ops.size() == 1 ? ops.get(0) : nested(start, () -> new Predicate.And(ops));
  }

  private Predicate unary(int depth) {
    Token start = peek();
    if (acceptWord("not")) {
      depth(depth + 1);
      Predicate operand = unary(depth + 1);
      return nested(start, () -> new Predicate.Not(operand));
    }
    return primary(depth);
  }

  private Predicate primary(int depth) {
    if (acceptSym("(")) {
      Predicate inner = or(depth + 1);
      expectSym(")");
      return inner;
    }
    Token t = peek();
    if (t.kind() != Kind.IDENT) {
      throw fail(t, "a condition");
    }
    switch (t.text()) {
      case "true" -> {
        pos++;
        return new Predicate.Constant(true);
      }
      case "false" -> {
        pos++;
        return new Predicate.Constant(false);
      }
      case "stage" -> {
        pos++;
        return stage();
      }
      case "score" -> {
        pos++;
        return score();
      }
      case "consent" -> {
        pos++;
        return consent();
      }
      case "owner" -> {
        pos++;
        return owner();
      }
      case "in" -> {
        pos++;
        return membership();
      }
      case "count" -> {
        pos++;
        return count();
      }
      case "last_touch" -> {
        pos++;
        return lastTouch();
      }
      default -> {
        if (PredicateText.RESERVED.contains(t.text())) {
          throw fail(t, "a condition");
        }
        pos++;
        String name = t.text().startsWith("attr.") ? t.text().substring(5) : t.text();
        AttributeKey key = build(t, "an attribute name ([a-z][a-z0-9_]*) or a condition",
            () -> AttributeKey.of(name));
        Token testStart = peek();
        AttributeTest test = attributeTest();
        return build(testStart, "an attribute test", () -> new Predicate.Attribute(key, test));
      }
    }
  }

  private AttributeTest attributeTest() {
    Token t = peek();
    if (acceptWord("exists")) {
      return new AttributeTest.Exists();
    }
    if (acceptWord("missing")) {
      return new AttributeTest.Missing();
    }
    if (acceptSym("=")) {
      Operand o = operand();
      return build(t, "an operand", () -> new AttributeTest.Equals(o));
    }
    if (acceptSym("!=")) {
      Operand o = operand();
      return build(t, "an operand", () -> new AttributeTest.NotEquals(o));
    }
    if (acceptWord("in")) {
      expectSym("(");
      List<AttributeValue> vs = new ArrayList<>();
      do {
        Token vt = peek();
        Operand o = operand();
        if (!(o instanceof Operand.Literal l)) {
          throw fail(vt, "a fixed value (not a relative date)");
        }
        vs.add(l.value());
      } while (acceptSym(","));
      expectSym(")");
      return build(t, "1 to " + AttributeTest.MAX_VALUES + " values", () -> new AttributeTest.In(vs));
    }
    if (acceptWord("contains")) {
      Token st = peek();
      String s = string("a text");
      return build(st, "a non-empty text", () -> new AttributeTest.Contains(s));
    }
    if (acceptWord("starts")) {
      expectWord("with");
      Token st = peek();
      String s = string("a text");
      return build(st, "a non-empty text", () -> new AttributeTest.StartsWith(s));
    }
    Comparison cmp = comparison();
    if (cmp != null) {
      Token ot = peek();
      Operand o = operand();
      return build(ot, "a number, date or instant", () -> new AttributeTest.Compare(cmp, o));
    }
    if (acceptWord("between")) {
      Token lt = peek();
      Operand lo = operand();
      expectWord("and");
      Operand hi = operand();
      return build(lt, "two numbers, dates or instants of one kind",
          () -> new AttributeTest.Between(lo, hi));
    }
    if (acceptWord("within")) {
      boolean nextDays;
      if (acceptWord("next")) {
        nextDays = true;
      } else if (acceptWord("last")) {
        nextDays = false;
      } else {
        throw fail(peek(), "\"next\" or \"last\"");
      }
      Token dt = peek();
      int days = days();
      return build(dt, "a number of days", () -> nextDays
          ? new AttributeTest.Between(new Operand.Today(0), new Operand.Today(days))
          : new AttributeTest.Between(new Operand.Today(-days), new Operand.Today(0)));
    }
    throw fail(t, "an attribute test (=, !=, in, contains, starts with, <, <=, >, >=, between,"
        + " within, exists, missing)");
  }

  private Predicate.@org.jspecify.annotations.Nullable Comparison comparison() {
    Token t = peek();
    if (t.kind() != Kind.SYM) {
      return null;
    }
    Comparison c = switch (t.text()) {
      case "<" -> Comparison.LT;
      case "<=" -> Comparison.LE;
      case ">" -> Comparison.GT;
      case ">=" -> Comparison.GE;
      default -> null;
    };
    if (c != null) {
      pos++;
    }
    return c;
  }

  private int days() {
    Token t = peek();
    if (t.kind() != Kind.DURATION || !t.text().endsWith("d")) {
      throw fail(t, "a number of days such as 90d");
    }
    pos++;
    return build(t, "at most 36500 days", () -> {
      int d = Integer.parseInt(t.text().substring(0, t.text().length() - 1));
      if (d > 36500) {
        throw new NumberFormatException("too many days");
      }
      return d;
    });
  }

  private Operand operand() {
    Token t = peek();
    if (acceptWord("today")) {
      int sign;
      if (acceptSym("+")) {
        sign = 1;
      } else if (acceptSym("-")) {
        sign = -1;
      } else {
        return new Operand.Today(0);
      }
      int d = days();
      return build(t, "a relative date within 100 years", () -> new Operand.Today(sign * d));
    }
    return new Operand.Literal(value());
  }

  private AttributeValue value() {
    Token t = peek();
    if (t.kind() == Kind.STRING) {
      pos++;
      return build(t, "a text of at most " + AttributeValue.MAX_TEXT + " characters",
          () -> AttributeValue.text(t.text()));
    }
    if (acceptWord("true")) {
      return AttributeValue.bool(true);
    }
    if (acceptWord("false")) {
      return AttributeValue.bool(false);
    }
    boolean negative = acceptSym("-");
    Token v = peek();
    if (v.kind() == Kind.NUMBER) {
      pos++;
      return build(v, "a number", () -> {
        BigDecimal d = new BigDecimal(v.text());
        return AttributeValue.number(negative ? d.negate() : d);
      });
    }
    if (negative) {
      throw fail(v, "a number");
    }
    if (v.kind() == Kind.DATE) {
      pos++;
      return build(v, "a date (yyyy-mm-dd)", () -> AttributeValue.date(LocalDate.parse(v.text())));
    }
    if (v.kind() == Kind.INSTANT) {
      pos++;
      return build(v, "an instant (2025-10-01T09:00:00Z)",
          () -> AttributeValue.instant(Instant.parse(v.text())));
    }
    throw fail(v, "a value (\"text\", number, true, false, date, instant or today)");
  }

  private Predicate stage() {
    if (acceptWord("is")) {
      return new Predicate.StageIn(Set.of(stageName()));
    }
    if (acceptWord("in")) {
      expectSym("(");
      Set<LifecycleStage> set = new LinkedHashSet<>();
      do {
        set.add(stageName());
      } while (acceptSym(","));
      expectSym(")");
      return new Predicate.StageIn(set);
    }
    if (acceptWord("at")) {
      expectWord("least");
      return new Predicate.StageAtLeast(stageName());
    }
    throw fail(peek(), "\"is\", \"in\" or \"at least\"");
  }

  private LifecycleStage stageName() {
    Token t = peek();
    if (t.kind() == Kind.IDENT) {
      for (LifecycleStage s : LifecycleStage.values()) {
        if (PredicateText.stageName(s).equals(t.text())) {
          pos++;
          return s;
        }
      }
    }
    throw fail(t, "a stage (anonymous, known, dormant, lost, engaged, mql, sql, opportunity,"
        + " customer)");
  }

  private Predicate score() {
    expectSym("(");
    Token mt = peek();
    String model = name("a score model name");
    expectSym(")");
    if (acceptWord("band")) {
      Token bt = peek();
      Set<String> bands = new LinkedHashSet<>();
      if (acceptWord("is")) {
        bands.add(string("a band"));
      } else if (acceptWord("in")) {
        expectSym("(");
        do {
          bands.add(string("a band"));
        } while (acceptSym(","));
        expectSym(")");
      } else {
        throw fail(peek(), "\"is\" or \"in\"");
      }
      return build(bt, "band names of 1 to 64 characters",
          () -> new Predicate.ScoreBand(model, bands));
    }
    Comparison cmp = comparison();
    if (cmp == null) {
      throw fail(peek(), "a comparison (<, <=, >, >=) or \"band\"");
    }
    boolean negative = acceptSym("-");
    Token v = peek();
    if (v.kind() != Kind.NUMBER) {
      throw fail(v, "a number");
    }
    pos++;
    double d = build(v, "a finite number", () -> {
      double x = new BigDecimal(v.text()).doubleValue();
      if (Double.isInfinite(x)) {
        throw new NumberFormatException("out of range");
      }
      return negative ? -x : x;
    });
    return build(mt, "a score model name of 1 to 64 characters",
        () -> new Predicate.ScoreCompare(model, cmp, d));
  }

  private Predicate consent() {
    expectSym("(");
    Token ct = peek();
    String ch = name("a channel name");
    Channel channel = build(ct, "a channel name ([a-z][a-z0-9_-]*)", () -> Channel.of(ch));
    expectSym(")");
    expectWord("is");
    if (acceptWord("none")) {
      return new Predicate.ConsentIs(channel, Optional.empty());
    }
    Token t = peek();
    if (t.kind() == Kind.IDENT) {
      for (ConsentStatus s : ConsentStatus.values()) {
        if (PredicateText.consentName(s).equals(t.text())) {
          pos++;
          return new Predicate.ConsentIs(channel, Optional.of(s));
        }
      }
    }
    throw fail(t, "a consent status (subscribed, pending_confirmation, unsubscribed, none)");
  }

  private Predicate owner() {
    Token t = peek();
    if (acceptWord("exists")) {
      return new Predicate.HasOwner();
    }
    if (acceptWord("missing")) {
      return new Predicate.Not(new Predicate.HasOwner());
    }
    Set<OwnerId> owners = new LinkedHashSet<>();
    if (acceptWord("is")) {
      Token ot = peek();
      String s = string("an owner id");
      owners.add(build(ot, "an owner id", () -> OwnerId.of(s)));
    } else if (acceptWord("in")) {
      expectSym("(");
      do {
        Token ot = peek();
        String s = string("an owner id");
        owners.add(build(ot, "an owner id", () -> OwnerId.of(s)));
      } while (acceptSym(","));
      expectSym(")");
    } else {
      throw fail(t, "\"is\", \"in\", \"exists\" or \"missing\"");
    }
    return build(t, "owners", () -> new Predicate.OwnerIn(owners));
  }

  private Predicate membership() {
    if (acceptWord("list")) {
      Token t = peek();
      String id = string("a list id");
      return build(t, "a list id", () -> new Predicate.InList(ListId.of(id)));
    }
    if (acceptWord("segment")) {
      Token t = peek();
      String id = string("a segment id");
      return build(t, "a segment id", () -> new Predicate.InSegment(SegmentId.of(id)));
    }
    throw fail(peek(), "\"list\" or \"segment\"");
  }

  private TouchpointFilter filter() {
    Token t = peek();
    Set<TouchpointType> types = new LinkedHashSet<>();
    if (!acceptWord("any")) {
      do {
        Token tt = peek();
        if (tt.kind() != Kind.IDENT) {
          throw fail(tt, "a touchpoint type or \"any\"");
        }
        pos++;
        types.add(build(tt, "a touchpoint type ([a-z][a-z0-9_.]*)",
            () -> TouchpointType.of(tt.text())));
      } while (acceptSym("|"));
    }
    List<PropertyFilter> props = new ArrayList<>();
    if (acceptWord("where")) {
      do {
        props.add(propertyFilter());
      } while (acceptWord("and"));
    }
    return build(t, "a touchpoint filter", () -> new TouchpointFilter(types, props));
  }

  private PropertyFilter propertyFilter() {
    Token kt = peek();
    if (kt.kind() != Kind.IDENT) {
      throw fail(kt, "a property name");
    }
    pos++;
    PropertyKey key = build(kt, "a property name ([a-z][a-z0-9_]*)", () -> PropertyKey.of(kt.text()));
    Token t = peek();
    PropertyFilter.NumberOp numeric = numberOp();
    if (numeric == PropertyFilter.NumberOp.EQ && peek().kind() == Kind.STRING) {
      String v = string("a value");
      return build(t, "a value", () -> new PropertyFilter.OneOf(key, Set.of(v)));
    }
    if (numeric != null) {
      Token nt = peek();
      boolean negative = acceptSym("-");
      Token v = peek();
      if (v.kind() != Kind.NUMBER) {
        throw fail(v, numeric == PropertyFilter.NumberOp.EQ && !negative
            ? "a \"value\" or a number" : "a number");
      }
      pos++;
      return build(nt, "a number with at most " + PropertyFilter.Compare.MAX_INTEGER_DIGITS
          + " digits before and " + PropertyFilter.Compare.MAX_FRACTION_DIGITS
          + " after the point", () -> {
            BigDecimal d = new BigDecimal(v.text());
            return new PropertyFilter.Compare(key, numeric, negative ? d.negate() : d);
          });
    }
    if (acceptWord("in")) {
      expectSym("(");
      Set<String> vs = new LinkedHashSet<>();
      do {
        vs.add(string("a value"));
      } while (acceptSym(","));
      expectSym(")");
      return build(t, "values", () -> new PropertyFilter.OneOf(key, vs));
    }
    if (acceptSym("~")) {
      Token gt = peek();
      String g = string("a glob pattern");
      return build(gt, "a glob pattern", () -> new PropertyFilter.Matches(key, Glob.of(g)));
    }
    if (acceptWord("exists")) {
      return new PropertyFilter.Present(key);
    }
    throw fail(t, "\"=\", \"in\", \"~\", \"exists\" or a comparison (!=, <, <=, >, >=)");
  }

  private PropertyFilter.@org.jspecify.annotations.Nullable NumberOp numberOp() {
    Token t = peek();
    if (t.kind() != Kind.SYM) {
      return null;
    }
    PropertyFilter.NumberOp op = switch (t.text()) {
      case "=" -> PropertyFilter.NumberOp.EQ;
      case "!=" -> PropertyFilter.NumberOp.NE;
      case "<" -> PropertyFilter.NumberOp.LT;
      case "<=" -> PropertyFilter.NumberOp.LE;
      case ">" -> PropertyFilter.NumberOp.GT;
      case ">=" -> PropertyFilter.NumberOp.GE;
      default -> null;
    };
    if (op != null) {
      pos++;
    }
    return op;
  }

  private Duration duration() {
    Token t = peek();
    if (t.kind() != Kind.DURATION) {
      throw fail(t, "a duration such as 90d, 12h, 30m or 45s");
    }
    pos++;
    return build(t, "a duration of at most 100 years", () -> {
      long n = Long.parseLong(t.text().substring(0, t.text().length() - 1));
      Duration d = switch (t.text().charAt(t.text().length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        case 'm' -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
      if (d.isZero() || d.compareTo(Duration.ofDays(36500)) > 0) {
        throw new NumberFormatException("out of range");
      }
      return d;
    });
  }

  private Instant time() {
    Token t = peek();
    if (t.kind() == Kind.DATE) {
      pos++;
      return build(t, "a date (yyyy-mm-dd)",
          () -> LocalDate.parse(t.text()).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    if (t.kind() == Kind.INSTANT) {
      pos++;
      return build(t, "an instant (2025-10-01T09:00:00Z)", () -> Instant.parse(t.text()));
    }
    throw fail(t, "a date (2025-10-01) or instant (2025-10-01T09:00:00Z)");
  }

  private Window window() {
    Token t = peek();
    if (acceptWord("ever")) {
      return new Window.Ever();
    }
    if (acceptWord("last")) {
      Duration d = duration();
      return build(t, "a window", () -> new Window.Last(d));
    }
    if (acceptWord("since")) {
      return new Window.Since(time());
    }
    if (acceptWord("between")) {
      Instant from = time();
      expectWord("and");
      Instant to = time();
      return build(t, "a window that ends after it starts", () -> new Window.Between(from, to));
    }
    throw fail(t, "a window (last 90d, since 2025-10-01, between 2025-10-01 and 2025-11-01, ever)");
  }

  private int integer() {
    Token t = peek();
    if (t.kind() != Kind.NUMBER || t.text().contains(".")) {
      throw fail(t, "a whole number");
    }
    pos++;
    return build(t, "a whole number below 2^31", () -> Integer.parseInt(t.text()));
  }

  private Predicate count() {
    expectSym("(");
    TouchpointFilter f = filter();
    Window w = new Window.Ever();
    if (acceptSym(",")) {
      w = window();
    }
    expectSym(")");
    Token rt = peek();
    int min;
    OptionalInt max;
    if (acceptSym(">=")) {
      min = integer();
      max = OptionalInt.empty();
    } else if (acceptSym(">")) {
      int n = integer();
      min = build(rt, "a count below 2^31 - 1", () -> Math.addExact(n, 1));
      max = OptionalInt.empty();
    } else if (acceptSym("<=")) {
      min = 0;
      max = OptionalInt.of(integer());
    } else if (acceptSym("<")) {
      int n = integer();
      if (n < 1) {
        throw fail(rt, "a satisfiable count range (< 0 never holds)");
      }
      min = 0;
      max = OptionalInt.of(n - 1);
    } else if (acceptSym("=")) {
      min = integer();
      max = OptionalInt.of(min);
    } else if (acceptWord("between")) {
      min = integer();
      expectWord("and");
      max = OptionalInt.of(integer());
    } else {
      throw fail(rt, "a count range (>= n, > n, <= n, < n, = n, between a and b)");
    }
    Window window = w;
    int lo = min;
    OptionalInt hi = max;
    return build(rt, "a non-empty count range other than >= 0",
        () -> new Predicate.TouchCount(f, window, lo, hi));
  }

  private Predicate lastTouch() {
    expectSym("(");
    TouchpointFilter f = filter();
    expectSym(")");
    Token t = peek();
    Predicate.Recency r;
    if (acceptWord("within")) {
      r = Predicate.Recency.WITHIN;
    } else if (acceptWord("older")) {
      expectWord("than");
      r = Predicate.Recency.OLDER_THAN;
    } else {
      throw fail(t, "\"within\" or \"older than\"");
    }
    Duration d = duration();
    return build(t, "a recency", () -> new Predicate.LastTouch(f, r, d));
  }
}
