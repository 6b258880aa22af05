package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What one claimed batch of due steps with a send costs on the database: statements, commits
 * and connections for 20 enrolments whose wait elapsed and whose next step queues a mail (then
 * the journey ends). Printed per step; the batch is one claim and one unit of work.
 */
class DueStepStatementsTest {
  private static final int LEADS = 20;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void aBatchOfDueSendingStepsIsOneClaimAndOneUnitOfWork(Dialect d) {
    PipelineRig rig = new PipelineRig(d, getClass().getName());
    JourneyId drip = JourneyId.of("drip");
    rig.journeys.publish(Journey.builder(drip.value()).wait("pause", Duration.ofHours(1))
        .send("mail", "tpl-drip").build());
    List<LeadId> leads = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      LeadId lead = rig.lead("due" + i + "@example.com").id();
      rig.journeys.enrol(drip, lead, "api");
      leads.add(lead);
    }
    rig.clock.advance(Duration.ofHours(2));
    rig.probe.reset();
    int steps = rig.journeys.runDue(rig.clock.instant());

    assertThat(steps).isEqualTo(LEADS);
    for (LeadId lead : leads) {
      assertThat(rig.journeys.enrolments(lead)).singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(EnrolmentStatus.EXITED));
    }
    assertThat(rig.stores.outbox().countByStatus().values().stream().mapToLong(Long::longValue)
        .sum()).isEqualTo(LEADS);
    Map<String, Integer> kinds = new TreeMap<>();
    for (String sql : rig.probe.executed) {
      String s = sql.replaceAll("\\s+", " ").trim();
      String[] w = s.split(" ");
      String table = "?";
      for (int i = 0; i < w.length - 1; i++) {
        if (w[i].equalsIgnoreCase("FROM") || w[i].equalsIgnoreCase("INTO")
            || w[i].equalsIgnoreCase("UPDATE")) {
          table = w[i + 1];
          break;
        }
      }
      kinds.merge(w[0].toUpperCase(java.util.Locale.ROOT) + " " + table, 1, Integer::sum);
    }
    System.out.printf("due steps on %s: %d steps, %d statements (%.2f per step), %d writes,"
        + " %d commits, %d connections; by kind %s%n", d.displayName(), steps,
        rig.probe.executed.size(), rig.probe.executed.size() / (double) steps,
        rig.probe.writes.get(), rig.probe.commits.get(), rig.probe.connections.get(), kinds);
    assertThat(rig.probe.commits.get()).as("commits: the claim, then one unit of work")
        .isEqualTo(2);
  }
}
