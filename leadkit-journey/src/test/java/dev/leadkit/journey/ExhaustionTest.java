package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.SalesTaskCreated;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExhaustionTest {
  private static final Duration WEEK = Duration.ofDays(7);

  /** Seed 004: 6 mails and 3 calls over 8 weeks; no response moves the lead to re-engagement. */
  private static Journey eightWeeks() {
    return Journey.builder("nurture-8w")
        .exhaustion(Exhaustion.of(6, 3, Duration.ofDays(56))
            .thenMoveTo(JourneyId.of("re-engage")))
        .send("mail-1", "n-1").wait("w1", WEEK)
        .send("mail-2", "n-2").task("call-1", "call", "Call 1", Duration.ofDays(1))
        .wait("w2", WEEK)
        .send("mail-3", "n-3").wait("w3", WEEK)
        .send("mail-4", "n-4").task("call-2", "call", "Call 2", Duration.ofDays(1))
        .wait("w4", WEEK)
        .send("mail-5", "n-5").wait("w5", WEEK)
        .send("mail-6", "n-6").task("call-3", "call", "Call 3", Duration.ofDays(1))
        .send("mail-7", "n-7-over-budget")
        .wait("w6", Duration.ofDays(30))
        .send("mail-8", "n-8-never")
        .build();
  }

  @Test
  void sixMailsAndThreeCallsOverEightWeeksWithoutResponseExhaustAndMoveToReEngagement() {
    Fixture f = new Fixture();
    f.journeys.publish(eightWeeks());
    f.journeys.publish(Journey.builder("re-engage").send("re-1", "re-1").build());
    Lead silent = f.lead();
    Instant start = f.now();
    f.journeys.enrol(JourneyId.of("nurture-8w"), silent.id(), "api");
    f.runFor(Duration.ofDays(55), Duration.ofHours(6));
    assertThat(f.journeys.enrolments(silent.id())).singleElement()
        .satisfies(e -> assertThat(e.isLive()).isTrue());
    f.runFor(Duration.ofDays(2), Duration.ofHours(6));
    assertThat(f.templatesTo(silent.id()))
        .containsExactly("n-1", "n-2", "n-3", "n-4", "n-5", "n-6", "re-1");
    assertThat(f.events(SalesTaskCreated.class)).hasSize(3);
    var nurture = f.journeys.enrolments(silent.id()).get(0);
    assertThat(nurture.exitReason()).contains(ExitReason.EXHAUSTED);
    assertThat(nurture.exitedAt()).contains(start.plus(Duration.ofDays(56)));
    assertThat(nurture.messages()).isEqualTo(6);
    assertThat(nurture.tasks()).isEqualTo(3);
    assertThat(f.journeys.enrolments(silent.id()).get(1).journey())
        .isEqualTo(JourneyId.of("re-engage"));
    assertThat(f.journeys.stats(JourneyId.of("nurture-8w")).exitedByReason())
        .containsEntry("exhausted", 1L);
  }

  @Test
  void aLeadThatRespondedIsNotExhaustedAndCompletes() {
    Fixture f = new Fixture();
    f.journeys.publish(eightWeeks());
    f.journeys.publish(Journey.builder("re-engage").send("re-1", "re-1").build());
    Lead responder = f.lead();
    f.journeys.enrol(JourneyId.of("nurture-8w"), responder.id(), "api");
    f.runFor(Duration.ofDays(20), Duration.ofHours(6));
    f.track(responder.id(), TouchpointType.EMAIL_CLICKED);
    f.runFor(Duration.ofDays(80), Duration.ofHours(12));
    assertThat(f.journeys.enrolments(responder.id())).singleElement()
        .satisfies(e -> assertThat(e.exitReason()).contains(ExitReason.COMPLETED));
    // the budget holds for responders too: mails 7 and 8 are skipped
    assertThat(f.templatesTo(responder.id()))
        .containsExactly("n-1", "n-2", "n-3", "n-4", "n-5", "n-6");
  }
}
