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
 * --only L  only the workloads in the comma-separated list L (P6 also selects P6a, P6b, ...;
 *           P10 also the definitions curve; GROWTH the lead-growth curves; MEMORY the footprint)
 * --forks N        forks per side (default 3 quick, 5 full); pairs alternate L R / R L
 * --reruns N       reruns of a fork taken under others' load above 1 (default 1 quick, 2 full)
 * --heap H         -Xms = -Xmx of every fork (default 3g quick, 8g full), with AlwaysPreTouch
 * --times W,WS,I,S warm-up iterations and seconds, measured iterations and seconds
 * --curve-forks N  forks per side for each curve point (default 1 quick, 3 full)
 * --growth-sizes L lead counts of the growth curves (default 10000,100000[,1000000 full])
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
    Integer forks = null;
    Integer reruns = null;
    String heap = null;
    int[] times = null;
    List<Integer> growthSizes = null;
    Integer curveForks = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick", "quick" -> full = false;
        case "--full", "full" -> full = true;
        case "--dir" -> dir = Path.of(args[++i]);
        case "--only" -> only = Set.of(args[++i].toUpperCase(Locale.ROOT).split(","));
        case "--merge" -> merge = true;
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--reruns" -> reruns = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--curve-forks" -> curveForks = Integer.parseInt(args[++i]);
        case "--times" -> times = java.util.Arrays.stream(args[++i].split(","))
            .mapToInt(Integer::parseInt).toArray();
        case "--growth-sizes" -> {
          growthSizes = new ArrayList<>();
          for (String x : args[++i].split(",")) {
            growthSizes.add(Integer.parseInt(x));
          }
        }
        case "--render" -> {
          render(dir);
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ForkRunner.Settings settings = full ? ForkRunner.Settings.fullMode()
        : ForkRunner.Settings.quickMode();
    if (forks != null) {
      settings = settings.withForks(forks);
    }
    if (reruns != null) {
      settings = settings.withReruns(reruns);
    }
    if (heap != null) {
      settings = settings.withHeap(heap);
    }
    if (times != null) {
      if (times.length != 4) {
        throw new IllegalArgumentException("--times WARMUPS,SECONDS,ITERATIONS,SECONDS");
      }
      settings = settings.withTimes(times[0], times[1], times[2], times[3]);
    }
    String mode = full ? "full" : "quick";
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("mode", mode);
    root.put("startedAt", Instant.now().toString());
    root.set("machine", machine(json));
    root.put("load1AtStart", LoadMonitor.loadAverage1());
    ObjectNode method = root.putObject("method");
    method.put("forksPerSide", settings.forksPerSide());
    method.put("order", "pairs of adjacent forks, L R then R L, alternating");
    method.put("ratio", "median of the pair ratios (leadkit / reference)");
    method.put("interval", "percentile bootstrap 95 %, " + Stats.RESAMPLES
        + " resamples, seed " + Stats.SEED);
    method.put("wideWhenBeyond", Stats.WIDE);
    method.put("warmup", settings.warmupIterations() + " x " + settings.warmupSeconds() + " s");
    method.put("measurement", settings.iterations() + " x " + settings.seconds() + " s");
    method.put("jvmArgs", String.join(" ", settings.jvmArgs()));
    method.put("rerunWhenOthersLoadAbove", LoadMonitor.LIMIT);
    method.put("reruns", settings.reruns());
    ArrayNode results = root.putArray("workloads");
    boolean p8 = false;
    for (Workload w : Workloads.all()) {
      if (!only.isEmpty() && !selected(only, w.id())) {
        continue;
      }
      results.add(ForkRunner.record(json, w, settings, ForkRunner.forks(w, settings)));
      p8 |= w.benchmarkClass() == PipelineBench.class;
      if (w.benchmarkClass() == PushdownBench.class && System.getenv("LEADKIT_BENCH_KEEP_P4")
          == null) {
        PushdownBench.dropData();
      }
    }
    if (only.isEmpty() || only.contains("P10")) {
      root.set("definitionsCurve", Curves.definitions(json, settings,
          curveForks != null ? curveForks : full ? 3 : 1));
    }
    if (only.isEmpty() || only.contains("GROWTH")) {
      List<Integer> sizes = growthSizes != null ? growthSizes
          : full ? List.of(10_000, 100_000, 1_000_000) : List.of(10_000, 100_000);
      root.set("growthCurves", Curves.growth(json, settings, sizes,
          curveForks != null ? curveForks : full ? 3 : 1));
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
      int leads = full ? 100_000 : 20_000;
      MemoryFootprint.WindowResult m = MemoryFootprint.window(leads, 20);
      ObjectNode mem = root.putObject("windowMemory");
      mem.put("leads", m.leads());
      mem.put("touchpointsPerLead", m.touchpointsPerLead());
      mem.put("bytesPerLead", m.bytesPerLead());
      mem.put("logBytesPerTouchpoint", m.logBytesPerTouchpoint());
      mem.put("members", m.members());
      mem.put("goalBytesPerLead", 600);
      System.out.printf("window memory: %d bytes/lead with %d touchpoints of window state "
          + "(%d leads; log %d bytes/touchpoint)%n", m.bytesPerLead(), m.touchpointsPerLead(),
          m.leads(), m.logBytesPerTouchpoint());
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
    for (String section : new String[] {"p2Memory", "memory", "p8Counts", "windowMemory",
        "definitionsCurve", "growthCurves"}) {
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
