package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.inList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Journeys with the segments plugin installed: triggers, list steps and list predicates. */
class SegmentsIntegrationTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
  private final RecordingMailer mailer = new RecordingMailer();
  private final SegmentsPlugin segments = SegmentsPlugin.inMemory();
  private final Journeys journeys = Journeys.builder().build();
  private final LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer).install(segments)
      .install(journeys).build();

  private Lead lead(String email) {
    return kit.upsertLead(LeadInput.email(email)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead();
  }

  @Test
  void aLeadGoingQuietForSixtyDaysEntersTheSegmentAndTheReEngagementJourney() {
    segments.define(SegmentDefinition.of("inactive-60d", "Inactive for 60 days",
        Programs.inactiveFor(Duration.ofDays(60))));
    journeys.publish(Programs.reEngage("re-engage", SegmentId.of("inactive-60d"), "tpl-miss-you",
        "tpl-last-chance", Duration.ofDays(7), ListId.of("prune")));
    Lead lead = lead("quiet@example.com");
    kit.track(Touchpoint.forLead(lead.id(), TouchpointType.PAGE_VIEW, clock.instant())
        .url("/pricing").build());
    kit.runDue();
    assertThat(mailer.deliveriesTo(lead.id())).isEmpty();
    for (int day = 0; day < 61; day++) {
      clock.advance(Duration.ofDays(1));
      kit.runDue();
    }
    assertThat(mailer.deliveriesTo(lead.id())).extracting(d -> d.message().template())
        .containsExactly("tpl-miss-you");
    for (int day = 0; day < 15; day++) {
      clock.advance(Duration.ofDays(1));
      kit.runDue();
    }
    // not kept: the journey's list step reached the segments plugin's static list
    assertThat(segments.lists().contains(ListId.of("prune"), lead.id())).isTrue();
  }

  @Test
  void listStepsAndListPredicatesUseTheSegmentsPluginsStaticLists() {
    journeys.publish(Journey.builder("vip-check")
        .addToList("mark", ListId.of("vip"))
        .branch("is-vip", inList(ListId.of("vip")), "vip-mail", "plain-mail")
        .send("vip-mail", "tpl-vip").end()
        .send("plain-mail", "tpl-plain")
        .build());
    Lead lead = lead("vip@example.com");
    journeys.enrol(JourneyId.of("vip-check"), lead.id(), "api");
    kit.runDue();
    assertThat(mailer.deliveriesTo(lead.id())).extracting(d -> d.message().template())
        .containsExactly("tpl-vip");
  }

  @Test
  void aSegmentsMembersAreEnrolledInBulk() {
    segments.define(SegmentDefinition.of("it", "IT industry",
        dev.leadkit.core.predicate.Predicates.attribute(
            dev.leadkit.core.lead.AttributeKey.INDUSTRY).eq("it")));
    journeys.publish(Journey.builder("it-campaign").send("s", "tpl-it").build());
    for (int i = 0; i < 1200; i++) {
      kit.upsertLead(LeadInput.email("m" + i + "@example.com")
          .attribute(dev.leadkit.core.lead.AttributeKey.INDUSTRY, i % 2 == 0 ? "it" : "retail")
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build());
    }
    assertThat(journeys.enrolSegment(JourneyId.of("it-campaign"), SegmentId.of("it")))
        .isEqualTo(600);
    assertThat(journeys.enrolSegment(JourneyId.of("it-campaign"), SegmentId.of("it"))).isZero();
    kit.runDue();
    assertThat(mailer.deliveries()).hasSize(600);
  }
}
