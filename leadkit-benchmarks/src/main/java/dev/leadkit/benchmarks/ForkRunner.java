package dev.leadkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.benchmarks.Stats.Interval;
import dev.leadkit.benchmarks.Stats.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one workload as pairs of forks (one JMH run of one fork each), the sides alternating
 * ({@link Stats#order}), every fork with a fixed heap ({@code -Xms} = {@code -Xmx}),
 * {@code -XX:+AlwaysPreTouch} and JMH's GC profiler (allocation per operation), and its load
 * logged ({@link LoadMonitor}); a fork run while other processes kept more than one thread
 * runnable on average is run again, at most {@link Settings#reruns} times, and the attempt with
 * the least load is kept (marked {@code underLoad} if even that one was over the limit).
 */
final class ForkRunner {
  private ForkRunner() {}

  /** How forks are run. */
  record Settings(boolean full, int forksPerSide, int reruns, int loadWaitSeconds, String heap,
      int warmupIterations, int warmupSeconds, int iterations, int seconds) {

    static Settings quickMode() {
      return new Settings(false, 3, 1, 20, "3g", 2, 1, 3, 2);
    }

    static Settings fullMode() {
      return new Settings(true, 5, 2, 60, "8g", 3, 5, 5, 5);
    }

    Settings withForks(int n) {
      return new Settings(full, n, reruns, loadWaitSeconds, heap, warmupIterations,
          warmupSeconds, iterations, seconds);
    }

    Settings withReruns(int n) {
      return new Settings(full, forksPerSide, n, loadWaitSeconds, heap, warmupIterations,
          warmupSeconds, iterations, seconds);
    }

    Settings withHeap(String h) {
      return new Settings(full, forksPerSide, reruns, loadWaitSeconds, h, warmupIterations,
          warmupSeconds, iterations, seconds);
    }

    Settings withTimes(int warmupIterations, int warmupSeconds, int iterations, int seconds) {
      return new Settings(full, forksPerSide, reruns, loadWaitSeconds, heap, warmupIterations,
          warmupSeconds, iterations, seconds);
    }

    String[] jvmArgs() {
      return new String[] {"-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"};
    }
  }

  /** One kept fork. */
  record Fork(int pair, Side side, double score, String unit, double allocBytesPerOp,
      Map<String, Double> secondary, LoadMonitor.Load load, int attempts) {}

  /** Forks of one workload in run order. */
  static List<Fork> forks(Workload w, Settings s) throws RunnerException, InterruptedException {
    int pairs = s.full() && w.forks() > 0 ? Math.max(w.forks(), s.forksPerSide())
        : s.forksPerSide();
    List<Fork> out = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      for (Side side : Stats.order(i)) {
        out.add(fork(w, s, i, side));
      }
    }
    return out;
  }

  private static Fork fork(Workload w, Settings s, int pair, Side side)
      throws RunnerException, InterruptedException {
    Fork best = null;
    for (int attempt = 1; attempt <= s.reruns() + 1; attempt++) {
      if (attempt > 1) {
        waitForQuiet(s.loadWaitSeconds());
      }
      Fork f = once(w, s, pair, side, attempt);
      System.out.printf("%s pair %d %s attempt %d: %.4g %s, alloc %.0f B/op, load1 %.2f -> %.2f,"
          + " others %.2f%n", w.id(), pair, side, attempt, f.score(), f.unit(),
          f.allocBytesPerOp(), f.load().load1Start(), f.load().load1End(),
          f.load().othersLoad());
      if (best == null || f.load().othersLoad() < best.load().othersLoad()) {
        best = new Fork(pair, side, f.score(), f.unit(), f.allocBytesPerOp(), f.secondary(),
            f.load(), attempt);
      } else {
        best = new Fork(pair, side, best.score(), best.unit(), best.allocBytesPerOp(),
            best.secondary(), best.load(), attempt);
      }
      if (!f.load().tooHigh()) {
        break;
      }
    }
    return best;
  }

  /** Waits up to {@code seconds} for the others' runnable threads to drop to the limit. */
  private static void waitForQuiet(int seconds) throws InterruptedException {
    for (int i = 0; i < seconds; i++) {
      double n = 0;
      for (int k = 0; k < 3; k++) {
        n += LoadMonitor.othersRunnable();
        Thread.sleep(333);
      }
      if (!(n / 3 > LoadMonitor.LIMIT)) {
        return;
      }
    }
  }

  private static Fork once(Workload w, Settings s, int pair, Side side, int attempt)
      throws RunnerException {
    String method = side == Side.LEADKIT ? w.leadkitMethod() : w.referenceMethod();
    String cls = w.benchmarkClass().getName().replace(".", "\\.");
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + cls + "\\." + method + "$")
        .forks(1)
        .warmupIterations(s.warmupIterations()).warmupTime(TimeValue.seconds(s.warmupSeconds()))
        .measurementIterations(s.iterations()).measurementTime(TimeValue.seconds(s.seconds()))
        .jvmArgsAppend(s.jvmArgs())
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    w.params(side, s.full()).forEach(b::param);
    RunResult r;
    try (LoadMonitor monitor = LoadMonitor.start()) {
      r = find(new Runner(b.build()).run(), method);
      LoadMonitor.Load load = monitor.stop();
      Map<String, Double> secondary = new TreeMap<>();
      double alloc = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        secondary.put(e.getKey(), e.getValue().getScore());
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().getScore();
        }
      }
      return new Fork(pair, side, r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreUnit(), alloc, secondary, load, attempt);
    }
  }

  private static RunResult find(Collection<RunResult> rs, String method) {
    for (RunResult r : rs) {
      if (r.getParams().getBenchmark().endsWith("." + method)) {
        return r;
      }
    }
    throw new IllegalStateException("no result for " + method);
  }

  /** The record of one workload in {@code results/latest.json}. */
  static ObjectNode record(ObjectMapper json, Workload w, Settings s, List<Fork> forks) {
    Side[] sides = new Side[forks.size()];
    double[] scores = new double[forks.size()];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = forks.get(i).side();
      scores[i] = forks.get(i).score();
    }
    double[] ratios = Stats.pairRatios(sides, scores);
    double[] mine = Stats.side(sides, scores, Side.LEADKIT);
    double[] ref = Stats.side(sides, scores, Side.REFERENCE);
    double ratio = Stats.median(ratios);
    Interval ri = Stats.bootstrapMedian95(ratios);
    Interval mi = Stats.bootstrapMedian95(mine);
    Interval fi = Stats.bootstrapMedian95(ref);
    ObjectNode o = json.createObjectNode();
    o.put("id", w.id());
    o.put("measuredAt", Instant.now().toString());
    o.put("title", w.title());
    o.put("reference", w.reference());
    ObjectNode sizes = o.putObject("sizes");
    w.params(Side.LEADKIT, s.full()).forEach(sizes::put);
    if (!w.referenceOverrides().isEmpty()) {
      ObjectNode rs = o.putObject("referenceSizes");
      w.params(Side.REFERENCE, s.full()).forEach(rs::put);
    }
    o.put("unit", forks.get(0).unit());
    o.put("forksPerSide", ratios.length);
    o.put("warmup", s.warmupIterations() + " x " + s.warmupSeconds() + " s");
    o.put("measurement", s.iterations() + " x " + s.seconds() + " s");
    o.put("jvmArgs", String.join(" ", s.jvmArgs()));
    o.put("leadkit", Stats.median(mine));
    o.put("leadkitLow", mi.low());
    o.put("leadkitHigh", mi.high());
    o.put("referenceScore", Stats.median(ref));
    o.put("referenceLow", fi.low());
    o.put("referenceHigh", fi.high());
    o.put("ratio", ratio);
    o.put("ratioLow", ri.low());
    o.put("ratioHigh", ri.high());
    o.put("ratioInterval", "median of " + ratios.length + " adjacent-pair ratios, percentile "
        + "bootstrap 95 %, " + Stats.RESAMPLES + " resamples, seed " + Stats.SEED);
    o.put("ratioWide", ri.widerThan(ratio, Stats.WIDE));
    o.put("target", w.target());
    o.put("met", ratio >= w.target());
    o.put("intervalAboveTarget", ri.low() >= w.target());
    o.put("intervalBelowTarget", ri.high() < w.target());
    o.put("leadkitAllocBytesPerOp", medianOf(forks, Side.LEADKIT, Fork::allocBytesPerOp));
    o.put("referenceAllocBytesPerOp", medianOf(forks, Side.REFERENCE, Fork::allocBytesPerOp));
    ObjectNode ls = o.putObject("leadkitSecondary");
    ObjectNode rs = o.putObject("referenceSecondary");
    for (Fork f : forks) {
      for (String k : f.secondary().keySet()) {
        ObjectNode target = f.side() == Side.LEADKIT ? ls : rs;
        if (!target.has(k)) {
          target.put(k, medianOf(forks, f.side(), x -> x.secondary().getOrDefault(k,
              Double.NaN)));
        }
      }
    }
    perStep(o, forks, Side.LEADKIT, "leadkitStatementsPerStep");
    perStep(o, forks, Side.REFERENCE, "referenceStatementsPerStep");
    Double allowed = Workloads.STATEMENTS_PER_STEP_TARGET.get(w.id());
    if (allowed != null && o.has("leadkitStatementsPerStep")) {
      o.put("statementsPerStepTarget", allowed);
      o.put("statementsPerStepMet", o.get("leadkitStatementsPerStep").asDouble() <= allowed);
    }
    int rerun = 0;
    int underLoad = 0;
    double maxOthers = 0;
    double maxLoad1 = 0;
    ArrayNode fa = o.putArray("forks");
    for (Fork f : forks) {
      ObjectNode x = fa.addObject();
      x.put("pair", f.pair());
      x.put("side", f.side() == Side.LEADKIT ? "leadkit" : "reference");
      x.put("score", f.score());
      x.put("allocBytesPerOp", f.allocBytesPerOp());
      x.put("load1Start", f.load().load1Start());
      x.put("load1End", f.load().load1End());
      x.put("othersLoad", f.load().othersLoad());
      x.put("attempts", f.attempts());
      x.put("underLoad", f.load().tooHigh());
      rerun += f.attempts() > 1 ? 1 : 0;
      underLoad += f.load().tooHigh() ? 1 : 0;
      maxOthers = Math.max(maxOthers, f.load().othersLoad());
      maxLoad1 = Math.max(maxLoad1, Math.max(f.load().load1Start(), f.load().load1End()));
    }
    ArrayNode pr = o.putArray("pairRatios");
    for (double r : ratios) {
      pr.add(r);
    }
    o.put("forksRerun", rerun);
    o.put("forksUnderLoad", underLoad);
    o.put("maxOthersLoad", maxOthers);
    o.put("maxLoad1", maxLoad1);
    return o;
  }

  private static void perStep(ObjectNode o, List<Fork> forks, Side side, String field) {
    double v = medianOf(forks, side, f -> {
      Double statements = f.secondary().get("statements");
      Double steps = f.secondary().get("steps");
      return statements == null || steps == null || steps <= 0 ? Double.NaN
          : statements / steps;
    });
    if (!Double.isNaN(v)) {
      o.put(field, v);
    }
  }

  private static double medianOf(List<Fork> forks, Side side,
      java.util.function.ToDoubleFunction<Fork> f) {
    List<Double> xs = new ArrayList<>();
    for (Fork x : forks) {
      double v = f.applyAsDouble(x);
      if (x.side() == side && !Double.isNaN(v)) {
        xs.add(v);
      }
    }
    return xs.isEmpty() ? Double.NaN
        : Stats.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Parameters as {@code name=value} for a log line. */
  static String describe(Map<String, String> params) {
    return new LinkedHashMap<>(params).toString();
  }
}
