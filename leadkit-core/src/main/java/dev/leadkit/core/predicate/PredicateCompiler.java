package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Comparison;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compiles {@link Predicate}s into {@link CompiledPredicate}s. Compile once per definition and
 * keep the result; compiling costs a walk of the tree, evaluating costs only the leaves' work.
 */
public final class PredicateCompiler {
  /** Deepest predicate tree accepted: the shared {@link Predicate#MAX_DEPTH}. */
  public static final int MAX_DEPTH = Predicate.MAX_DEPTH;

  private PredicateCompiler() {}

  /** Compiles {@code predicate}; a tree deeper than {@link #MAX_DEPTH} is refused. */
  public static CompiledPredicate compile(Predicate predicate) {
    if (predicate == null) {
      throw new InvalidValueException("predicate must not be null");
    }
    Deps deps = new Deps();
    Node root = node(predicate, deps, 0);
    return new Compiled(predicate, root, deps.build(), deps.needs);
  }

  // ------------------------------------------------------------------ compiled form

  /** One compiled node. */
  interface Node {
    boolean test(EvaluationInput in);

    Explanation explain(EvaluationInput in);

    /** Earliest instant after now at which time alone may change the result, or null. */
    @Nullable Instant nextChange(EvaluationInput in);
  }

  private record Need(Set<TouchpointType> types, @Nullable Duration last,
      @Nullable Instant from) {}

  private static final class Compiled implements CompiledPredicate {
    private final Predicate source;
    private final Node root;
    private final PredicateDependencies deps;
    private final List<Need> needs;

    Compiled(Predicate source, Node root, PredicateDependencies deps, List<Need> needs) {
      this.source = source;
      this.root = root;
      this.deps = deps;
      this.needs = List.copyOf(needs);
    }

    @Override
    public Predicate source() {
      return source;
    }

    @Override
    public boolean test(EvaluationInput input) {
      return root.test(input);
    }

    @Override
    public Explanation explain(EvaluationInput input) {
      return root.explain(input);
    }

    @Override
    public Optional<Instant> nextChange(EvaluationInput input) {
      return Optional.ofNullable(root.nextChange(input));
    }

    @Override
    public PredicateDependencies dependencies() {
      return deps;
    }

    @Override
    public Optional<TouchpointQuery> historyQuery(Instant now) {
      return historyQuery(needs, now);
    }

    static Optional<TouchpointQuery> historyQuery(List<Need> needs, Instant now) {
      if (needs.isEmpty()) {
        return Optional.empty();
      }
      Set<TouchpointType> types = new HashSet<>();
      boolean allTypes = false;
      Instant from = null;
      boolean ever = false;
      for (Need n : needs) {
        if (n.types().isEmpty()) {
          allTypes = true;
        }
        types.addAll(n.types());
        Instant f = n.last() != null ? now.minus(n.last()) : n.from();
        if (f == null) {
          ever = true;
        } else if (from == null || f.isBefore(from)) {
          from = f;
        }
      }
      return Optional.of(new TouchpointQuery(allTypes ? Set.of() : types,
          ever ? Optional.empty() : Optional.ofNullable(from), Optional.empty()));
    }

    @Override
    public String toString() {
      return "CompiledPredicate[" + PredicateText.format(source) + "]";
    }
  }

  // ------------------------------------------------------------------ dependencies

  private static final class Deps {
    final Set<AttributeKey> attributes = new TreeSet<>();
    boolean stage;
    final Set<Channel> consents = new HashSet<>();
    boolean owner;
    final Set<String> scores = new TreeSet<>();
    final Set<ListId> lists = new TreeSet<>();
    final Set<SegmentId> segments = new TreeSet<>();
    final Set<TouchpointType> types = new TreeSet<>();
    boolean anyType;
    boolean time;
    final List<Need> needs = new ArrayList<>();
    final List<TouchpointFilter> filters = new ArrayList<>();

