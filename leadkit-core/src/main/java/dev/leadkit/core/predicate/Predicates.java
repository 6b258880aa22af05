package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fluent Java API for {@link Predicate}s.
 *
 * <pre>{@code
 * import static dev.leadkit.core.predicate.Predicates.*;
 *
 * Predicate hot = attribute(AttributeKey.INDUSTRY).in("manufacturing", "it")
 *     .and(touchpoints(TouchpointType.PAGE_VIEW).url("/pricing/**")
 *         .inLast(Duration.ofDays(90)).atLeast(5))
 *     .and(not(stage().atLeast(LifecycleStage.OPPORTUNITY)));
 * }</pre>
 */
public final class Predicates {
  private Predicates() {}

  // ------------------------------------------------------------------ logic

  /** Always true. */
  public static Predicate always() {
    return new Predicate.Constant(true);
  }

  /** Always false. */
  public static Predicate never() {
    return new Predicate.Constant(false);
  }

  /**
   * True if every operand is true. Operands that are themselves {@code and}s are flattened; one
   * operand is returned as is.
   */
  public static Predicate and(Predicate... operands) {
    return join(Arrays.asList(operands), true);
  }

  /** True if every operand is true (see {@link #and(Predicate...)}). */
  public static Predicate and(Collection<? extends Predicate> operands) {
    return join(new ArrayList<>(operands), true);
  }

  /**
   * True if any operand is true. Operands that are themselves {@code or}s are flattened; one
   * operand is returned as is.
   */
  public static Predicate or(Predicate... operands) {
    return join(Arrays.asList(operands), false);
  }

  /** True if any operand is true (see {@link #or(Predicate...)}). */
  public static Predicate or(Collection<? extends Predicate> operands) {
    return join(new ArrayList<>(operands), false);
  }

