package dev.leadkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.spring.actuate.LeadkitEndpoint;
import dev.leadkit.spring.actuate.LeadkitHealthIndicator;
import dev.leadkit.spring.metrics.LeadkitMetrics;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import io.micrometer.core.instrument.search.RequiredSearch;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LeadkitMetricsAndActuatorTest {
  private static ApplicationContextRunner scenario() {
    return TestSupport.runner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class))
        .withBean(DataSource.class, TestSupport::h2)
        .withPropertyValues("leadkit.schema.install=true",
            "management.endpoints.web.exposure.include=health,leadkit")
        .withUserConfiguration(ScenarioConfig.class);
  }

  private static double count(MeterRegistry registry, String name) {
    return count(registry.get(name));
  }

  private static double count(RequiredSearch search) {
    return search.counter().count();
  }

  @Test
  void metersCountWhatTheEngineDid() {
    scenario().run(ctx -> {
      assertThat(ctx).hasNotFailed();
      LeadKit kit = ctx.getBean(LeadKit.class);
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      LeadkitScheduler scheduler = ctx.getBean(LeadkitScheduler.class);
      ManualClock clock = ctx.getBean(ManualClock.class);

      for (String email : List.of("taro@example.jp", "bounce@example.jp", "later@example.jp")) {
        Lead lead = TestSupport.subscribedLead(kit, email);
        kit.track(TestSupport.view(kit, lead.id(), lead.id().value() + "-1", "/pricing"));
        kit.track(TestSupport.view(kit, lead.id(), lead.id().value() + "-2", "/pricing"));
      }
      scheduler.runOnce();
      clock.advance(Duration.ofDays(31));
      scheduler.runOnce();

      // 6 page views, 1 email_sent (taro's message), 3 journey_exited (the one-step journey ends)
      assertThat(kit.touchpointLog().count()).isEqualTo(10);
      assertThat(count(registry, "leadkit.touchpoints.tracked")).isEqualTo(10);
      assertThat(count(registry.get("leadkit.segment.entries").tag("segment", "pricing-viewers")))
          .isEqualTo(3);
      assertThat(count(registry.get("leadkit.segment.entries").tag("segment", "engaged")))
          .isEqualTo(3);
      // the 30-day window closed for all three
      assertThat(count(registry.get("leadkit.segment.exits").tag("segment", "pricing-viewers")))
          .isEqualTo(3);
      assertThat(count(registry.get("leadkit.handoffs").tag("model", "engagement"))).isEqualTo(3);
      assertThat(count(registry.get("leadkit.journey.steps")
          .tag("journey", "pricing-follow-up").tag("step", "mail"))).isEqualTo(3);
      assertThat(count(registry, "leadkit.outbox.sent")).isEqualTo(1);
      // later@ failed once per run and stays pending; bounce@ was refused for good
      assertThat(count(registry, "leadkit.outbox.failed")).isEqualTo(2);
      assertThat(count(registry, "leadkit.outbox.dead")).isEqualTo(1);
      assertThat(count(registry.get("leadkit.due.runs").tag("outcome", "success"))).isEqualTo(2);
      assertThat(registry.get("leadkit.due.duration").timer().count()).isEqualTo(2);
      assertThat(count(registry.get("leadkit.due.processed").tag("work", "segments")))
          .isEqualTo(3);
      assertThat(count(registry.get("leadkit.due.processed").tag("work", "journeys"))).isZero();
      assertThat(count(registry.get("leadkit.due.processed").tag("work", "outbox")))
          .isEqualTo(1);
      // the observation around each scheduled run, recorded by Micrometer's default handler
      assertThat(registry.get("leadkit.run-due").timer().count()).isEqualTo(2);

      // the decision pipeline: one leadkit.inputs per input, one leadkit.decisions per decider
      // run (scoring, segments and journeys each decide every round of every input)
      long inputs = timerCount(registry.get("leadkit.inputs").timers());
      assertThat(inputs).isPositive();
      // 6 page views and the email_sent of the one message sent; each journey_exited is
      // tracked from inside the decision that ended the journey, so it is a round of that input
      assertThat(timerCount(registry.get("leadkit.inputs").tag("input", "tracked").timers()))
          .isEqualTo(7);
      for (String plugin : List.of("scoring", "segments", "journeys")) {
        assertThat(timerCount(registry.get("leadkit.decisions").tag("plugin", plugin).timers()))
            .as(plugin).isGreaterThanOrEqualTo(inputs);
      }
      // the six pricing views raised the score: the scoring decider changed something each time
      assertThat(timerCount(registry.get("leadkit.decisions").tag("phase", "scoring")
          .tag("plugin", "scoring").tag("outcome", "changed").timers())).isGreaterThanOrEqualTo(6);
      assertThat(registry.find("leadkit.decisions").tag("outcome", "failed").timers()).isEmpty();
      // each input is also the observation leadkit.input (a timer through Micrometer's handler)
      assertThat(timerCount(registry.get("leadkit.input").timers())).isEqualTo(inputs);

      // due timers: a journey that waits a day, for a fourth lead enrolled by hand
      Journeys journeys = ctx.getBean(Journeys.class);
      journeys.publish(Journey.builder("nudge").wait("pause", Duration.ofDays(1))
          .send("mail", "tpl-nudge").build());
      Lead nudged = TestSupport.subscribedLead(kit, "nudge@example.jp");
      journeys.enrol(JourneyId.of("nudge"), nudged.id(), "test");
      assertThat(registry.find("leadkit.timers.fired").counters()).isEmpty();
      clock.advance(Duration.ofDays(1).plusMinutes(5));
      scheduler.runOnce();
      assertThat(count(registry.get("leadkit.timers.fired").tag("kind", "journey")))
          .isEqualTo(1);
      Timer lag = registry.get("leadkit.timers.lag").tag("kind", "journey").timer();
      assertThat(lag.count()).isEqualTo(1);
      assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(300);
    });
  }

  private static long timerCount(java.util.Collection<Timer> timers) {
    return timers.stream().mapToLong(Timer::count).sum();
  }

  @Test
  void healthIsDownWhenTheStoresCannotBeRead() {
    // no schema installed and no Flyway: leadkit's tables do not exist
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> (message, recipient) -> "x")
        .run(ctx -> {
          Health health = ctx.getBean(LeadkitHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsKey("error");
          // the scheduler logs the failed run and keeps going
          LeadkitScheduler scheduler = ctx.getBean(LeadkitScheduler.class);
          assertThat(scheduler.runOnce()).isEmpty();
          assertThat(scheduler.runOnce()).isEmpty();
          assertThat(scheduler.failures()).isEqualTo(2);
        });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    TestSupport.runner()
        .withBean(DataSource.class, TestSupport::h2)
        .withBean(Mailer.class, () -> (message, recipient) -> "x")
        .withPropertyValues("management.health.leadkit.enabled=false")
        .run(ctx -> assertThat(ctx).hasSingleBean(LeadKit.class)
            .doesNotHaveBean(LeadkitHealthIndicator.class)
            .doesNotHaveBean(LeadkitMetrics.class));
  }

  @Test
  void theBinderWorksWithoutSpring() {
    LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-05-01T00:00:00Z")).build();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try (LeadkitMetrics metrics = new LeadkitMetrics(kit)) {
      metrics.bindTo(registry);
      Lead lead = TestSupport.subscribedLead(kit, "hanako@example.jp");
      kit.track(TestSupport.view(kit, lead.id(), "t1", "/"));
      metrics.intercept(kit::runDue);
      assertThat(count(registry, "leadkit.touchpoints.tracked")).isEqualTo(1);
      assertThat(count(registry.get("leadkit.due.runs").tag("outcome", "success"))).isEqualTo(1);
    }
    // closed: no longer counting
    Lead other = TestSupport.subscribedLead(kit, "jiro@example.jp");
    kit.track(TestSupport.view(kit, other.id(), "t2", "/"));
    assertThat(count(registry, "leadkit.touchpoints.tracked")).isEqualTo(1);
  }

  @Test
  void healthIsUpWithCountsAndTheEndpointShowsTheBacklog() {
    scenario().run(ctx -> {
      LeadKit kit = ctx.getBean(LeadKit.class);
      Lead lead = TestSupport.subscribedLead(kit, "bounce@example.jp");
      kit.track(TestSupport.view(kit, lead.id(), "v1", "/pricing"));
      Health before = ctx.getBean(LeadkitHealthIndicator.class).health();
      assertThat(before.getStatus()).isEqualTo(Status.UP);
      assertThat(before.getDetails()).containsEntry("leads", 1L)
          .containsEntry("outbox.undelivered", 1L).containsEntry("outbox.dead", 0L)
          .containsEntry("journeys.stuck", 0);

      LeadkitEndpoint endpoint = ctx.getBean(LeadkitEndpoint.class);
      LeadkitEndpoint.Backlog pending = endpoint.backlog();
      assertThat(pending.outbox()).containsEntry(OutboxStatus.PENDING, 1L)
          .containsEntry(OutboxStatus.DEAD, 0L).containsOnlyKeys(OutboxStatus.values());
      assertThat(pending.stuckEnrolments()).isZero();
      assertThat(pending.plugins()).containsExactly("scoring", "segments", "journeys");
      assertThat(pending.lastRun()).isNull();

      ctx.getBean(LeadkitScheduler.class).runOnce();
      Health after = ctx.getBean(LeadkitHealthIndicator.class).health();
      assertThat(after.getStatus()).isEqualTo(Status.UP);
      assertThat(after.getDetails()).containsEntry("outbox.undelivered", 0L)
          .containsEntry("outbox.dead", 1L);
      LeadkitEndpoint.Backlog done = endpoint.backlog();
      assertThat(done.outbox()).containsEntry(OutboxStatus.PENDING, 0L)
          .containsEntry(OutboxStatus.DEAD, 1L);
      assertThat(done.lastRun()).isNotNull();
      assertThat(done.lastRun().dispatch().dead()).isEqualTo(1);
    });
  }
}
