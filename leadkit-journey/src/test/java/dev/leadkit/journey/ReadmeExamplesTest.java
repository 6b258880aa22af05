package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.json.JourneyJson;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README section's code, compiled and run. Keep it in sync with .notes/journey.md. */
class ReadmeExamplesTest {
  @Test
  void readmeExample() {
    ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    RecordingMailer mailer = new RecordingMailer();
    List<String> crmTasks = new ArrayList<>();

    // --- README snippet start
    Journeys journeys = Journeys.builder()
        .policies(SendPolicies.custom()
            .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7)))       // across journeys
            .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
            .defaultZone(ZoneId.of("Asia/Tokyo"))
            .salesCollision(Duration.ofDays(3))    // no automated mail after the rep's own
            .duplicateWindow(Duration.ofDays(30))
            .build())
        .build();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).install(journeys).build();

    // a library program, and a hand-written journey
    journeys.publish(Programs.welcome("welcome", "tpl-welcome-1", "tpl-welcome-2",
        "tpl-welcome-3", Duration.ofDays(3)));
    journeys.publish(Journey.builder("seminar-follow-up")
        .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.EVENT_ATTENDED)))
        .goal(Programs.inSalesCycle())                 // leaves when a deal is opened
        .send("thanks", "tpl-seminar-thanks", Sender.OWNER)
        .waitForEvent("wait-click", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED),
            Duration.ofDays(5), "hot", "reminder")
        .branch("hot", score("engagement").atLeast(20), "call", Journey.END)
        .task("call", "call", "Call: clicked the seminar follow-up", Duration.ofDays(1))
        .end()
        .send("reminder", "tpl-seminar-slides")
        .build());
    journeys.onSalesTaskCreated(t -> crmTasks.add(t.kind() + " " + t.lead()));

    Lead lead = kit.upsertLead(LeadInput.email("hanako@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "seminar-form")
        .owner(OwnerId.of("rep-7"))
        .attribute(AttributeKey.TIME_ZONE, "Asia/Tokyo").build()).lead();
    kit.track(Touchpoint.forLead(lead.id(), TouchpointType.EVENT_ATTENDED, clock.instant())
        .build());
    kit.runDue();                       // due steps, then the outbox dispatcher
    // later: the host's scheduler calls kit.runDue() every few minutes

    String json = JourneyJson.write(journeys.journey(JourneyId.of("welcome")).orElseThrow());
    JourneyStats stats = journeys.stats(JourneyId.of("seminar-follow-up"));
    // --- README snippet end

    assertThat(mailer.deliveriesTo(lead.id())).extracting(d -> d.message().template())
        .containsExactly("tpl-seminar-thanks");
    assertThat(JourneyJson.read(json).id().value()).isEqualTo("welcome");
    assertThat(stats.enrolled()).isEqualTo(1);
    for (int i = 0; i < 6 * 24; i++) {
      clock.advance(Duration.ofHours(1));
      kit.runDue();
    }
    assertThat(mailer.deliveriesTo(lead.id())).extracting(d -> d.message().template())
        .containsExactly("tpl-seminar-thanks", "tpl-seminar-slides");
    assertThat(crmTasks).isEmpty();
  }
}