    void touch(TouchpointFilter f, @Nullable Duration last, @Nullable Instant from) {
      filters.add(f);
      if (f.anyType()) {
        anyType = true;
      }
      types.addAll(f.types());
      needs.add(new Need(f.types(), last, from));
    }

    PredicateDependencies build() {
      return new PredicateDependencies(attributes, stage, consents, owner, scores, lists,
          segments, types, anyType, time, filters);
    }
  }

  // ------------------------------------------------------------------ node construction

  private static Node node(Predicate p, Deps deps, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidValueException("predicate nested deeper than " + MAX_DEPTH);
    }
    if (p instanceof Predicate.Constant c) {
      boolean v = c.value();
      return leaf(in -> v, in -> Boolean.toString(v));
    }
    if (p instanceof Predicate.And a) {
      return new AllNode(children(a.operands(), deps, depth));
    }
    if (p instanceof Predicate.Or o) {
      return new AnyNode(children(o.operands(), deps, depth));
    }
    if (p instanceof Predicate.Not n) {
      return new NotNode(node(n.operand(), deps, depth + 1));
    }
    if (p instanceof Predicate.Attribute a) {
      deps.attributes.add(a.key());
      if (hasToday(a.test())) {
        deps.time = true;
      }
      return new AttributeNode(a);
    }
    if (p instanceof Predicate.StageIn s) {
      deps.stage = true;
      EnumSet<LifecycleStage> set = EnumSet.copyOf(s.stages());
      String need = PredicateText.format(s);
      return leaf(in -> set.contains(in.lead().stage()),
          in -> "stage = " + PredicateText.stageName(in.lead().stage()) + ", needs " + need);
    }
    if (p instanceof Predicate.StageAtLeast s) {
      deps.stage = true;
      int rank = s.stage().rank();
      String need = PredicateText.format(s);
      return leaf(in -> in.lead().stage().rank() >= rank,
          in -> "stage = " + PredicateText.stageName(in.lead().stage()) + ", needs " + need);
    }
    if (p instanceof Predicate.ScoreCompare s) {
      deps.scores.add(s.model());
      String model = s.model();
      Comparison op = s.op();
      double t = s.value();
      String label = PredicateText.scoreLabel(model);
      return leaf(in -> {
        Score sc = in.lead().scores().get(model);
        return sc != null && op.test(compare(sc.value(), t));
      }, in -> {
        Score sc = in.lead().scores().get(model);
        return label + (sc == null ? " is missing" : " = " + PredicateText.number(sc.value()))
            + ", needs " + op.symbol() + " " + PredicateText.number(t);
      });
    }
    if (p instanceof Predicate.ScoreBand s) {
      deps.scores.add(s.model());
      String model = s.model();
      Set<String> bands = s.bands();
      String label = PredicateText.scoreLabel(model) + " band";
      String need = PredicateText.format(s);
      return leaf(in -> {
        Score sc = in.lead().scores().get(model);
        return sc != null && sc.band().isPresent() && bands.contains(sc.band().get());
      }, in -> {
        Score sc = in.lead().scores().get(model);
        String seen = sc == null ? " is missing (no score)" : sc.band()
            .map(b -> " = " + PredicateText.string(b)).orElse(" is missing");
        return label + seen + ", needs " + need;
      });
    }
    if (p instanceof Predicate.ConsentIs c) {
      deps.consents.add(c.channel());
      Channel ch = c.channel();
      ConsentStatus want = c.status().orElse(null);
      String label = "consent(" + PredicateText.channel(ch) + ")";
      return leaf(in -> {
        ConsentRecord r = in.lead().consents().get(ch);
        return want == null ? r == null : r != null && r.status() == want;
      }, in -> {
        ConsentRecord r = in.lead().consents().get(ch);
        return label + " = " + (r == null ? "none" : PredicateText.consentName(r.status()))
            + ", needs " + (want == null ? "none" : PredicateText.consentName(want));
      });
    }
    if (p instanceof Predicate.OwnerIn o) {
      deps.owner = true;
      Set<OwnerId> owners = o.owners();
      String need = PredicateText.format(o);
      return leaf(in -> in.lead().owner().map(owners::contains).orElse(false),
          in -> "owner" + in.lead().owner().map(x -> " = " + PredicateText.string(x.value()))
              .orElse(" is missing") + ", needs " + need);
    }
    if (p instanceof Predicate.HasOwner) {
      deps.owner = true;
      return leaf(in -> in.lead().owner().isPresent(),
          in -> "owner" + in.lead().owner().map(x -> " = " + PredicateText.string(x.value()))
              .orElse(" is missing") + ", needs owner exists");
    }
    if (p instanceof Predicate.InList l) {
      deps.lists.add(l.list());
      ListId id = l.list();
      String text = PredicateText.format(l);
      return leaf(in -> in.lists().contains(id),
          in -> text + ": " + (in.lists().contains(id) ? "member" : "not a member"));
    }
    if (p instanceof Predicate.InSegment s) {
      deps.segments.add(s.segment());
      SegmentId id = s.segment();
      String text = PredicateText.format(s);
      return leaf(in -> in.segments().isMember(id),
          in -> text + ": " + (in.segments().isMember(id) ? "member" : "not a member"));
    }
    if (p instanceof Predicate.TouchCount c) {
      Window w = c.window();
      if (w instanceof Window.Last l) {
        deps.time = true;
        deps.touch(c.filter(), l.length(), null);
      } else if (w instanceof Window.Since s) {
        deps.touch(c.filter(), null, s.from());
      } else if (w instanceof Window.Between b) {
        deps.touch(c.filter(), null, b.from());
      } else {
        deps.touch(c.filter(), null, null);
      }
      return new CountNode(c);
    }
    if (p instanceof Predicate.LastTouch l) {
      deps.time = true;
      deps.touch(l.filter(), l.recency() == Predicate.Recency.WITHIN ? l.age() : null, null);
      return new LastTouchNode(l);
    }
    throw new InvalidValueException("unknown predicate node: " + p);
  }

  private static List<Node> children(List<Predicate> ps, Deps deps, int depth) {
    List<Node> out = new ArrayList<>(ps.size());
    for (Predicate p : ps) {
      out.add(node(p, deps, depth + 1));
    }
    return out;
  }

  static int compare(double a, double b) {
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  private static boolean hasToday(AttributeTest t) {
    if (t instanceof AttributeTest.Equals e) {
      return e.operand() instanceof Operand.Today;
    }
    if (t instanceof AttributeTest.NotEquals e) {
      return e.operand() instanceof Operand.Today;
    }
    if (t instanceof AttributeTest.Compare c) {
      return c.operand() instanceof Operand.Today;
    }
    if (t instanceof AttributeTest.Between b) {
      return b.low() instanceof Operand.Today || b.high() instanceof Operand.Today;
    }
    return false;
  }

  @FunctionalInterface
  private interface Test {
    boolean test(EvaluationInput in);
  }

  @FunctionalInterface
  private interface Describe {
    String describe(EvaluationInput in);
  }

  private static Node leaf(Test test, Describe describe) {
    return new Node() {
      @Override
      public boolean test(EvaluationInput in) {
        return test.test(in);
      }

      @Override
      public Explanation explain(EvaluationInput in) {
        return Explanation.leaf(test.test(in), describe.describe(in));
      }

      @Override
      public @Nullable Instant nextChange(EvaluationInput in) {
        return null;
      }
    };
  }

  private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  private static final class AllNode implements Node {
    private final Node[] children;

    AllNode(List<Node> children) {
      this.children = children.toArray(new Node[0]);
    }

    @Override
    public boolean test(EvaluationInput in) {
      for (Node c : children) {
        if (!c.test(in)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      List<Explanation> ex = new ArrayList<>();
      boolean all = true;
      for (Node c : children) {
        Explanation e = c.explain(in);
        all &= e.matched();
        ex.add(e);
      }
      return new Explanation(all, "all of", ex);
    }

    /**
     * The earliest child change; none if some child is false and time alone never changes it
     * (the conjunction then stays false), which spares evaluating the other children.
     */
    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      Instant m = null;
      for (Node c : children) {
        Instant cn = c.nextChange(in);
        if (cn == null && !c.test(in)) {
          return null;
        }
        m = min(m, cn);
      }
      return m;
    }
  }

  private static final class AnyNode implements Node {
    private final Node[] children;

    AnyNode(List<Node> children) {
      this.children = children.toArray(new Node[0]);
    }

    @Override
    public boolean test(EvaluationInput in) {
      for (Node c : children) {
        if (c.test(in)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      List<Explanation> ex = new ArrayList<>();
      boolean any = false;
      for (Node c : children) {
        Explanation e = c.explain(in);
        any |= e.matched();
        ex.add(e);
      }
      return new Explanation(any, "any of", ex);
    }

    /**
     * The earliest child change; none if some child is true and time alone never changes it
     * (the disjunction then stays true).
     */
    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      Instant m = null;
      for (Node c : children) {
        Instant cn = c.nextChange(in);
        if (cn == null && c.test(in)) {
          return null;
        }
        m = min(m, cn);
      }
      return m;
    }
  }

  private static final class NotNode implements Node {
    private final Node child;

    NotNode(Node child) {
      this.child = child;
    }

    @Override
    public boolean test(EvaluationInput in) {
      return !child.test(in);
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      Explanation e = child.explain(in);
      return new Explanation(!e.matched(), "not", List.of(e));
    }

    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      return child.nextChange(in);
    }
  }

  // ------------------------------------------------------------------ attributes

  @FunctionalInterface
  private interface ValueTest {
    boolean test(AttributeValue v, Instant now);
  }

  private static final class AttributeNode implements Node {
    private final AttributeKey key;
    private final ValueTest test;
    private final boolean presentOnly;
    private final boolean missingOnly;
    private final int[] todayOffsets;
    private final String need;

    AttributeNode(Predicate.Attribute a) {
      this.key = a.key();
      AttributeTest t = a.test();
      this.presentOnly = t instanceof AttributeTest.Exists;
      this.missingOnly = t instanceof AttributeTest.Missing;
      this.test = valueTest(t);
      this.todayOffsets = todayOffsets(t);
      this.need = PredicateText.formatTest(t);
    }

    @Override
    public boolean test(EvaluationInput in) {
      AttributeValue v = in.lead().attributes().asMap().get(key);
      if (v == null) {
        return missingOnly;
      }
      return !missingOnly && (presentOnly || test.test(v, in.now()));
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      AttributeValue v = in.lead().attributes().asMap().get(key);
      String seen = v == null ? " is missing" : " = " + PredicateText.formatValue(v);
      return Explanation.leaf(test(in), PredicateText.attributeName(key) + seen + ", needs "
          + need);
    }

    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      if (todayOffsets.length == 0) {
        return null;
      }
      LocalDate d = dateOf(in.lead().attributes().asMap().get(key));
      if (d == null) {
        return null;
      }
      Instant best = null;
      for (int off : todayOffsets) {
        // "today + off" crosses d when today reaches d - off, and again one day later
        LocalDate flip = d.minusDays(off);
        for (LocalDate day : new LocalDate[] {flip, flip.plusDays(1)}) {
          Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
          if (at.isAfter(in.now())) {
            best = min(best, at);
          }
        }
      }
      return best;
    }

    private static int[] todayOffsets(AttributeTest t) {
      List<Operand> ops = new ArrayList<>();
      if (t instanceof AttributeTest.Equals e) {
        ops.add(e.operand());
      } else if (t instanceof AttributeTest.NotEquals e) {
        ops.add(e.operand());
      } else if (t instanceof AttributeTest.Compare c) {
        ops.add(c.operand());
      } else if (t instanceof AttributeTest.Between b) {
        ops.add(b.low());
        ops.add(b.high());
      }
      return ops.stream().filter(Operand.Today.class::isInstance)
          .mapToInt(o -> ((Operand.Today) o).days()).toArray();
    }
  }

  static @Nullable LocalDate dateOf(@Nullable AttributeValue v) {
    if (v instanceof AttributeValue.Date d) {
      return d.value();
    }
    if (v instanceof AttributeValue.Timestamp t) {
      return LocalDate.ofInstant(t.value(), ZoneOffset.UTC);
    }
    return null;
  }

  static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  private static ValueTest valueTest(AttributeTest t) {
    if (t instanceof AttributeTest.Exists || t instanceof AttributeTest.Missing) {
      return (v, now) -> true;
    }
    if (t instanceof AttributeTest.Equals e) {
      return equality(e.operand());
    }
    if (t instanceof AttributeTest.NotEquals e) {
      ValueTest eq = equality(e.operand());
      return (v, now) -> !eq.test(v, now);
    }
    if (t instanceof AttributeTest.In in) {
      List<ValueTest> tests = new ArrayList<>();
      Set<String> texts = new HashSet<>();
      for (AttributeValue v : in.values()) {
        if (v instanceof AttributeValue.Text tx) {
          texts.add(tx.value());
        } else {
          tests.add(equality(new Operand.Literal(v)));
        }
      }
      ValueTest[] others = tests.toArray(new ValueTest[0]);
      return (v, now) -> {
        if (v instanceof AttributeValue.Text tx) {
          return texts.contains(tx.value());
        }
        if (v instanceof AttributeValue.TextList l) {
          for (String s : l.values()) {
            if (texts.contains(s)) {
              return true;
            }
          }
          return false;
        }
        for (ValueTest o : others) {
          if (o.test(v, now)) {
            return true;
          }
        }
        return false;
      };
    }
    if (t instanceof AttributeTest.Contains c) {
      String s = c.text();
      return textTest(x -> x.contains(s));
    }
    if (t instanceof AttributeTest.StartsWith c) {
      String s = c.prefix();
      return textTest(x -> x.startsWith(s));
    }
    if (t instanceof AttributeTest.Compare c) {
      return ordered(c.op(), c.operand());
    }
    if (t instanceof AttributeTest.Between b) {
      ValueTest lo = ordered(Comparison.GE, b.low());
      ValueTest hi = ordered(Comparison.LE, b.high());
      return (v, now) -> lo.test(v, now) && hi.test(v, now);
    }
    throw new InvalidValueException("unknown attribute test: " + t);
  }

  private static ValueTest textTest(java.util.function.Predicate<String> p) {
    return (v, now) -> {
      if (v instanceof AttributeValue.Text tx) {
        return p.test(tx.value());
      }
      if (v instanceof AttributeValue.TextList l) {
        for (String s : l.values()) {
          if (p.test(s)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static ValueTest equality(Operand o) {
    if (o instanceof Operand.Today td) {
      int days = td.days();
      return (v, now) -> {
        LocalDate d = dateOf(v);
        return d != null && d.equals(today(now).plusDays(days));
      };
    }
    AttributeValue lit = ((Operand.Literal) o).value();
    if (lit instanceof AttributeValue.Text tx) {
      String s = tx.value();
      return (v, now) -> v instanceof AttributeValue.Text t2 ? t2.value().equals(s)
          : v instanceof AttributeValue.TextList l && l.values().contains(s);
    }
    if (lit instanceof AttributeValue.Num n) {
      BigDecimal x = n.value();
      return (v, now) -> v instanceof AttributeValue.Num m && m.value().compareTo(x) == 0;
    }
    if (lit instanceof AttributeValue.Bool b) {
      boolean x = b.value();
      return (v, now) -> v instanceof AttributeValue.Bool m && m.value() == x;
    }
    if (lit instanceof AttributeValue.Date d) {
      LocalDate x = d.value();
      return (v, now) -> x.equals(dateOf(v));
    }
    if (lit instanceof AttributeValue.Timestamp ts) {
      Instant x = ts.value();
      return (v, now) -> v instanceof AttributeValue.Timestamp m && m.value().equals(x);
    }
    throw new InvalidValueException("not a comparable operand: " + o);
  }

  private static ValueTest ordered(Comparison op, Operand o) {
    if (o instanceof Operand.Today td) {
      int days = td.days();
      return (v, now) -> {
        LocalDate d = dateOf(v);
        return d != null && op.test(d.compareTo(today(now).plusDays(days)));
      };
    }
    AttributeValue lit = ((Operand.Literal) o).value();
    if (lit instanceof AttributeValue.Num n) {
      BigDecimal x = n.value();
      return (v, now) -> v instanceof AttributeValue.Num m && op.test(m.value().compareTo(x));
    }
    if (lit instanceof AttributeValue.Date d) {
      LocalDate x = d.value();
      return (v, now) -> {
        LocalDate dv = dateOf(v);
        return dv != null && op.test(dv.compareTo(x));
      };
    }
    if (lit instanceof AttributeValue.Timestamp ts) {
      Instant x = ts.value();
      return (v, now) -> v instanceof AttributeValue.Timestamp m
          && op.test(m.value().compareTo(x));
    }
    throw new InvalidValueException("not an ordered operand: " + o);
  }

  // ------------------------------------------------------------------ behaviour

  /** Index of the first touchpoint with {@code at >= from} (or {@code > from} if strict). */
  static int lowerBound(List<Touchpoint> list, Instant from, boolean strict) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      Instant at = list.get(mid).at();
      boolean before = strict ? !at.isAfter(from) : at.isBefore(from);
      if (before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Largest number of recent touchpoints a count reads through {@link
   * TouchpointHistory#latest}; counts needing more (a bound above this) scan the history.
   */
  static final int MAX_LATEST = 64;

  private static final class CountNode implements Node {
    private final TouchpointFilter filter;
    private final Window window;
    private final int min;
    private final int max;
    /** How many matching touchpoints decide the result: min, or max + 1 when bounded. */
    private final int cap;
    /** True if the result can be read from the {@code cap} most recent matches. */
    private final boolean fromLatest;
    private final String label;
    private final String need;

    CountNode(Predicate.TouchCount c) {
      this.filter = c.filter();
      this.window = c.window();
      this.min = c.min();
      this.max = c.max().orElse(Integer.MAX_VALUE);
      this.cap = max == Integer.MAX_VALUE ? min : max + 1;
      // the window must be "everything from some instant on": then the matches it counts are
      // a run of the newest ones (touchpoints after now count too)
      this.fromLatest = cap <= MAX_LATEST && !(window instanceof Window.Between);
      this.label = PredicateText.countLabel(c);
      this.need = PredicateText.countRange(c.min(), c.max());
    }

    private int start(List<Touchpoint> list, Instant now) {
      if (window instanceof Window.Last l) {
        return lowerBound(list, now.minus(l.length()), true);
      }
      if (window instanceof Window.Since s) {
        return lowerBound(list, s.from(), false);
      }
      if (window instanceof Window.Between b) {
        return lowerBound(list, b.from(), false);
      }
      return 0;
    }

    private int end(List<Touchpoint> list) {
      if (window instanceof Window.Between b) {
        return lowerBound(list, b.to(), false);
      }
      return list.size();
    }

    /** True if {@code t} is inside a window without an end, evaluated at {@code now}. */
    private boolean inOpenWindow(Touchpoint t, Instant now) {
      if (window instanceof Window.Last l) {
        return t.at().isAfter(now.minus(l.length()));
      }
      if (window instanceof Window.Since s) {
        return !t.at().isBefore(s.from());
      }
      return true;
    }

    /** Of the newest-first {@code latest}, how many are in the window at {@code now}. */
    private int inWindow(List<Touchpoint> latest, Instant now) {
      int n = 0;
      for (Touchpoint t : latest) {
        if (!inOpenWindow(t, now)) {
          break; // newest first: every older one is outside too
        }
        n++;
      }
      return n;
    }

    /** Counts matching touchpoints, stopping once {@code cap} is reached. */
    int count(EvaluationInput in, int cap) {
      List<Touchpoint> list = in.history().touchpoints();
      int n = 0;
      for (int i = start(list, in.now()), e = end(list); i < e && n < cap; i++) {
        if (filter.matches(list.get(i))) {
          n++;
        }
      }
      return n;
    }

    @Override
    public boolean test(EvaluationInput in) {
      int n = fromLatest ? inWindow(in.history().latest(filter, cap), in.now())
          : count(in, cap);
      return n >= min && n <= max;
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      int n = count(in, Integer.MAX_VALUE);
      return Explanation.leaf(n >= min && n <= max, label + " = " + n + ", needs " + need);
    }

    /**
     * Only a sliding window changes with time, and only downwards: the oldest counted
     * touchpoints leave first. The result flips when enough have left: from in range to below
     * {@code min}, or from above {@code max} into range.
     */
    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      if (!(window instanceof Window.Last l)) {
        return null;
      }
      if (fromLatest) {
        // the newest cap matches suffice: the k-th newest counted one leaves when k are gone
        List<Touchpoint> latest = in.history().latest(filter, cap);
        int n = inWindow(latest, in.now());
        int kth;
        if (n > max) {
          kth = max + 1; // n == cap == max + 1: back in range once the (max+1)-th newest leaves
        } else if (n >= min && min > 0) {
          kth = min; // falls below min when the min-th newest leaves
        } else {
          return null;
        }
        return latest.get(kth - 1).at().plus(l.length());
      }
      List<Touchpoint> list = in.history().touchpoints();
      List<Instant> times = new ArrayList<>();
      for (int i = start(list, in.now()); i < list.size(); i++) {
        Touchpoint t = list.get(i);
        if (filter.matches(t)) {
          times.add(t.at());
        }
      }
      int n = times.size();
      int leaving;
      if (n > max) {
        leaving = n - max; // this many must leave to get back in range
      } else if (n >= min && min > 0) {
        leaving = n - min + 1; // this many must leave to fall below min
      } else {
        return null;
      }
      return times.get(leaving - 1).plus(l.length());
    }
  }

  private static final class LastTouchNode implements Node {
    private final TouchpointFilter filter;
    private final boolean within;
    private final Duration age;
    private final String label;
    private final String need;

    LastTouchNode(Predicate.LastTouch l) {
      this.filter = l.filter();
      this.within = l.recency() == Predicate.Recency.WITHIN;
      this.age = l.age();
      this.label = "last_touch(" + PredicateText.formatFilter(l.filter()) + ")";
      this.need = (within ? "within " : "older than ") + PredicateText.duration(age);
    }

    private @Nullable Touchpoint last(EvaluationInput in) {
      List<Touchpoint> latest = in.history().latest(filter, 1);
      return latest.isEmpty() ? null : latest.get(0);
    }

    private boolean result(@Nullable Touchpoint last, Instant now) {
      if (last == null) {
        return false;
      }
      boolean recent = last.at().isAfter(now.minus(age));
      return within == recent;
    }

    @Override
    public boolean test(EvaluationInput in) {
      return result(last(in), in.now());
    }

    @Override
    public Explanation explain(EvaluationInput in) {
      Touchpoint t = last(in);
      String seen = t == null ? " none" : " at " + t.at() + " ("
          + PredicateText.duration(Duration.between(t.at(), in.now()).withNanos(0).abs())
          + (t.at().isAfter(in.now()) ? " ahead)" : " ago)");
      return Explanation.leaf(result(t, in.now()), label + seen + ", needs " + need);
    }

    @Override
    public @Nullable Instant nextChange(EvaluationInput in) {
      Touchpoint t = last(in);
      if (t == null) {
        return null;
      }
      Instant flip = t.at().plus(age);
      return flip.isAfter(in.now()) ? flip : null;
    }
  }
}