  private static Predicate join(List<? extends Predicate> ops, boolean and) {
    List<Predicate> flat = new ArrayList<>();
    for (Predicate p : ops) {
      if (p == null) {
        throw new InvalidValueException((and ? "and" : "or") + " operands must not be null");
      }
      if (and && p instanceof Predicate.And a) {
        flat.addAll(a.operands());
      } else if (!and && p instanceof Predicate.Or o) {
        flat.addAll(o.operands());
      } else {
        flat.add(p);
      }
    }
    if (flat.isEmpty()) {
      throw new InvalidValueException((and ? "and" : "or") + " needs at least one operand");
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return and ? new Predicate.And(flat) : new Predicate.Or(flat);
  }

  /** True if {@code operand} is false. */
  public static Predicate not(Predicate operand) {
    return new Predicate.Not(operand);
  }

  // ------------------------------------------------------------------ leaves

  /** Starts a test on attribute {@code key}. */
  public static AttributeSteps attribute(AttributeKey key) {
    if (key == null) {
      throw new InvalidValueException("attribute key must not be null");
    }
    return new AttributeSteps(key);
  }

  /** Starts a test on the attribute called {@code name}. */
  public static AttributeSteps attribute(String name) {
    return attribute(AttributeKey.of(name));
  }

  /** Starts a test on the lifecycle stage. */
  public static StageSteps stage() {
    return new StageSteps();
  }

  /** Starts a test on the score of {@code model}. */
  public static ScoreSteps score(String model) {
    return new ScoreSteps(model);
  }

  /** Starts a test on the consent on {@code channel}. */
  public static ConsentSteps consent(Channel channel) {
    return new ConsentSteps(channel);
  }

  /** Starts a test on the owner. */
  public static OwnerSteps owner() {
    return new OwnerSteps();
  }

  /** The lead is in static list {@code list}. */
  public static Predicate inList(ListId list) {
    return new Predicate.InList(list);
  }

  /** The lead is in static list {@code list}. */
  public static Predicate inList(String list) {
    return inList(ListId.of(list));
  }

  /** The lead is a member of segment {@code segment}. */
  public static Predicate inSegment(SegmentId segment) {
    return new Predicate.InSegment(segment);
  }

  /** The lead is a member of segment {@code segment}. */
  public static Predicate inSegment(String segment) {
    return inSegment(SegmentId.of(segment));
  }

  /** Starts a behaviour count over touchpoints of {@code types} (none given: every type). */
  public static TouchCountSteps touchpoints(TouchpointType... types) {
    return new TouchCountSteps(TouchpointFilter.of(types));
  }

  /** Starts a behaviour count over touchpoints passing {@code filter}. */
  public static TouchCountSteps touchpoints(TouchpointFilter filter) {
    if (filter == null) {
      throw new InvalidValueException("touchpoint filter must not be null");
    }
    return new TouchCountSteps(filter);
  }

  /** Starts a recency test on the last touchpoint of {@code types} (none given: every type). */
  public static LastTouchSteps lastTouch(TouchpointType... types) {
    return new LastTouchSteps(TouchpointFilter.of(types));
  }

  /** Starts a recency test on the last touchpoint passing {@code filter}. */
  public static LastTouchSteps lastTouch(TouchpointFilter filter) {
    if (filter == null) {
      throw new InvalidValueException("touchpoint filter must not be null");
    }
    return new LastTouchSteps(filter);
  }

  // ------------------------------------------------------------------ operands

  /** A fixed operand. */
  public static Operand value(AttributeValue value) {
    return new Operand.Literal(value);
  }

  /** The UTC date {@code today + days}. */
  public static Operand today(int days) {
    return new Operand.Today(days);
  }

  /** Today (UTC). */
  public static Operand today() {
    return new Operand.Today(0);
  }

  static AttributeValue toValue(Object v) {
    if (v instanceof AttributeValue a) {
      return a;
    }
    if (v instanceof String s) {
      return AttributeValue.text(s);
    }
    if (v instanceof BigDecimal d) {
      return AttributeValue.number(d);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return AttributeValue.number(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return AttributeValue.number(((Number) v).doubleValue());
    }
    if (v instanceof Boolean b) {
      return AttributeValue.bool(b);
    }
    if (v instanceof LocalDate d) {
      return AttributeValue.date(d);
    }
    if (v instanceof Instant i) {
      return AttributeValue.instant(i);
    }
    throw new InvalidValueException("not an attribute value: " + v);
  }

  static Operand toOperand(Object v) {
    return v instanceof Operand o ? o : new Operand.Literal(toValue(v));
  }

  static int wholeDays(Duration d) {
    if (d == null || d.isNegative() || d.isZero() || !d.equals(Duration.ofDays(d.toDays()))) {
      throw new InvalidValueException("relative date windows need whole positive days: " + d);
    }
    if (d.toDays() > 36500) {
      throw new InvalidValueException("relative date window beyond 100 years: " + d);
    }
    return (int) d.toDays();
  }

  // ------------------------------------------------------------------ steps

  /** Tests on one attribute; each method returns the finished {@link Predicate}. */
  public static final class AttributeSteps {
    private final AttributeKey key;

    private AttributeSteps(AttributeKey key) {
      this.key = key;
    }

    private Predicate test(AttributeTest t) {
      return new Predicate.Attribute(key, t);
    }

    /** The attribute is present. */
    public Predicate exists() {
      return test(new AttributeTest.Exists());
    }

    /** The attribute is absent. */
    public Predicate missing() {
      return test(new AttributeTest.Missing());
    }

    /**
     * Equals {@code value}: a String, number, Boolean, LocalDate, Instant, AttributeValue or
     * {@link Operand}.
     */
    public Predicate eq(Object value) {
      return test(new AttributeTest.Equals(toOperand(value)));
    }

    /** Present and not equal to {@code value} (kinds as in {@link #eq(Object)}). */
    public Predicate ne(Object value) {
      return test(new AttributeTest.NotEquals(toOperand(value)));
    }

    /** Equals one of {@code values}. */
    public Predicate in(String... values) {
      return in(Arrays.asList(values));
    }

    /** Equals one of {@code values} (kinds as in {@link #eq(Object)}, no operands). */
    public Predicate in(Collection<?> values) {
      List<AttributeValue> vs = new ArrayList<>();
      for (Object v : values) {
        vs.add(toValue(v));
      }
      return test(new AttributeTest.In(vs));
    }

    /** A text (or a list element) contains {@code text}. */
    public Predicate contains(String text) {
      return test(new AttributeTest.Contains(text));
    }

    /** A text (or a list element) starts with {@code prefix}. */
    public Predicate startsWith(String prefix) {
      return test(new AttributeTest.StartsWith(prefix));
    }

    /** Greater than {@code value} (a number, LocalDate, Instant or {@link Operand}). */
    public Predicate gt(Object value) {
      return test(new AttributeTest.Compare(Comparison.GT, toOperand(value)));
    }

    /** At least {@code value}. */
    public Predicate ge(Object value) {
      return test(new AttributeTest.Compare(Comparison.GE, toOperand(value)));
    }

    /** Less than {@code value}. */
    public Predicate lt(Object value) {
      return test(new AttributeTest.Compare(Comparison.LT, toOperand(value)));
    }

    /** At most {@code value}. */
    public Predicate le(Object value) {
      return test(new AttributeTest.Compare(Comparison.LE, toOperand(value)));
    }

    /** Between {@code low} and {@code high}, both inclusive. */
    public Predicate between(Object low, Object high) {
      return test(new AttributeTest.Between(toOperand(low), toOperand(high)));
    }

    /** A date from today to today + {@code days} (whole days), e.g. a renewal date coming up. */
    public Predicate withinNext(Duration days) {
      return test(new AttributeTest.Between(new Operand.Today(0),
          new Operand.Today(wholeDays(days))));
    }

    /** A date from today - {@code days} to today. */
    public Predicate withinLast(Duration days) {
      return test(new AttributeTest.Between(new Operand.Today(-wholeDays(days)),
          new Operand.Today(0)));
    }
  }

  /** Tests on the lifecycle stage. */
  public static final class StageSteps {
    private StageSteps() {}

    /** The stage is {@code stage}. */
    public Predicate is(LifecycleStage stage) {
      return new Predicate.StageIn(Set.of(stage));
    }

    /** The stage is one of {@code stages}. */
    public Predicate in(LifecycleStage... stages) {
      return new Predicate.StageIn(Set.copyOf(Arrays.asList(stages)));
    }

    /** The stage ranks at least as far as {@code stage}. */
    public Predicate atLeast(LifecycleStage stage) {
      return new Predicate.StageAtLeast(stage);
    }
  }

  /** Tests on one named score. */
  public static final class ScoreSteps {
    private final String model;

    private ScoreSteps(String model) {
      this.model = model;
    }

    private Predicate cmp(Comparison op, double v) {
      return new Predicate.ScoreCompare(model, op, v);
    }

    /** Score {@code >= threshold}. */
    public Predicate atLeast(double threshold) {
      return cmp(Comparison.GE, threshold);
    }

    /** Score {@code < threshold}. */
    public Predicate below(double threshold) {
      return cmp(Comparison.LT, threshold);
    }

    /** Score {@code > value}. */
    public Predicate gt(double value) {
      return cmp(Comparison.GT, value);
    }

    /** Score {@code >= value}. */
    public Predicate ge(double value) {
      return cmp(Comparison.GE, value);
    }

    /** Score {@code < value}. */
    public Predicate lt(double value) {
      return cmp(Comparison.LT, value);
    }

    /** Score {@code <= value}. */
    public Predicate le(double value) {
      return cmp(Comparison.LE, value);
    }

    /** The score's band is one of {@code bands}. */
    public Predicate band(String... bands) {
      return new Predicate.ScoreBand(model, Set.copyOf(Arrays.asList(bands)));
    }
  }

  /** Tests on the consent on one channel. */
  public static final class ConsentSteps {
    private final Channel channel;

    private ConsentSteps(Channel channel) {
      this.channel = channel;
    }

    /** The consent status is {@code status}. */
    public Predicate is(ConsentStatus status) {
      return new Predicate.ConsentIs(channel, Optional.of(status));
    }

    /** No consent was ever recorded on the channel. */
    public Predicate none() {
      return new Predicate.ConsentIs(channel, Optional.empty());
    }
  }

  /** Tests on the owner. */
  public static final class OwnerSteps {
    private OwnerSteps() {}

    /** Owned by {@code owner}. */
    public Predicate is(OwnerId owner) {
      return new Predicate.OwnerIn(Set.of(owner));
    }

    /** Owned by one of {@code owners}. */
    public Predicate in(OwnerId... owners) {
      return new Predicate.OwnerIn(Set.copyOf(Arrays.asList(owners)));
    }

    /** Has an owner. */
    public Predicate exists() {
      return new Predicate.HasOwner();
    }

    /** Has no owner. */
    public Predicate missing() {
      return new Predicate.Not(new Predicate.HasOwner());
    }
  }

  /** A behaviour count: refine the filter and window, then finish with a count range. */
  public static final class TouchCountSteps {
    private TouchpointFilter filter;
    private Window window = new Window.Ever();

    private TouchCountSteps(TouchpointFilter filter) {
      this.filter = filter;
    }

    /** Only touchpoints whose {@code url} matches {@code glob}. */
    public TouchCountSteps url(String glob) {
      filter = filter.url(glob);
      return this;
    }

    /** Only touchpoints whose {@code key} equals one of {@code values}. */
    public TouchCountSteps property(PropertyKey key, String... values) {
      filter = filter.property(key, values);
      return this;
    }

    /** Only touchpoints whose {@code key} matches {@code glob}. */
    public TouchCountSteps propertyMatches(PropertyKey key, String glob) {
      filter = filter.propertyMatches(key, glob);
      return this;
    }

    /** Only touchpoints that carry {@code key}. */
    public TouchCountSteps propertyPresent(PropertyKey key) {
      filter = filter.with(new PropertyFilter.Present(key));
      return this;
    }

    /**
     * Only touchpoints whose {@code key} holds a number that compares with {@code value} as
     * {@code op} says.
     */
    public TouchCountSteps number(PropertyKey key, PropertyFilter.NumberOp op,
        java.math.BigDecimal value) {
      filter = filter.number(key, op, value);
      return this;
    }

    /** As {@link #number(PropertyKey, PropertyFilter.NumberOp, java.math.BigDecimal)}. */
    public TouchCountSteps number(PropertyKey key, PropertyFilter.NumberOp op, long value) {
      filter = filter.number(key, op, value);
      return this;
    }

    /** Only touchpoints with at least {@code seconds} in the {@code seconds} property. */
    public TouchCountSteps secondsAtLeast(long seconds) {
      filter = filter.secondsAtLeast(seconds);
      return this;
    }

    /** Only touchpoints of campaign {@code campaign}. */
    public TouchCountSteps campaign(String campaign) {
      return property(PropertyKey.CAMPAIGN, campaign);
    }

    /** Only touchpoints about asset {@code asset}. */
    public TouchCountSteps asset(String asset) {
      return property(PropertyKey.ASSET, asset);
    }

    /** Only touchpoints about event {@code event}. */
    public TouchCountSteps event(String event) {
      return property(PropertyKey.EVENT, event);
    }

    /** Only touchpoints within the last {@code length} (a sliding window). */
    public TouchCountSteps inLast(Duration length) {
      window = new Window.Last(length);
      return this;
    }

    /** Only touchpoints at or after {@code from}. */
    public TouchCountSteps since(Instant from) {
      window = new Window.Since(from);
      return this;
    }

    /** Only touchpoints from the start of {@code day} (UTC) on. */
    public TouchCountSteps since(LocalDate day) {
      return since(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Only touchpoints in {@code [from, toExclusive)}. */
    public TouchCountSteps between(Instant from, Instant toExclusive) {
      window = new Window.Between(from, toExclusive);
      return this;
    }

    /** Only touchpoints on the UTC days {@code first} to {@code last}, both included. */
    public TouchCountSteps onDays(LocalDate first, LocalDate last) {
      return between(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
          last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The filter built so far. */
    public TouchpointFilter filter() {
      return filter;
    }

    private Predicate count(int min, OptionalInt max) {
      return new Predicate.TouchCount(filter, window, min, max);
    }

    /** At least {@code n} such touchpoints (n at least 1). */
    public Predicate atLeast(int n) {
      return count(n, OptionalInt.empty());
    }

    /** At least one such touchpoint. */
    public Predicate any() {
      return atLeast(1);
    }

    /** At most {@code n}. */
    public Predicate atMost(int n) {
      return count(0, OptionalInt.of(n));
    }

    /** Exactly {@code n}. */
    public Predicate exactly(int n) {
      return count(n, OptionalInt.of(n));
    }

    /** Between {@code min} and {@code max}, both included. */
    public Predicate countBetween(int min, int max) {
      return count(min, OptionalInt.of(max));
    }

    /** No such touchpoint, e.g. no activity in the last 60 days. */
    public Predicate none() {
      return count(0, OptionalInt.of(0));
    }
  }

  /** A recency test: refine the filter, then finish with {@code within} or {@code olderThan}. */
  public static final class LastTouchSteps {
    private TouchpointFilter filter;

    private LastTouchSteps(TouchpointFilter filter) {
      this.filter = filter;
    }

    /** Only touchpoints whose {@code url} matches {@code glob}. */
    public LastTouchSteps url(String glob) {
      filter = filter.url(glob);
      return this;
    }

    /** Only touchpoints whose {@code key} equals one of {@code values}. */
    public LastTouchSteps property(PropertyKey key, String... values) {
      filter = filter.property(key, values);
      return this;
    }

    /** The last such touchpoint is younger than {@code age}. */
    public Predicate within(Duration age) {
      return new Predicate.LastTouch(filter, Predicate.Recency.WITHIN, age);
    }

    /** There was such a touchpoint and the last one is at least {@code age} old. */
    public Predicate olderThan(Duration age) {
      return new Predicate.LastTouch(filter, Predicate.Recency.OLDER_THAN, age);
    }
  }
}
