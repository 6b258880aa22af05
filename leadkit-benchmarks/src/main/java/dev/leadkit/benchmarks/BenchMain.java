package dev.leadkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every workload (or those named with {@code --only P1,P3}) and writes
 * {@code results/latest.json} and {@code BENCHMARKS.md}.
 *
 * <pre>
 * --quick   few iterations and small sizes (labelled QUICK in the results); the default
 * --full    the sizes stated in the benchmarks issue
 * --dir D   the module directory to write results into (default: .)
 * --only L  only the workloads in the comma-separated list L (P6 also selects P6a, P6b, ...)
 * --merge   keep the earlier records of the workloads not measured in this run
 * --render  only write BENCHMARKS.md again from results/latest.json and results/notes.md
 * </pre>
 */
public final class BenchMain {
  private BenchMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    boolean full = false;
    Path dir = Path.of(".");
    Set<String> only = Set.of();
    boolean merge = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick", "quick" -> full = false;
        case "--full", "full" -> full = true;
        case "--dir" -> dir = Path.of(args[++i]);
        case "--only" -> only = Set.of(args[++i].toUpperCase(Locale.ROOT).split(","));
        case "--merge" -> merge = true;
        case "--render" -> {
          render(dir);
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String mode = full ? "full" : "quick";
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("mode", mode);
    root.put("startedAt", Instant.now().toString());
    root.set("machine", machine(json));
    ArrayNode results = root.putArray("workloads");
    boolean p8 = false;
    for (Workload w : Workloads.all()) {
      if (!only.isEmpty() && !selected(only, w.id())) {
        continue;
      }
      results.add(w.forks() > 0 ? runInterleaved(json, w, full) : run(json, w, full));
      p8 |= w.benchmarkClass() == PipelineBench.class;
      if (w.benchmarkClass() == PushdownBench.class && System.getenv("LEADKIT_BENCH_KEEP_P4")
          == null) {
        PushdownBench.dropData();
      }
    }
    if (p8) {
      // statements and commits per touchpoint: a separate pass, not timed, no JMH
      int leads = 1_000;
      ObjectNode counts = PipelineCounts.count(json, leads);
      root.set("p8Counts", counts);
      for (JsonNode w : results) {
        String side = switch (w.path("id").asText()) {
          case "P8a" -> "Track";
          case "P8b" -> "TrackAll";
          default -> null;
        };
        if (side != null) {
          JsonNode mine = counts.path("leadkit" + side).path(0);
          JsonNode ref = counts.path("reference" + side).path(0);
          ObjectNode o = (ObjectNode) w;
          o.put("leadkitStatementsPerStep", mine.path("statementsPerTouchpoint").asDouble());
          o.put("referenceStatementsPerStep", ref.path("statementsPerTouchpoint").asDouble());
          double commits = mine.path("commitsPerTouchpoint").asDouble()
              + mine.path("autoCommittedPerTouchpoint").asDouble();
          o.put("leadkitCommitsPerStep", commits);
          o.put("referenceCommitsPerStep", ref.path("commitsPerTouchpoint").asDouble()
              + ref.path("autoCommittedPerTouchpoint").asDouble());
          Double allowed = Workloads.COMMITS_PER_STEP_TARGET.get(w.path("id").asText());
          if (allowed != null) {
            o.put("commitsPerStepTarget", allowed);
            o.put("commitsPerStepMet", commits == allowed);
          }
        }
      }
      System.out.println("P8 counts (first round, per touchpoint): " + counts);
    }
    if (only.isEmpty() || only.contains("P2")) {
      int leads = full ? 1_000_000 : 100_000;
      MemoryFootprint.IncrementalResult m = MemoryFootprint.incremental(leads, 400_000);
      ObjectNode mem = root.putObject("p2Memory");
      mem.put("trackedLeads", m.trackedLeads());
      mem.put("touchpoints", m.touchpoints());
      mem.put("leadkitStateBytesPerLead", m.leadkitStateBytesPerLead());
      mem.put("referenceStateBytesPerLead", m.referenceStateBytesPerLead());
      mem.put("leadkitMembers", m.leadkitMembers());
      mem.put("referenceMembers", m.referenceMembers());
      System.out.printf("P2 memory: leadkit segment state %d bytes/lead, reference %d bytes/lead"
          + " (%d tracked leads, %d touchpoints; members %d vs %d)%n",
          m.leadkitStateBytesPerLead(), m.referenceStateBytesPerLead(), m.trackedLeads(),
          m.touchpoints(), m.leadkitMembers(), m.referenceMembers());
    }
    if (only.isEmpty() || only.contains("MEMORY")) {
      int leads = full ? 1_000_000 : 100_000;
      MemoryFootprint.Result m = MemoryFootprint.measure(leads, 10);
      ObjectNode mem = root.putObject("memory");
      mem.put("leads", m.leads());
      mem.put("bytesPerLead", m.bytesPerLead());
      mem.put("touchpoints", m.touchpoints());
      mem.put("bytesPerTouchpoint", m.bytesPerTouchpoint());
      System.out.printf("memory: %d bytes/lead, %d bytes/touchpoint (%d leads, %d touchpoints)%n",
          m.bytesPerLead(), m.bytesPerTouchpoint(), m.leads(), m.touchpoints());
    }
    root.put("finishedAt", Instant.now().toString());
    Path resultsDir = dir.resolve("results");
    if (merge) {
      mergeEarlier(json, root, resultsDir.resolve("latest.json"));
    }
    Files.createDirectories(resultsDir);
    Files.writeString(resultsDir.resolve("latest.json"), json.writeValueAsString(root),
        StandardCharsets.UTF_8);
    System.out.println("wrote " + resultsDir.resolve("latest.json"));
    writeMarkdown(dir, resultsDir, root);
  }

