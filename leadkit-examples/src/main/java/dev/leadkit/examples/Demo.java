package dev.leadkit.examples;

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
 * </pre>
 */
public final class Demo {
  private Demo() {}

  static Map<String, Scenario> scenarios() {
    Map<String, Scenario> m = new LinkedHashMap<>();
    for (Scenario s : List.of(new ExhibitionScenario(), new StitchingScenario(),
        new ScoringScenario(), new SegmentsScenario(), new JourneyScenario(),
        new DormantScenario(), new ProgramsScenario(10_000, 100), new CalibrationScenario(2_000, 200),
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
    Map<String, Scenario> all = scenarios();
    List<Scenario> chosen = new ArrayList<>();
    String jdbcUrl = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
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
    Report out = new Report(ps);
    long start = System.nanoTime();
    for (Scenario s : chosen) {
      out.heading(s.name() + ": " + s.title());
      String begin = "2025-10-15T00:00:00Z";
      s.run(jdbcUrl == null ? DemoEnv.inMemory(begin) : DemoEnv.jdbc(begin, jdbcUrl), out);
    }
    out.line("%nRan %d scenario(s) on %s in %d ms.", chosen.size(),
        jdbcUrl == null ? "the in-memory store" : redact(jdbcUrl),
        (System.nanoTime() - start) / 1_000_000);
    return 0;
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
