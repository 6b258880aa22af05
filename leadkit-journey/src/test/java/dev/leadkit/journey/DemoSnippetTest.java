package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario offered for leadkit-examples in .notes/journey.md (welcome, re-engage,
 * renewal), compiled and run here with a plain PrintStream in place of the demo's Report.
 */
class DemoSnippetTest {

  static void run(ManualClock clock, RecordingMailer mailer, PrintStream out) {
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).install(journeys).build();
    journeys.publish(Programs.welcome("welcome", "welcome-1-what-we-solve",
        "welcome-2-customer-stories", "welcome-3-popular-downloads", Duration.ofDays(3)));
    journeys.publish(Programs.reEngage("re-engage", SegmentId.of("inactive-90d"),
        "re-engage-still-interested", "re-engage-last-chance", Duration.ofDays(7),
        ListId.of("to-prune")));
    journeys.publish(Programs.renewal("renewal", "renewal-90-questions",
        "renewal-60-your-rep-and-details", "renewal-30-we-will-call"));

    Lead newcomer = kit.upsertLead(LeadInput.email("newcomer@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "web-form")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    Lead quiet = kit.upsertLead(LeadInput.email("quiet@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "expo-2025")
        .owner(OwnerId.of("rep-sato")).build()).lead();
    Lead customer = kit.upsertLead(LeadInput.email("customer@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "contract")
        .owner(OwnerId.of("rep-sato"))
        .attribute(AttributeKey.RENEWAL_DATE,
            AttributeValue.date(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .plusDays(121))).build()).lead();

    kit.track(Touchpoint.forLead(newcomer.id(), TouchpointType.FORM_SUBMITTED, clock.instant())
        .build());                                             // -> welcome
    journeys.segmentEntered(SegmentId.of("inactive-90d"), quiet.id());   // -> re-engage
    journeys.onSalesTaskCreated(t -> out.printf("  task: %s for %s due %s%n", t.kind(),
        t.lead(), t.dueAt()));
    for (int day = 0; day < 120; day++) {
      kit.runDue();
      clock.advance(Duration.ofDays(1));
    }
    for (Lead l : new Lead[] {newcomer, quiet, customer}) {
      out.printf("%s:%n", l.email());
      mailer.deliveriesTo(l.id()).forEach(d -> out.printf("  %s  %-34s from %s%n",
          d.message().notBefore(), d.message().template(),
          d.message().sender().map(OwnerId::value).orElse("company")));
    }
    for (String j : new String[] {"welcome", "re-engage", "renewal"}) {
      JourneyStats s = journeys.stats(JourneyId.of(j));
      out.printf("%-10s enrolled %d, sent %d, exits %s%n", j, s.enrolled(), s.sent(),
          s.exitedByReason());
    }
  }

  @Test
  void demoScenarioRunsAndShowsAllThreePrograms() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordingMailer mailer = new RecordingMailer();
    run(ManualClock.at("2025-10-15T00:00:00Z"), mailer,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("welcome-3-popular-downloads", "re-engage-last-chance",
        "renewal-30-we-will-call", "task: call");
    assertThat(mailer.deliveries()).hasSize(3 + 2 + 3);
  }
}
