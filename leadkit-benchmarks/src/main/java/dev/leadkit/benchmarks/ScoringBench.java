package dev.leadkit.benchmarks;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.CompiledModel;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.ScoreState;
import dev.leadkit.scoring.ScoringModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P1: scoring one touchpoint against 20 behaviour rules with a lazily decayed score per lead.
 * leadkit: {@link CompiledModel#score} (the per-touchpoint step the scoring plugin takes: decay,
 * rules, caps, thresholds, next decay check) on a {@link ScoreState} found in, or added to, a
 * hash map by lead. Reference: a hand-written if-chain over the same 20 rules and a hash map of
 * {@code double[]{positive, negative, day}} with lazy exponential decay in whole days (leadkit's
 * default step). Both sides find or create the lead's state in the same kind of map, see the
 * same touchpoints in the same order, and start again from empty maps when the stream wraps, so
 * that time never runs backwards (the wrap falls between invocations, outside the measurement).
 * The setup checks that both give the same score for every lead after a whole pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBench {
  static final int BATCH = 10_000;
  static final Duration HALF_LIFE = Duration.ofDays(30);

  @Param("100000")
  public int leads;

  private Touchpoint[] stream;
  private LeadId[] leadOf;
  private int cursor;
  private CompiledModel model;
  private HashMap<LeadId, ScoreState> states;
  private HashMap<LeadId, double[]> reference;

  static ScoringModel model() {
    ScoringModel.Builder b = ScoringModel.custom("engagement").decay(Decay.halfLife(HALF_LIFE));
    String[][] pages = {{"home", "/", "1"}, {"products", "/products/**", "3"},
        {"request", "/docs/request/**", "5"}, {"erp", "/products/erp/**", "2"},
        {"pricing", "/pricing/**", "4"}, {"blog", "/blog/**", "1"},
        {"careers", "/careers/**", "-5"}, {"cases", "/case-studies/**", "2"},
        {"contact", "/contact", "6"}, {"seminar", "/seminar/**", "3"},
        {"support", "/support", "-1"}, {"partners", "/partners", "1"},
        {"about", "/about", "1"}, {"news", "/news", "0.5"}, {"crm", "/products/crm", "2"}};
    for (String[] p : pages) {
      b.behaviour(p[0], TouchpointFilter.of(TouchpointType.PAGE_VIEW).url(p[1]),
          Double.parseDouble(p[2]));
    }
    b.behaviour("click", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED), 2);
    b.behaviour("click-pricing", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED)
        .url("/pricing/**"), 3);
    b.behaviour("form", TouchpointFilter.of(TouchpointType.FORM_SUBMITTED), 10);
    b.behaviour("asset", TouchpointFilter.of(TouchpointType.ASSET_DOWNLOADED), 5);
    b.behaviour("asset-again", TouchpointFilter.of(TouchpointType.ASSET_DOWNLOADED), 1);
    return b.build();
  }

  /** The same 20 rules, written by hand. */
  static double points(Touchpoint t) {
    TouchpointType type = t.type();
    String url = t.properties().get(PropertyKey.URL);
    double p = 0;
    if (type.equals(TouchpointType.PAGE_VIEW)) {
      if (url.equals("/")) {
        p += 1;
      }
      if (url.equals("/products") || url.startsWith("/products/")) {
        p += 3;
      }
      if (url.equals("/docs/request") || url.startsWith("/docs/request/")) {
        p += 5;
      }
      if (url.equals("/products/erp") || url.startsWith("/products/erp/")) {
        p += 2;
      }
      if (url.equals("/pricing") || url.startsWith("/pricing/")) {
        p += 4;
      }
      if (url.equals("/blog") || url.startsWith("/blog/")) {
        p += 1;
      }
      if (url.equals("/careers") || url.startsWith("/careers/")) {
        p -= 5;
      }
      if (url.equals("/case-studies") || url.startsWith("/case-studies/")) {
        p += 2;
      }
      if (url.equals("/contact")) {
        p += 6;
      }
      if (url.equals("/seminar") || url.startsWith("/seminar/")) {
        p += 3;
      }
      if (url.equals("/support")) {
        p -= 1;
      }
      if (url.equals("/partners")) {
        p += 1;
      }
      if (url.equals("/about")) {
        p += 1;
      }
      if (url.equals("/news")) {
        p += 0.5;
      }
      if (url.equals("/products/crm")) {
        p += 2;
      }
    } else if (type.equals(TouchpointType.EMAIL_CLICKED)) {
      p += 2;
      if (url != null && (url.equals("/pricing") || url.startsWith("/pricing/"))) {
        p += 3;
      }
    } else if (type.equals(TouchpointType.FORM_SUBMITTED)) {
      p += 10;
    } else if (type.equals(TouchpointType.ASSET_DOWNLOADED)) {
      p += 6;
    }
    return p;
  }

  static final long DAY = 86_400_000L;
  static final double LAMBDA_PER_DAY = Math.log(2) / HALF_LIFE.toDays();

  /**
   * Hand-written lazy decay in whole UTC days (leadkit's default step): positive points decay,
   * negative ones do not (as in leadkit). State: {positive, negative, day of last decay}.
   */
  static void referenceApply(HashMap<LeadId, double[]> m, LeadId lead, Touchpoint t) {
    double p = points(t);
    double[] s = m.get(lead);
    long day = Math.floorDiv(t.at().toEpochMilli(), DAY);
    if (s == null) {
      s = new double[] {0, 0, day};
      m.put(lead, s);
    }
    if (day > s[2]) {
      s[0] *= Math.exp(-LAMBDA_PER_DAY * (day - s[2]));
      s[2] = day;
    }
    if (p > 0) {
      s[0] += p;
    } else {
      s[1] += p;
    }
  }

  /** leadkit's step for one touchpoint: find or create the lead's state, then score. */
  static double leadkitApply(CompiledModel m, HashMap<LeadId, ScoreState> states, LeadId lead,
      Touchpoint t) {
    ScoreState s = states.get(lead);
    if (s == null) {
      s = m.newState(lead);
      states.put(lead, s);
    }
    return m.score(s, t, CompiledModel.IGNORE);
  }

  @Setup(Level.Trial)
  public void setUp() {
    stream = Data.stream(leads, 1_000_000, Duration.ofDays(120), 42);
    if (stream.length % BATCH != 0) {
      throw new IllegalStateException("the stream must wrap between invocations");
    }
    leadOf = new LeadId[stream.length];
    for (int i = 0; i < stream.length; i++) {
      leadOf[i] = stream[i].lead().get();
    }
    model = model().compile();
    states = new HashMap<>();
    reference = new HashMap<>();
    // equal work: both sides must agree on every lead's score after a whole pass
    for (int i = 0; i < stream.length; i++) {
      leadkitApply(model, states, leadOf[i], stream[i]);
      referenceApply(reference, leadOf[i], stream[i]);
    }
    long end = stream[stream.length - 1].at().toEpochMilli();
    long endDay = Math.floorDiv(end, DAY);
    if (states.size() != reference.size()) {
      throw new IllegalStateException("leads: " + states.size() + " vs " + reference.size());
    }
    for (var e : reference.entrySet()) {
      double[] s = e.getValue();
      double ref = s[0] * Math.exp(-LAMBDA_PER_DAY * (endDay - s[2])) + s[1];
      double mine = model.valueAt(states.get(e.getKey()), end);
      if (Math.abs(ref - mine) > 1e-6 * Math.max(1, Math.abs(ref))) {
        throw new IllegalStateException("reference and leadkit disagree for " + e.getKey()
            + ": " + ref + " vs " + mine);
      }
    }
    cursor = stream.length; // the first invocation starts from empty maps
  }

  /** At the end of the stream, start again from empty maps (not measured). */
  @Setup(Level.Invocation)
  public void wrap() {
    if (cursor == stream.length) {
      cursor = 0;
      states.clear();
      reference.clear();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double leadkit() {
    double sum = 0;
    int c = cursor;
    for (int i = 0; i < BATCH; i++, c++) {
      sum += leadkitApply(model, states, leadOf[c], stream[c]);
    }
    cursor = c;
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double reference() {
    int c = cursor;
    for (int i = 0; i < BATCH; i++, c++) {
      referenceApply(reference, leadOf[c], stream[c]);
    }
    cursor = c;
    return reference.size();
  }
}
