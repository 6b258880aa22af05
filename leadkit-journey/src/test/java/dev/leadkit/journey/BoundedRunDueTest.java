package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.DueLimits;
import dev.leadkit.core.DueReport;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runDue} within limits, with mail leaving between batches of due steps. */
class BoundedRunDueTest {
  private final ManualClock clock = ManualClock.at("2026-06-01T00:00:00Z");
  private final List<Long> outboxSizeAtEachSend = new ArrayList<>();
  private LeadKit kit;
  private final Journeys journeys = Journeys.builder().batchSize(2).build();

  private void setUp() {
    Mailer mailer = (message, lead) -> {
      outboxSizeAtEachSend.add(kit.outbox().countByStatus().values().stream()
          .mapToLong(Long::longValue).sum());
      return "id-" + message.key();
    };
    kit = LeadKit.builder().clock(clock).mailer(mailer).install(journeys).build();
    journeys.publish(Journey.builder("drip").wait("pause", Duration.ofHours(1))
        .send("hello", "tpl-hello").build());
    for (int i = 0; i < 7; i++) {
      LeadId lead = kit.upsertLead(LeadInput.email("l" + i + "@example.com")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead().id();
      journeys.enrol(JourneyId.of("drip"), lead, "api");
    }
    clock.advance(Duration.ofHours(2));
  }

  @Test
  void mailLeavesBetweenBatchesNotOnlyAfterTheWholeRun() {
    setUp();
    DueReport report = kit.runDue();
    assertThat(report.complete()).isTrue();
    assertThat(report.dispatch().sent()).isEqualTo(7);
    // the first hand-over happened after the first batch of two, not after all seven steps
    assertThat(outboxSizeAtEachSend.get(0)).isEqualTo(2);
  }

  @Test
  void aRunStopsAtItsLimitAndTheNextOneDoesTheRest() {
    setUp();
    DueReport first = kit.runDue(DueLimits.items(3));
    assertThat(first.complete()).isFalse();
    assertThat(first.processed().get("journeys")).isEqualTo(4); // two batches of two
    assertThat(first.dispatch().sent()).isEqualTo(4);
    DueReport second = kit.runDue(DueLimits.items(100).andTime(Duration.ofMinutes(1)));
    assertThat(second.complete()).isTrue();
    assertThat(second.processed().get("journeys")).isEqualTo(3);
    assertThat(second.dispatch().sent()).isEqualTo(3);
    assertThat(kit.runDue().processed().get("journeys")).isZero();
  }
}