  /**
   * {@code --render}: writes {@code BENCHMARKS.md} again from {@code results/latest.json} and
   * {@code results/notes.md}, measuring nothing (after the reading notes were edited).
   */
  private static void render(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path resultsDir = dir.resolve("results");
    ObjectNode root = (ObjectNode) json.readTree(resultsDir.resolve("latest.json").toFile());
    writeMarkdown(dir, resultsDir, root);
  }

  private static void writeMarkdown(Path dir, Path resultsDir, ObjectNode root)
      throws IOException {
    // hand-written reading notes (what the numbers mean, why a target is missed) follow the
    // generated tables
    Path notes = resultsDir.resolve("notes.md");
    String reading = Files.exists(notes)
        ? "\n" + Files.readString(notes, StandardCharsets.UTF_8) : "";
    Files.writeString(dir.resolve("BENCHMARKS.md"), BenchmarksMarkdown.render(root) + reading,
        StandardCharsets.UTF_8);
    System.out.println("wrote " + dir.resolve("BENCHMARKS.md"));
  }

  /**
   * {@code --merge}: keeps the workloads and memory sections of the earlier {@code latest.json}
   * that this run did not measure, if that file was made in the same mode; a workload measured
   * again replaces its earlier record. Each record keeps its own {@code measuredAt}.
   */
  private static void mergeEarlier(ObjectMapper json, ObjectNode root, Path latest)
      throws IOException {
    if (!Files.exists(latest)) {
      return;
    }
    JsonNode earlier = json.readTree(latest.toFile());
    if (!earlier.path("mode").asText().equals(root.path("mode").asText())) {
      System.out.println("--merge: earlier results are in " + earlier.path("mode").asText()
          + " mode, not merged");
      return;
    }
    ArrayNode now = (ArrayNode) root.get("workloads");
    Set<String> measured = new java.util.HashSet<>();
    now.forEach(w -> measured.add(w.path("id").asText()));
    ArrayNode merged = json.createArrayNode();
    for (Workload w : Workloads.all()) {
      JsonNode pick = null;
      for (JsonNode r : measured.contains(w.id()) ? now : earlier.path("workloads")) {
        if (r.path("id").asText().equals(w.id())) {
          pick = r;
        }
      }
      if (pick != null) {
        merged.add(pick);
      }
    }
    root.set("workloads", merged);
    for (String section : new String[] {"p2Memory", "memory", "p8Counts"}) {
      if (!root.has(section) && earlier.has(section)) {
        root.set(section, earlier.get(section));
      }
    }
    root.put("startedAt", earlier.path("startedAt").asText(root.path("startedAt").asText()));
  }

