package dev.leadkit.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leadkit demo: runs the seed scenarios on the in-memory default and prints what happened.
 *
 * <pre>
 * Demo [scenario ...]     run the named scenarios (default: all)
 * Demo --list             list the scenarios
 * Demo --jdbc [URL] ...   run them on a database: H2 in memory by default, or a JDBC URL
 *                         such as jdbc:postgresql://127.0.0.1:5432/test?user=postgres
 * Demo --console [PORT]   after the scenarios, serve the console on 127.0.0.1 (default 8080)
 * Demo --no-pictures      do not write the KPI report, diagrams and timeline
 * </pre>
 *
 * <p>Unless told otherwise it writes the KPI report, every journey's diagram and one lead's
 * timeline to {@code target/demo-report/} (system property {@code demo.report.dir}).
 */
public final class Demo {
  private Demo() {}

  /** Where every scenario's clock starts. */
  static final String START = "2025-10-15T00:00:00Z";

  static Map<String, Scenario> scenarios() {
    return scenarios(new ProgramsScenario(10_000, 100), new CalibrationScenario(2_000, 200));
  }

  /** Every scenario in the order the demo runs them, with the two big ones as given. */
  static Map<String, Scenario> scenarios(ProgramsScenario programs,
      CalibrationScenario calibration) {
    Map<String, Scenario> m = new LinkedHashMap<>();
    for (Scenario s : List.of(new ExhibitionScenario(), new StitchingScenario(),
        new ScoringScenario(), new SegmentsScenario(), new JourneyScenario(),
        new RenewalScenario(), new DormantScenario(), programs, calibration,
        new KpiReportScenario())) {
      m.put(s.name(), s);
    }
    return m;
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int code = run(args, out);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream ps) throws Exception {
    return run(args, ps, scenarios());
  }

  static int run(String[] args, PrintStream ps, Map<String, Scenario> all) throws Exception {
    List<Scenario> chosen = new ArrayList<>();
    String jdbcUrl = null;
    int consolePort = -1;
    boolean pictures = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--console")) {
        boolean portFollows = i + 1 < args.length && args[i + 1].matches("\\d{1,5}");
        consolePort = portFollows ? Integer.parseInt(args[++i]) : 8080;
        continue;
      }
      if (a.equals("--no-pictures")) {
        pictures = false;
        continue;
      }
      if (a.equals("--jdbc")) {
        boolean urlFollows = i + 1 < args.length && args[i + 1].startsWith("jdbc:");
        jdbcUrl = urlFollows ? args[++i] : DemoEnv.H2_URL;
        continue;
      }
      if (a.equals("--list")) {
        all.values().forEach(s -> ps.println(s.name() + "  " + s.title()));
        return 0;
      }
      Scenario s = all.get(a);
      if (s == null) {
        ps.println("unknown scenario \"" + a + "\"; known: " + all.keySet());
        return 2;
      }
      chosen.add(s);
    }
    if (chosen.isEmpty()) {
      chosen.addAll(all.values());
    }
    // the KPI report covers everything the other scenarios did: run the missing ones first,
    // without printing them
    List<Scenario> quiet = new ArrayList<>();
    if (chosen.stream().anyMatch(s -> s instanceof KpiReportScenario)) {
      for (Scenario s : all.values()) {
        if (!(s instanceof KpiReportScenario) && !chosen.contains(s)) {
          quiet.add(s);
        }
      }
    }
    Report out = new Report(ps);
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    Map<String, DemoEnv> ran = new LinkedHashMap<>();
    if (!quiet.isEmpty()) {
      out.line("(the KPI report covers every scenario: running %s first, quietly)",
          String.join(", ", quiet.stream().map(Scenario::name).toList()));
      Report silent = new Report(new PrintStream(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8));
      for (Scenario s : quiet) {
        ran.put(s.name(), runOne(s, jdbcUrl, ran, silent));
      }
    }
    for (Scenario s : chosen) {
      out.heading(s.name() + ": " + s.title());
      long t0 = System.nanoTime();
      long c0 = cpuNanos();
      ran.put(s.name(), runOne(s, jdbcUrl, ran, out));
      out.line("(%s: %d ms, %d ms CPU of this thread)", s.name(),
          (System.nanoTime() - t0) / 1_000_000, (cpuNanos() - c0) / 1_000_000);
    }
    out.line("%nRan %d scenario(s) on %s in %d ms (%d ms CPU of this thread).", chosen.size(),
        jdbcUrl == null ? "the in-memory store" : redact(jdbcUrl),
        (System.nanoTime() - start) / 1_000_000, (cpuNanos() - cpuStart) / 1_000_000);
    if (pictures) {
      DemoPictures.write(ran, out);
    }
    if (consolePort >= 0) {
      DemoPictures.serve(ran, consolePort, out);
    }
    return 0;
  }

  private static DemoEnv runOne(Scenario s, @org.jspecify.annotations.Nullable String jdbcUrl, Map<String, DemoEnv> ran,
      Report out) throws Exception {
    String begin = START;
    DemoEnv env = (jdbcUrl == null ? DemoEnv.inMemory(begin)
        : DemoEnv.jdbc(begin, jdbcUrl, DemoEnv.prefixFor(s.name()))).after(ran);
    s.run(env, out);
    return env;
  }

  /** CPU time of the calling thread, or 0 where the JVM cannot tell. */
  private static long cpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
        .getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
