package dev.leadkit.core.predicate;

import com.google.common.collect.ImmutableSortedSet;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A condition on one lead: the one predicate language shared by segments, scoring fit rules and
 * journey entry, exit and branch rules. Closed, immutable and value-comparable: two predicates
 * are equal when their trees are equal.
 *
 * <p>Build one with the fluent {@link Predicates} API, parse one from text with {@link
 * PredicateText#parse(String)}, or read one from JSON with {@code
 * dev.leadkit.core.predicate.json.PredicateJson}. Compile it once with {@link #compile()} and
 * evaluate the result per lead.
 *
 * <p>A tree is at most {@link #MAX_DEPTH} levels deep (a leaf is one level; every {@code and},
 * {@code or} and {@code not} adds one). Building a deeper one throws {@link
 * PredicateTooDeepException}; the text and JSON readers refuse it with their own typed errors.
 * So every predicate that exists can be formatted, written, read back and compiled.
 *
 * <h2>Evaluation rules common to every node</h2>
 *
 * <ul>
 *   <li>Evaluation is two-valued. A leaf that reads something the lead does not have (a missing
 *       attribute, a score never computed, no owner) is {@code false}; {@code not} of it is
 *       {@code true}. In SQL, wrap each leaf so that NULL becomes FALSE ({@code COALESCE(..,
 *       FALSE)}) before applying NOT.
 *   <li>"now" is the evaluation time given in {@link EvaluationInput#now()}; "today" is the UTC
 *       calendar date of now.
 *   <li>Text comparisons are exact and case-sensitive (no collation, no trimming).
 * </ul>
 */
public sealed interface Predicate {
  /**
   * The deepest predicate tree, in levels: a leaf is one level, every {@code and}, {@code or} and
   * {@code not} adds one. The one limit of the fluent API, the text form and the JSON form.
   */
  int MAX_DEPTH = 64;

  /**
   * The number of levels of this tree: 1 for a leaf, one more than its deepest operand for
   * {@code and}, {@code or} and {@code not}.
   *
   * @return between 1 and {@link #MAX_DEPTH}
   */
  default int depth() {
    if (this instanceof And a) {
      return 1 + maxDepth(a.operands());
    }
    if (this instanceof Or o) {
      return 1 + maxDepth(o.operands());
    }
    if (this instanceof Not n) {
      return 1 + n.operand().depth();
    }
    return 1;
  }

  /** Compiles this predicate into a fast evaluator; see {@link PredicateCompiler}. */
  default CompiledPredicate compile() {
    return PredicateCompiler.compile(this);
  }

  /** {@code this and other}; nested {@code and}s are flattened. */
  default Predicate and(Predicate other) {
    return Predicates.and(this, other);
  }

  /** {@code this or other}; nested {@code or}s are flattened. */
  default Predicate or(Predicate other) {
    return Predicates.or(this, other);
  }

  /** {@code not this}. */
  default Predicate negate() {
    return new Not(this);
  }

  /** The canonical text form; {@link PredicateText#parse(String)} reads it back to an equal tree. */
  default String toText() {
    return PredicateText.format(this);
  }

  // ------------------------------------------------------------------ logic

  /**
   * A constant. Text: {@code true}, {@code false}. SQL: {@code TRUE} / {@code FALSE}.
   *
   * @param value the constant
   */
  record Constant(boolean value) implements Predicate {}

  /**
   * True if every operand is true. Text: {@code a and b and c}. SQL: {@code (a AND b AND c)}.
   *
   * @param operands two or more operands, in order
   */
  record And(List<Predicate> operands) implements Predicate {
    /** Validates and copies. */
    public And {
      operands = checkOperands(operands, "and");
      checkDepth("and", 1 + maxDepth(operands));
    }
  }

  /**
   * True if any operand is true. Text: {@code a or b}. SQL: {@code (a OR b)}.
   *
   * @param operands two or more operands, in order
   */
  record Or(List<Predicate> operands) implements Predicate {
    /** Validates and copies. */
    public Or {
      operands = checkOperands(operands, "or");
      checkDepth("or", 1 + maxDepth(operands));
    }
  }

  /**
   * True if the operand is false. Text: {@code not a}. SQL: {@code NOT COALESCE(a, FALSE)}.
   *
   * @param operand the negated predicate
   */
  record Not(Predicate operand) implements Predicate {
    /** Validates. */
    public Not {
      if (operand == null) {
        throw new InvalidValueException("not needs an operand");
      }
      checkDepth("not", 1 + operand.depth());
    }
  }

  // ------------------------------------------------------------------ attributes

  /**
   * A test on one lead attribute. See {@link AttributeTest} for each test's meaning. Text:
   * {@code industry in ("manufacturing", "it")}, {@code renewal_date between today and
   * today+90d}; an attribute whose name is a keyword is written {@code attr.stage}.
   *
   * @param key the attribute
   * @param test the test on its value
   */
  record Attribute(AttributeKey key, AttributeTest test) implements Predicate {
    /** Validates. */
    public Attribute {
      if (key == null || test == null) {
        throw new InvalidValueException("attribute predicate needs a key and a test");
      }
    }
  }

  // ------------------------------------------------------------------ stage

  /**
   * The lead's lifecycle stage is one of {@code stages}. Text: {@code stage is mql} (one) or
   * {@code stage in (mql, sql)}. SQL: {@code stage IN (...)}.
   *
   * @param stages one or more stages; kept sorted by funnel order
   */
  record StageIn(Set<LifecycleStage> stages) implements Predicate {
    /** Validates and copies. */
    public StageIn {
      if (stages == null || stages.isEmpty() || hasNull(stages)) {
        throw new InvalidValueException("stage predicate needs at least one stage: " + stages);
      }
      stages = ImmutableSortedSet.copyOf(stages);
    }
  }

  /**
   * The lead's stage is at least as far as {@code stage} by {@link LifecycleStage#rank()}
   * (DORMANT and LOST rank 2, between KNOWN and ENGAGED). Text: {@code stage at least mql}.
   * SQL: {@code stage IN (every stage whose rank >= stage.rank())}.
   *
   * @param stage the lowest accepted stage
   */
  record StageAtLeast(LifecycleStage stage) implements Predicate {
    /** Validates. */
    public StageAtLeast {
      if (stage == null) {
        throw new InvalidValueException("stage predicate needs a stage");
      }
    }
  }

  // ------------------------------------------------------------------ score

  /**
   * The lead's named score compares with {@code value}: {@code score <op> value}. False if the
   * lead has no score under {@code model}. The stored value is compared as is (decay is applied
   * by the scoring module when it stores the score). Text: {@code score(engagement) >= 20}.
   *
   * @param model the score model name, as in {@link dev.leadkit.core.lead.Lead#scores()}
   * @param op the comparison
   * @param value the threshold, finite
   */
  record ScoreCompare(String model, Comparison op, double value) implements Predicate {
    /** Validates. */
    public ScoreCompare {
      checkModel(model);
      if (op == null || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new InvalidValueException("score threshold must be a finite number: " + value);
      }
      if (value == 0.0) {
        value = 0.0; // one zero: -0.0 and 0.0 print and compare alike
      }
    }
  }

  /**
   * The lead's named score has a band among {@code bands}. False if there is no score or the
   * score has no band. Text: {@code score(fit) band is "A"} or {@code score(fit) band in ("A",
   * "B")}.
   *
   * @param model the score model name
   * @param bands one or more band names; kept sorted
   */
  record ScoreBand(String model, Set<String> bands) implements Predicate {
    /** Validates and copies. */
    public ScoreBand {
      checkModel(model);
      if (bands == null || bands.isEmpty() || hasNull(bands)) {
        throw new InvalidValueException("score band predicate needs at least one band: " + bands);
      }
      for (String b : bands) {
        if (b.isEmpty() || b.length() > 64) {
          throw new InvalidValueException("score band must have 1 to 64 characters: \"" + b + "\"");
        }
      }
      bands = ImmutableSortedSet.copyOf(bands);
    }
  }

  // ------------------------------------------------------------------ consent, owner

  /**
   * The lead's consent on {@code channel} is {@code status}, or, when {@code status} is empty,
   * no consent was ever recorded on that channel. Text: {@code consent(email) is subscribed},
   * {@code consent(email) is none}.
   *
   * @param channel the channel
   * @param status the status; empty means "no record"
   */
  record ConsentIs(Channel channel, Optional<ConsentStatus> status) implements Predicate {
    /** Validates. */
    public ConsentIs {
      if (channel == null || status == null) {
        throw new InvalidValueException("consent predicate needs a channel and a status");
      }
    }
  }

  /**
   * The lead is owned by one of {@code owners}. False if it has no owner. Text: {@code owner is
   * "rep-7"} or {@code owner in ("a", "b")}.
   *
   * @param owners one or more owners; kept sorted
   */
  record OwnerIn(Set<OwnerId> owners) implements Predicate {
    /** Validates and copies. */
    public OwnerIn {
      if (owners == null || owners.isEmpty() || hasNull(owners)) {
        throw new InvalidValueException("owner predicate needs at least one owner: " + owners);
      }
      if (owners.size() > AttributeTest.MAX_VALUES) {
        throw new InvalidValueException("owner predicate has more than "
            + AttributeTest.MAX_VALUES + " owners");
      }
      owners = ImmutableSortedSet.copyOf(owners);
    }
  }

  /** The lead has an owner. Text: {@code owner exists}. SQL: {@code owner IS NOT NULL}. */
  record HasOwner() implements Predicate {}

  // ------------------------------------------------------------------ lists, segments

  /**
   * The lead is a member of the static list {@code list}. Text: {@code in list "expo-2025"}.
   * SQL: {@code EXISTS (SELECT 1 FROM list_members WHERE list = ? AND lead = lead.id)}.
   *
   * @param list the list
   */
  record InList(ListId list) implements Predicate {
    /** Validates. */
    public InList {
      if (list == null) {
        throw new InvalidValueException("list predicate needs a list id");
      }
    }
  }

  /**
   * The lead is currently a member of segment {@code segment}, as maintained by the segment
   * engine (the stored membership, not a re-evaluation). Definitions that would reference
   * themselves through a chain are refused when defined. Text: {@code in segment "high-score"}.
   * SQL: {@code EXISTS (SELECT 1 FROM segment_members WHERE ...)}.
   *
   * @param segment the segment
   */
  record InSegment(SegmentId segment) implements Predicate {
    /** Validates. */
    public InSegment {
      if (segment == null) {
        throw new InvalidValueException("segment predicate needs a segment id");
      }
    }
  }

  // ------------------------------------------------------------------ behaviour

  /**
   * Behaviour: the number {@code n} of the lead's touchpoints that pass {@code filter} and fall
   * in {@code window} satisfies {@code min <= n} and, if {@code max} is present, {@code n <=
   * max}. "None" is {@code min = 0, max = 0}.
   *
   * <p>Text: {@code count(page_view where url ~ "/pricing/**", last 90d) >= 5}. The count
   * comparison is written {@code >= a}, {@code <= b}, {@code = a} or {@code between a and b}
   * (canonical forms; {@code > a} and {@code < b} are read as {@code >= a+1}, {@code <= b-1}).
   *
   * <p>SQL: {@code (SELECT COUNT(*) FROM touchpoints t WHERE t.lead = lead.id AND <filter> AND
   * <window>) BETWEEN min AND max}.
   *
   * @param filter which touchpoints count
   * @param window when they must have happened
   * @param min the least count, at least 0
   * @param max the greatest count, if bounded; at least {@code min}
   */
  record TouchCount(TouchpointFilter filter, Window window, int min, OptionalInt max)
      implements Predicate {
    /** Validates. */
    public TouchCount {
      if (filter == null || window == null || max == null) {
        throw new InvalidValueException("touch count needs a filter, a window and a max");
      }
      if (min < 0 || (max.isPresent() && max.getAsInt() < min)) {
        throw new InvalidValueException("touch count range is empty or negative: min " + min
            + ", max " + (max.isPresent() ? max.getAsInt() : "none"));
      }
      if (min == 0 && max.isEmpty()) {
        throw new InvalidValueException(
            "touch count with min 0 and no max is always true; use a constant");
      }
    }
  }

  /**
   * Recency of the last touchpoint passing {@code filter}. With {@link Recency#WITHIN}: some
   * such touchpoint has {@code at > now - age}. With {@link Recency#OLDER_THAN}: at least one
   * such touchpoint exists and none has {@code at > now - age} (a lead that never had one is
   * not "older than"). Text: {@code last_touch(any) within 30d}, {@code last_touch(page_view)
   * older than 60d}. SQL: compare {@code MAX(t.at)} with {@code now - age}.
   *
   * @param filter which touchpoints count
   * @param recency within or older than
   * @param age the age, positive, whole seconds
   */
  record LastTouch(TouchpointFilter filter, Recency recency, Duration age) implements Predicate {
    /** Validates. */
    public LastTouch {
      if (filter == null || recency == null) {
        throw new InvalidValueException("last touch needs a filter and a recency");
      }
      checkDuration(age);
    }
  }

  // ------------------------------------------------------------------ value types

  /** Order comparisons, for numbers, dates, instants and scores. */
  enum Comparison {
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in text and SQL. */
    public String symbol() {
      return symbol;
    }

    /** Applies the comparison to a {@code compareTo} result. */
    public boolean test(int cmp) {
      return switch (this) {
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  /** How {@link LastTouch} compares the last touch's age. */
  enum Recency {
    /** The last touch is younger than the age. */
    WITHIN,
    /** There was a touch and the last one is at least the age old. */
    OLDER_THAN
  }

  /**
   * When a counted touchpoint must have happened. Closed set. In every case the touchpoint time
   * {@code at} is compared, not the time it was recorded.
   */
  sealed interface Window {
    /** Any time. Text: {@code ever} (the default, omitted). SQL: no condition. */
    record Ever() implements Window {}

    /**
     * A sliding window: {@code at > now - length}. A touchpoint leaves the window exactly at
     * {@code at + length}. Touchpoints stamped after now also count. Text: {@code last 90d}.
     * SQL: {@code t.at > :now - length}.
     *
     * @param length positive, whole seconds
     */
    record Last(Duration length) implements Window {
      /** Validates. */
      public Last {
        checkDuration(length);
      }
    }

    /**
     * {@code at >= from}. Text: {@code since 2025-10-01} (UTC midnight) or {@code since
     * 2025-10-01T09:00:00Z}. SQL: {@code t.at >= from}.
     *
     * @param from inclusive start
     */
    record Since(Instant from) implements Window {
      /** Validates. */
      public Since {
        if (from == null) {
          throw new InvalidValueException("window start must not be null");
        }
      }
    }

    /**
     * {@code from <= at < to}. Text: {@code between 2025-10-14 and 2025-10-18}. SQL:
     * {@code t.at >= from AND t.at < to}.
     *
     * @param from inclusive start
     * @param to exclusive end, after {@code from}
     */
    record Between(Instant from, Instant to) implements Window {
      /** Validates. */
      public Between {
        if (from == null || to == null || !to.isAfter(from)) {
          throw new InvalidValueException("window must end after it starts: " + from + " .. " + to);
        }
      }
    }
  }

  /**
   * A value an attribute is compared with: a fixed value, or a date relative to today.
   */
  sealed interface Operand {
    /**
     * A fixed value: text, number, boolean, date or instant (not a list).
     *
     * @param value the value
     */
    record Literal(AttributeValue value) implements Operand {
      /** Validates. */
      public Literal {
        if (value == null) {
          throw new InvalidValueException("operand must not be null");
        }
        if (value instanceof AttributeValue.TextList) {
          throw new InvalidValueException("a list cannot be an operand: " + value.asText());
        }
      }
    }

    /**
     * The UTC date {@code today + days} (negative: in the past). Text: {@code today},
     * {@code today+90d}, {@code today-30d}. SQL: {@code CAST(:now AS DATE) + days}.
     *
     * @param days the offset in days, within +-36500
     */
    record Today(int days) implements Operand {
      /** Validates. */
      public Today {
        if (Math.abs(days) > 36500) {
          throw new InvalidValueException("relative date offset beyond 100 years: " + days);
        }
      }
    }
  }

  /**
   * A test on one attribute value. Closed set.
   *
   * <h2>Kinds</h2>
   *
   * <ul>
   *   <li>A text operand matches a TEXT attribute with the same text, or a LIST attribute that
   *       contains it as an element.
   *   <li>A number operand matches NUMBER attributes by numeric value ({@code 300 = 300.0}).
   *   <li>A boolean operand matches BOOLEAN attributes.
   *   <li>A date operand (a fixed date or {@link Operand.Today}) compares with DATE attributes
   *       and with the UTC date of INSTANT attributes.
   *   <li>An instant operand compares with INSTANT attributes only.
   *   <li>Any other pairing is false (no coercion: the text "300" is not the number 300).
   * </ul>
   */
  sealed interface AttributeTest {
    /** Most values in {@link In}. */
    int MAX_VALUES = 1000;

    /** The attribute is present. SQL: {@code value IS NOT NULL}. Text: {@code key exists}. */
    record Exists() implements AttributeTest {}

    /** The attribute is absent. SQL: {@code value IS NULL}. Text: {@code key missing}. */
    record Missing() implements AttributeTest {}

    /**
     * The value equals the operand (see the kind rules). Text: {@code key = "x"}.
     *
     * @param operand the operand
     */
    record Equals(Operand operand) implements AttributeTest {
      /** Validates. */
      public Equals {
        if (operand == null) {
          throw new InvalidValueException("= needs an operand");
        }
      }
    }

    /**
     * The attribute is present and does not equal the operand (a missing attribute is neither
     * equal nor unequal). Text: {@code key != "x"}.
     *
     * @param operand the operand
     */
    record NotEquals(Operand operand) implements AttributeTest {
      /** Validates. */
      public NotEquals {
        if (operand == null) {
          throw new InvalidValueException("!= needs an operand");
        }
      }
    }

    /**
     * The value equals one of the operands. Text: {@code key in ("a", "b")}.
     *
     * @param values one or more fixed values, duplicates dropped, order kept
     */
    record In(List<AttributeValue> values) implements AttributeTest {
      /** Validates and copies. */
      public In {
        if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
          throw new InvalidValueException("in needs 1 to " + MAX_VALUES + " values: " + values);
        }
        for (AttributeValue v : values) {
          new Operand.Literal(v);
        }
        values = List.copyOf(new LinkedHashSet<>(values));
      }
    }

    /**
     * A TEXT value, or an element of a LIST value, contains {@code text} as a substring
     * (case-sensitive). Text: {@code title contains "Manager"}. SQL: {@code POSITION(text IN
     * value) > 0}.
     *
     * @param text the substring, not empty
     */
    record Contains(String text) implements AttributeTest {
      /** Validates. */
      public Contains {
        checkText(text, "contains");
      }
    }

    /**
     * A TEXT value, or an element of a LIST value, starts with {@code prefix}. Text:
     * {@code company starts with "ACME"}. SQL: {@code value LIKE 'prefix%'} (escape % and _).
     *
     * @param prefix the prefix, not empty
     */
    record StartsWith(String prefix) implements AttributeTest {
      /** Validates. */
      public StartsWith {
        checkText(prefix, "starts with");
      }
    }

    /**
     * {@code value <op> operand} for numbers, dates and instants. Text:
     * {@code company_size >= 300}, {@code renewal_date < today+30d}.
     *
     * @param op the comparison
     * @param operand a number, date, instant or relative date
     */
    record Compare(Comparison op, Operand operand) implements AttributeTest {
      /** Validates. */
      public Compare {
        if (op == null) {
          throw new InvalidValueException("comparison must not be null");
        }
        checkOrdered(operand);
      }
    }

    /**
     * {@code low <= value <= high}, both ends inclusive, for numbers, dates and instants. "Renewal
     * date within the next 90 days" is {@code between today and today+90d}. Text:
     * {@code renewal_date between today and today+90d}.
     *
     * @param low the inclusive lower end
     * @param high the inclusive upper end, of the same kind
     */
    record Between(Operand low, Operand high) implements AttributeTest {
      /** Validates. */
      public Between {
        checkOrdered(low);
        checkOrdered(high);
        if (dateLike(low) != dateLike(high) || kindOf(low) != kindOf(high)) {
          throw new InvalidValueException("between needs two operands of one kind: " + low
              + " and " + high);
        }
      }
    }
  }

  // ------------------------------------------------------------------ validation helpers

  private static List<Predicate> checkOperands(List<Predicate> ops, String what) {
    if (ops == null || ops.size() < 2) {
      throw new InvalidValueException(what + " needs at least two operands: " + ops);
    }
    List<Predicate> copy = new ArrayList<>(ops.size());
    for (Predicate p : ops) {
      if (p == null) {
        throw new InvalidValueException(what + " operands must not be null");
      }
      copy.add(p);
    }
    return List.copyOf(copy);
  }

  private static int maxDepth(List<Predicate> operands) {
    int max = 0;
    for (Predicate p : operands) {
      max = Math.max(max, p.depth());
    }
    return max;
  }

  private static void checkDepth(String node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new PredicateTooDeepException(node, depth);
    }
  }

  private static boolean hasNull(java.util.Collection<?> c) {
    for (Object o : c) {
      if (o == null) {
        return true;
      }
    }
    return false;
  }

  private static void checkModel(String model) {
    if (model == null || model.isBlank() || model.length() > 64) {
      throw new InvalidValueException("score model name must have 1 to 64 characters: \""
          + model + "\"");
    }
  }

  private static void checkText(String text, String what) {
    if (text == null || text.isEmpty() || text.length() > AttributeValue.MAX_TEXT) {
      throw new InvalidValueException(what + " needs 1 to " + AttributeValue.MAX_TEXT
          + " characters: \"" + text + "\"");
    }
  }

  private static void checkDuration(Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.getNano() != 0
        || d.compareTo(Duration.ofDays(36500)) > 0) {
      throw new InvalidValueException(
          "duration must be positive, whole seconds and at most 100 years: " + d);
    }
  }

  private static void checkOrdered(Operand o) {
    if (o == null) {
      throw new InvalidValueException("comparison needs an operand");
    }
    if (o instanceof Operand.Literal l) {
      AttributeValue v = l.value();
      if (!(v instanceof AttributeValue.Num || v instanceof AttributeValue.Date
          || v instanceof AttributeValue.Timestamp)) {
        throw new InvalidValueException("only numbers, dates and instants can be ordered, not "
            + v.kind() + " \"" + v.asText() + "\"");
      }
    }
  }

  private static boolean dateLike(Operand o) {
    return o instanceof Operand.Today
        || (o instanceof Operand.Literal l && l.value() instanceof AttributeValue.Date);
  }

  private static Object kindOf(Operand o) {
    return o instanceof Operand.Literal l ? (dateLike(o) ? "date" : l.value().kind()) : "date";
  }
}