  /** {@code --only P6} selects P6 and its variants P6a, P6b, ... */
  private static boolean selected(Set<String> only, String id) {
    String upper = id.toUpperCase(Locale.ROOT);
    return only.contains(upper) || (upper.matches("P\\d+[A-Z]+")
        && only.contains(upper.replaceAll("[A-Z]+$", "")));
  }

  private static ObjectNode run(ObjectMapper json, Workload w, boolean full) throws Exception {
    Map<String, String> params = full ? w.fullParams() : w.quickParams();
    String cls = w.benchmarkClass().getName().replace(".", "\\.");
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + cls + "\\.(" + w.leadkitMethod() + "|" + w.referenceMethod() + ")$")
        .forks(1)
        .warmupIterations(full ? 3 : 2).warmupTime(TimeValue.seconds(full ? 3 : 1))
        .measurementIterations(full ? 5 : 3).measurementTime(TimeValue.seconds(full ? 3 : 1))
        .jvmArgsAppend("-Xmx8g")
        .shouldFailOnError(true);
    params.forEach(b::param);
    Collection<RunResult> rs = new Runner(b.build()).run();
    RunResult mine = find(rs, w.leadkitMethod());
    RunResult ref = find(rs, w.referenceMethod());
    double a = mine.getPrimaryResult().getScore();
    double r = ref.getPrimaryResult().getScore();
    double ratio = a / r;
    ObjectNode o = json.createObjectNode();
    o.put("id", w.id());
    o.put("measuredAt", Instant.now().toString());
    o.put("title", w.title());
    o.put("reference", w.reference());
    ObjectNode sizes = o.putObject("sizes");
    params.forEach(sizes::put);
    o.put("unit", mine.getPrimaryResult().getScoreUnit());
    o.put("leadkit", a);
    o.put("leadkitError", mine.getPrimaryResult().getScoreError());
    o.put("referenceScore", r);
    o.put("referenceError", ref.getPrimaryResult().getScoreError());
    o.put("ratio", ratio);
    o.put("target", w.target());
    o.put("met", ratio >= w.target());
    secondary(o, mine, "leadkitSecondary");
    secondary(o, ref, "referenceSecondary");
    perStep(o, mine, "leadkitStatementsPerStep");
    perStep(o, ref, "referenceStatementsPerStep");
    Double allowed = Workloads.STATEMENTS_PER_STEP_TARGET.get(w.id());
    if (allowed != null && o.has("leadkitStatementsPerStep")) {
      o.put("statementsPerStepTarget", allowed);
      o.put("statementsPerStepMet", o.get("leadkitStatementsPerStep").asDouble() <= allowed);
    }
    return o;
  }

  /**
   * A workload with {@link Workload#forks()}: one JMH run of one fork per side and pair, the sides
   * interleaved (L R, R L, L R, ...) so that a change of the machine's load hits both; each side's
   * score is the mean over its forks with a 95 % t interval over the forks, and the ratio is the
   * mean of the per-pair ratios with its 95 % t interval.
   */
  private static ObjectNode runInterleaved(ObjectMapper json, Workload w, boolean full)
      throws Exception {
    Map<String, String> params = full ? w.fullParams() : w.quickParams();
    int pairs = full ? w.forks() : 3;
    String cls = w.benchmarkClass().getName().replace(".", "\\.");
    List<Double> mine = new ArrayList<>();
    List<Double> ref = new ArrayList<>();
    String unit = "";
    for (int i = 0; i < pairs; i++) {
      String[] order = i % 2 == 0 ? new String[] {w.leadkitMethod(), w.referenceMethod()}
          : new String[] {w.referenceMethod(), w.leadkitMethod()};
      for (String method : order) {
        ChainedOptionsBuilder b = new OptionsBuilder()
            .include("^" + cls + "\\." + method + "$")
            .forks(1)
            .warmupIterations(full ? 3 : 2).warmupTime(TimeValue.seconds(full ? 3 : 1))
            .measurementIterations(full ? 5 : 3).measurementTime(TimeValue.seconds(full ? 3 : 1))
            .jvmArgsAppend("-Xmx8g")
            .shouldFailOnError(true);
        params.forEach(b::param);
        RunResult r = find(new Runner(b.build()).run(), method);
        unit = r.getPrimaryResult().getScoreUnit();
        (method.equals(w.leadkitMethod()) ? mine : ref).add(r.getPrimaryResult().getScore());
      }
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      ratios.add(mine.get(i) / ref.get(i));
    }
    double a = mean(mine);
    double r = mean(ref);
    double ratio = mean(ratios);
    ObjectNode o = json.createObjectNode();
    o.put("id", w.id());
    o.put("measuredAt", Instant.now().toString());
    o.put("title", w.title());
    o.put("reference", w.reference());
    ObjectNode sizes = o.putObject("sizes");
    params.forEach(sizes::put);
    o.put("unit", unit);
    o.put("forksPerSide", pairs);
    o.put("leadkit", a);
    o.put("leadkitError", halfWidth(mine));
    o.put("referenceScore", r);
    o.put("referenceError", halfWidth(ref));
    o.put("ratio", ratio);
    o.put("ratioError", halfWidth(ratios));
    ArrayNode perFork = o.putArray("forks");
    for (int i = 0; i < pairs; i++) {
      ObjectNode f = perFork.addObject();
      f.put("leadkit", mine.get(i));
      f.put("reference", ref.get(i));
      f.put("ratio", ratios.get(i));
    }
    o.put("target", w.target());
    o.put("met", ratio >= w.target());
    return o;
  }

  private static double mean(List<Double> xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.size();
  }

  /** Half-width of the 95 % Student t interval of the mean of {@code xs}. */
  private static double halfWidth(List<Double> xs) {
    int n = xs.size();
    if (n < 2) {
      return Double.NaN;
    }
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) {
      ss += (x - m) * (x - m);
    }
    double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};
    double q = n - 2 < t.length ? t[n - 2] : 1.96;
    return q * Math.sqrt(ss / (n - 1) / n);
  }

  private static void secondary(ObjectNode o, RunResult r, String field) {
    if (!r.getSecondaryResults().isEmpty()) {
      ObjectNode s = o.putObject(field);
      r.getSecondaryResults().forEach((k, v) -> s.put(k, v.getScore()));
    }
  }

  /** Statements per step, from the secondary results {@code statements} and {@code steps}. */
  private static void perStep(ObjectNode o, RunResult r, String field) {
    var statements = r.getSecondaryResults().get("statements");
    var steps = r.getSecondaryResults().get("steps");
    if (statements != null && steps != null && steps.getScore() > 0) {
      o.put(field, statements.getScore() / steps.getScore());
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

  private static ObjectNode machine(ObjectMapper json) throws IOException {
    ObjectNode m = json.createObjectNode();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Path cpu = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpu)) {
      List<String> names = new ArrayList<>();
      for (String line : Files.readAllLines(cpu)) {
        if (line.startsWith("model name")) {
          names.add(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      if (!names.isEmpty()) {
        m.put("cpu", names.get(0));
      }
    }
    return m;
  }
}
