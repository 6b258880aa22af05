package dev.leadkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
  private static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Demo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exhibitionScenarioImportsCardsOnceAndReportsBadRows() throws Exception {
    String out = run("exhibition");
    assertThat(out).contains("11 rows: 8 created, 0 updated, 0 unchanged, 1 repeated, 2 refused (UTF-8)")
        .contains("0 created, 0 updated, 8 unchanged, 1 repeated, 2 refused (UTF-8)")
        .contains("line 6: invalid e-mail address \"mika.ito@ito-butsuryu\"")
        .contains("repeated line 12: hanako.sato@sato-denki.example repeats line 3")
        .contains("taro.yamada@yamada-kogyo.co.jp")
        .contains("sending the same events again records 0 more");
  }

  @Test
  void theDemoRunsTheSameOnAnEmbeddedDatabase() throws Exception {
    String out = run("--jdbc", "exhibition");
    assertThat(out).contains("11 rows: 8 created, 0 updated, 0 unchanged, 1 repeated, 2 refused (UTF-8)")
        .contains("0 created, 0 updated, 8 unchanged, 1 repeated, 2 refused (UTF-8)")
        .contains("taro.yamada@yamada-kogyo.co.jp")
        .contains("sending the same events again records 0 more")
        .contains("on jdbc:h2:mem:leadkit-demo");
    assertThat(run("--jdbc", "exhibition")).as("a second run starts from empty tables")
        .contains("11 rows: 8 created, 0 updated, 0 unchanged, 1 repeated, 2 refused (UTF-8)");
  }

  @Test
  void stitchingScenarioTiesVisitorsToLeadsAndRefusesATamperedToken() throws Exception {
    String out = run("stitching");
    assertThat(out).contains("by TAGGED_LINK").contains("by FORM_EMAIL")
        .contains("A tampered token: lead (none)")
        .contains("/, /products/erp, /products/erp/pricing, /seminar/erp")
        .contains("Undone: 9 leads again");
  }

  @Test
  void scoringScenarioHandsOnlyTheRealBuyerToSales() throws Exception {
    String out = run("scoring");
    assertThat(out).contains("hand-off to sales: sato@example.co.jp at 20.0 points")
        .doesNotContain("hand-off to sales: suzuki@")
        .contains("Sato: stage MQL");
  }

  @Test
  void segmentsScenarioEntersOnTheFifthViewAndLeavesWhenTheWindowCloses() throws Exception {
    String out = run("segments");
    assertThat(out)
        .contains("+ ken.tanaka@tanaka-seiko.example entered erp-mfg at 2025-10-19 09:00")
        .doesNotContain("mika.ito@ito-butsuryu.example entered erp-mfg")
        .contains("industry = \"logistics\", needs in (\"manufacturing\", \"it\")")
        .contains("- ken.tanaka@tanaka-seiko.example left erp-interest at 2026-01-13 09:00");
  }

  /** Every scenario, with the two big simulations small enough for a unit test. */
  private static java.util.Map<String, Scenario> small() {
    return Demo.scenarios(new ProgramsScenario(600, 60), new CalibrationScenario(500, 60));
  }

  private static String runSmall(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Demo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), small());
    assertThat(code).isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The row of {@code label} in a table printed by the demo, split into its cells. */
  private static long[] row(String out, String label) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^" + java.util.regex.Pattern.quote(label) + " +\\|(.*)$").matcher(out);
    assertThat(m.find()).as("a row " + label).isTrue();
    return java.util.Arrays.stream(m.group(1).split("\\|")).map(String::trim)
        .mapToLong(Long::parseLong).toArray();
  }

  @Test
  void kpiReportAloneRunsEveryOtherScenarioFirstAndCoversThemAll() throws Exception {
    String out = runSmall("kpis");
    assertThat(out).contains("running exhibition, stitching, scoring, segments, journeys, "
        + "renewal, dormant, programs, calibration first, quietly")
        .contains("Part 1: seed 003's month, 2025-11").contains("approach count (reach)")
        .contains("Funnel of the leads created in 2025-11").contains("welcome / 3")
        .contains("Part 2: everything the demo ran, 10 scenarios, 2025-10-15 to 2026-0");
    // every scenario that creates leads contributes, and "all" is their sum
    long[] all = row(out, "all");
    long[] sum = new long[all.length];
    for (String s : new String[] {"exhibition", "stitching", "scoring", "segments", "journeys",
        "renewal", "dormant", "programs", "calibration", "kpis"}) {
      long[] r = row(out, s);
      assertThat(r[0]).as("new leads of " + s).isPositive();
      for (int i = 0; i < r.length; i++) {
        sum[i] += r[i];
      }
    }
    assertThat(all).containsExactly(sum);
    assertThat(row(out, "programs")[0]).isEqualTo(600);
    assertThat(row(out, "calibration")[0]).isEqualTo(500);
    assertThat(all[2]).as("mails sent over everything").isGreaterThan(row(out, "kpis")[2]);
    // the KPI table over everything counts the same mails as the per-scenario table
    assertThat(number(out, "(?m)^mails sent +\\| (\\d+)", 2)).isEqualTo(all[2]);
    // per-program rows come from several scenarios
    assertThat(out).containsPattern("programs +\\| nurture +\\| \\d+")
        .containsPattern("dormant +\\| dormant-2025 +\\| \\d+")
        .containsPattern("renewal +\\| renewal +\\| \\d+")
        .containsPattern("kpis +\\| welcome / 3 +\\| \\d+")
        .contains("By template, over everything").contains("Stage velocity over everything");
  }

  @Test
  void journeysScenarioSendsWelcomeAndReEngagement() throws Exception {
    String out = run("journeys");
    assertThat(out).containsPattern("newcomer@example.co.jp +\\| 2025-10-15 09:00 +\\| welcome-1-")
        .containsPattern("newcomer@example.co.jp +\\| 2025-10-21 09:00 +\\| welcome-3-popular")
        .containsPattern("quiet@example.co.jp +\\| 2025-10-22 09:00 +\\| re-engage-last-chance")
        .containsPattern("welcome +\\| 1 +\\| 3 +\\| completed: 1")
        .containsPattern("re-engage +\\| 1 +\\| 2 +\\| not_kept: 1");
  }

  @Test
  void renewalScenarioSendsThe90_60_30DayMessagesOnTheirDatesAndStopsOnEarlyRenewal()
      throws Exception {
    String out = run("renewal");
    assertThat(out)
        .containsPattern("kobayashi@kobayashi-foods.example +\\| 2025-11-15 +\\| 90 +\\| "
            + "renewal-90-questions +\\| company")
        .containsPattern("kobayashi@kobayashi-foods.example +\\| 2025-12-15 +\\| 60 +\\| "
            + "renewal-60-your-rep-and-details +\\| rep-sato")
        .containsPattern("kobayashi@kobayashi-foods.example +\\| 2026-01-14 +\\| 30 +\\| "
            + "renewal-30-we-will-call")
        .contains("task: call for kobayashi@kobayashi-foods.example")
        // renews early on day 30, after the 90-day message: no 60- or 30-day message
        .containsPattern("watanabe@watanabe-kensetsu.example +\\| 2025-10-25 +\\| 90 +\\| "
            + "renewal-90-questions")
        .doesNotContainPattern("watanabe@watanabe-kensetsu.example +\\|[^\\n]*renewal-60")
        .doesNotContain("task: call for watanabe@")
        .containsPattern("yoshida@yoshida-yakuhin.example +\\| - +\\| - +\\| \\(nothing yet")
        .contains("renewal: enrolled 2, active 0, sent 4, exits completed: 1, goal_reached: 1");
  }

  @Test
  void dormantScenarioSegmentsMailsScoresAndBranches() throws Exception {
    String out = run("dormant");
    assertThat(out).containsPattern("kato@kato-denki.example +\\| attended +\\| 3 days ago +\\| yes")
        .containsPattern("mori@mori-yakuhin.example +\\| attended +\\| 90 days ago +\\| no")
        .containsPattern("ikeda@ikeda-unyu.example +\\| - +\\| 2 days ago +\\| no")
        .contains("Campaign mail: 5 members enrolled in bulk, 5 mails delivered")
        .containsPattern("task: visit kato@kato-denki.example")
        .containsPattern("task: call +hayashi@hayashi-shoji.example")
        .contains("mail: dormant-case-studies           to shimizu@shimizu-buhin.example")
        .contains("arms: visit 2, call 2, follow-up mail 1");
  }

  private static String runScenario(Scenario scenario, boolean jdbc) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report out = new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String start = "2025-10-15T00:00:00Z";
    scenario.run(jdbc ? DemoEnv.jdbc(start, DemoEnv.H2_URL, DemoEnv.prefixFor(scenario.name()))
        : DemoEnv.inMemory(start), out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long number(String out, String regex) {
    return number(out, regex, 1);
  }

  /** The number the {@code nth} match of {@code regex} captures. */
  private static long number(String out, String regex, int nth) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(out);
    for (int i = 0; i < nth; i++) {
      assertThat(m.find()).as("output has " + regex + " " + nth + " times").isTrue();
    }
    return Long.parseLong(m.group(1));
  }

  @Test
  void programsScenarioMovesLeadsThroughAllFourProgramsAndHandsSomeToSales()
      throws Exception {
    String out = runScenario(new ProgramsScenario(600, 100), false);
    assertThat(out).contains("600 leads arrived over 90 days");
    assertThat(number(out, "welcome +\\| (\\d+)")).isEqualTo(600);
    assertThat(number(out, "nurture +\\| (\\d+)")).isPositive();
    assertThat(number(out, "accelerate +\\| (\\d+)")).isPositive();
    assertThat(number(out, "re-engage +\\| (\\d+)")).isPositive();
    assertThat(number(out, "Hand-offs to sales \\(engagement >= 20\\): (\\d+)")).isPositive();
    assertThat(number(out, "DORMANT +\\| (\\d+)")).isPositive();
    assertThat(out).containsPattern("(CUSTOMER|OPPORTUNITY|SQL) +\\| \\d+")
        .contains("programs: 120 simulated days in");
    assertThat(number(out, "CUSTOMER +\\| (\\d+)") + number(out, "OPPORTUNITY +\\| (\\d+)"))
        .as("some deals").isPositive();
    // welcome v1 against v2, replayed over the first 30 days: every lead that signed up in
    // them enters both, and the weekly cap defers the third mail of the 1-day version
    assertThat(out).contains("Simulation before changing welcome: the first 30 days");
    assertThat(number(out, "(?m)^entries +\\| (\\d+) +\\| \\d+")).isEqualTo(600 * 30 / 90);
    assertThat(number(out, "(?m)^entries +\\| \\d+ +\\| (\\d+)")).isEqualTo(600 * 30 / 90);
    assertThat(number(out, "(?m)^deferred by capped +\\| \\d+ +\\| (\\d+)")).isPositive();
  }

  @Test
  void calibrationScenarioSuggestsThresholdsAndComparesTwoModels() throws Exception {
    String out = runScenario(new CalibrationScenario(500, 100), false);
    assertThat(out).contains("Conversion by band of the peak engagement score")
        .containsPattern("Suggested for precision \\(at least 5 hand-offs a week\\): "
            + "threshold \\d+\\.\\d")
        .containsPattern("Suggested for capacity \\(sales can take 10 a week\\): "
            + "threshold \\d+\\.\\d")
        .containsPattern("engagement +\\| \\d+ ")
        .containsPattern("engagement-v2 +\\| \\d+ ");
    assertThat(number(out, "(\\d+) hand-offs at 20 points")).isPositive();
  }

  @Test
  void newScenariosRunOnTheEmbeddedDatabase() throws Exception {
    assertThat(runScenario(new DormantScenario(), true))
        .contains("Campaign mail: 5 members enrolled in bulk, 5 mails delivered")
        .contains("arms: visit 2, call 2, follow-up mail 1")
        .contains("journey enrolments, send log and counters are in the database");
    assertThat(runScenario(new JourneyScenario(), true)).contains("welcome-3-popular-downloads");
    assertThat(runScenario(new RenewalScenario(), true))
        .contains("renewal: enrolled 2, active 0, sent 4, exits completed: 1, goal_reached: 1");
    assertThat(runScenario(new ProgramsScenario(10_000, 60), true))
        .contains("--jdbc: 60 leads instead of 10000")
        .contains("60 leads arrived over 90 days");
    assertThat(runScenario(new CalibrationScenario(2_000, 60), true))
        .contains("60 leads, 120 days");
  }

  @Test
  void unknownScenarioIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(Demo.run(new String[] {"nope"}, new PrintStream(bytes, true,
        StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown scenario");
  }
}
