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
    assertThat(out).contains("11 rows: 8 created, 0 updated, 1 unchanged, 2 refused")
        .contains("0 created, 0 updated, 9 unchanged, 2 refused")
        .contains("line 6: invalid e-mail address \"mika.ito@ito-butsuryu\"")
        .contains("taro.yamada@yamada-kogyo.co.jp")
        .contains("sending the same events again records 0 more");
  }

  @Test
  void theDemoRunsTheSameOnAnEmbeddedDatabase() throws Exception {
    String out = run("--jdbc", "exhibition");
    assertThat(out).contains("11 rows: 8 created, 0 updated, 1 unchanged, 2 refused")
        .contains("0 created, 0 updated, 9 unchanged, 2 refused")
        .contains("taro.yamada@yamada-kogyo.co.jp")
        .contains("sending the same events again records 0 more")
        .contains("on jdbc:h2:mem:leadkit-demo");
    assertThat(run("--jdbc", "exhibition")).as("a second run starts from empty tables")
        .contains("11 rows: 8 created, 0 updated, 1 unchanged, 2 refused");
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
        .contains("+ ken.tanaka@tanaka-seiko.example entered erp-mfg at 2025-10-19T00:00:00Z")
        .doesNotContain("mika.ito@ito-butsuryu.example entered erp-mfg")
        .contains("industry = \"logistics\", needs in (\"manufacturing\", \"it\")")
        .contains("- ken.tanaka@tanaka-seiko.example left erp-interest at 2026-01-13T00:00:00Z");
  }

  @Test
  void kpiScenarioPrintsSeed003Kpis() throws Exception {
    String out = run("kpis");
    assertThat(out).contains("approach count (reach)").contains("win rate")
        .contains("Funnel of the leads created in 2025-11").contains("Stage velocity")
        .contains("welcome / 3");
  }

  @Test
  void journeysScenarioSendsWelcomeReEngageAndRenewalAt90_60_30Days() throws Exception {
    String out = run("journeys");
    assertThat(out).contains("Renewal date of customer@example.co.jp: 2026-02-13")
        .contains("welcome-3-popular-downloads").contains("re-engage-last-chance")
        .containsPattern("customer@example.co.jp +\\| 2025-11-1\\dT[^|]+\\| renewal-90-questions")
        .containsPattern("customer@example.co.jp +\\| 2025-12-1\\dT[^|]+\\| renewal-60-")
        .containsPattern("customer@example.co.jp +\\| 2026-01-1\\dT[^|]+\\| renewal-30-")
        .contains("task: call for customer@example.co.jp");
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
    scenario.run(jdbc ? DemoEnv.jdbc(start, DemoEnv.H2_URL) : DemoEnv.inMemory(start), out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long number(String out, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as("output has " + regex).isTrue();
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
        .contains("journey enrolments stay in memory");
    assertThat(runScenario(new JourneyScenario(), true)).contains("renewal-30-we-will-call");
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
