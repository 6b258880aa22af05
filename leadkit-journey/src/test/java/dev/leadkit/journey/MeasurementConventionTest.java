package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.measure.Attribution;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.ProgramPerformance;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The touchpoints journeys record feed the core measurement's per-program report. */
class MeasurementConventionTest {
  @Test
  void journeyMailsOpensClicksAndExitsShowUpInProgramPerformance() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.welcome("welcome", "w1", "w2", "w3", Duration.ofDays(2)));
    Instant start = f.now();
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.runFor(Duration.ofDays(3));
    String firstKey = f.mailer.deliveriesTo(lead.id()).get(0).message().key().value();
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.EMAIL_CLICKED, f.now())
        .property(PropertyKey.MESSAGE_KEY, firstKey).url("/lp/demo").build());
    f.kit.changeStage(lead.id(), LifecycleStage.OPPORTUNITY, "demo booked");
    f.runFor(Duration.ofDays(5));
    assertThat(f.templatesTo(lead.id())).containsExactly("w1", "w2");

    ProgramPerformance p = Measurement.programPerformance(
        InMemory.measurementSource(f.kit.leadStore(), f.kit.touchpointLog()),
        ReportPeriod.of(start, f.now()), Attribution.defaults());
    var journey = p.journey("welcome").orElseThrow();
    assertThat(journey.mail().sent()).isEqualTo(2);
    assertThat(journey.mail().clicked()).isEqualTo(1);
    assertThat(journey.mail().converted()).isEqualTo(1);
    assertThat(journey.exitsByReason()).containsEntry(ExitReason.GOAL.code(), 1L);
    assertThat(p.step("welcome", "welcome-1").orElseThrow().mail().clicked()).isEqualTo(1);
    assertThat(p.template("w2").orElseThrow().mail().sent()).isEqualTo(1);
  }
}
