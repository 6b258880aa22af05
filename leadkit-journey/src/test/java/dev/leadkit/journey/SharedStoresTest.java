package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.journey.memory.JourneyMemory;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two engine instances sharing one set of stores, as two servers sharing one database. */
class SharedStoresTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private final LeadStore leads = InMemory.leadStore();
  private final TouchpointLog touchpoints = InMemory.touchpointLog();
  private final Outbox outbox = InMemory.outbox();
  private final EnrolmentStore enrolments = JourneyMemory.enrolmentStore();
  private final TimerStore timers = InMemory.timerStore();
  private final SendLog sendLog = JourneyMemory.sendLog();
  private final JourneyCounters counters = JourneyMemory.counters();
  private final RecordingMailer mailer = new RecordingMailer();

  private LeadKit instance() {
    Journeys journeys = Journeys.builder().enrolmentStore(enrolments).timerStore(timers).sendLog(sendLog)
        .counters(counters).batchSize(10).build();
    LeadKit kit = LeadKit.builder().clock(clock).leadStore(leads).touchpointLog(touchpoints)
        .outbox(outbox).mailer(mailer).install(journeys).build();
    journeys.publish(Journey.builder("drip").send("m1", "tpl-1").wait("w", Duration.ofDays(1))
        .send("m2", "tpl-2").build());
    return kit;
  }

  @Test
  void twoInstancesWorkingTheSameStoresSendEachMessageOnce() throws Exception {
    LeadKit a = instance();
    LeadKit b = instance();
    List<LeadId> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(a.upsertLead(LeadInput.email("l" + i + "@example.com")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead().id());
    }
    a.plugin(Journeys.class).orElseThrow().enrolAll(JourneyId.of("drip"), ids, "bulk");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int day = 0; day < 3; day++) {
        Future<?> fa = pool.submit(() -> {
          for (int k = 0; k < 5; k++) {
            a.runDue();
          }
        });
        Future<?> fb = pool.submit(() -> {
          for (int k = 0; k < 5; k++) {
            b.runDue();
          }
        });
        fa.get();
        fb.get();
        clock.advance(Duration.ofDays(1));
      }
    } finally {
      pool.shutdown();
    }
    assertThat(mailer.deliveries()).hasSize(600);
    assertThat(mailer.duplicateCalls()).isZero();
    assertThat(outbox.countByStatus().get(OutboxStatus.SENT)).isEqualTo(600L);
    assertThat(a.plugin(Journeys.class).orElseThrow().stats(JourneyId.of("drip"))
        .exitedByReason()).containsEntry("completed", 300L);
  }

  @Test
  void anInstanceMissingAJourneyVersionLeavesItsEnrolmentsAloneAndReportsThemStuck() {
    LeadKit a = instance();
    LeadId lead = a.upsertLead(LeadInput.email("x@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead().id();
    a.plugin(Journeys.class).orElseThrow().enrol(JourneyId.of("drip"), lead, "api");
    Journeys bare = Journeys.builder().enrolmentStore(enrolments).timerStore(timers).sendLog(sendLog)
        .counters(counters).build();
    LeadKit b = LeadKit.builder().clock(clock).leadStore(leads).touchpointLog(touchpoints)
        .outbox(outbox).mailer(mailer).install(bare).build();
    clock.advance(Duration.ofDays(2));
    b.runDue();
    clock.advance(Duration.ofHours(2));
    assertThat(bare.stuck(Duration.ofHours(1))).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("not published"));
    assertThat(mailer.deliveries()).hasSize(1);
    a.runDue(); // an instance that knows the journey picks it up after the lease
    assertThat(mailer.deliveries()).hasSize(2);
  }
}
