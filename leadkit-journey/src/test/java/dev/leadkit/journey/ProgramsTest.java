package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.ListChangeRequested;
import dev.leadkit.journey.event.OwnerNotified;
import dev.leadkit.journey.event.SalesTaskCreated;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramsTest {

  private static Map<String, Instant> sentAt(Fixture f, LeadId lead) {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (MessageSent s : f.events(MessageSent.class)) {
      if (s.message().lead().equals(lead)) {
        out.put(s.message().template(), s.at());
      }
    }
    return out;
  }

  @Test
  void renewalMailsGoOutNinetySixtyAndThirtyDaysBeforeTheRenewalDate() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.renewal("renewal", "tpl-r90", "tpl-r60", "tpl-r30"));
    Lead lead = f.lead(b -> b.attribute(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-09-01")));
    assertThat(f.journeys.enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(EnrolmentStatus.SCHEDULED));
    f.runFor(Duration.ofDays(155), Duration.ofHours(3));
    assertThat(sentAt(f, lead.id())).containsExactly(
        Map.entry("tpl-r90", Instant.parse("2026-06-03T09:00:00Z")),
        Map.entry("tpl-r60", Instant.parse("2026-07-03T09:00:00Z")),
        Map.entry("tpl-r30", Instant.parse("2026-08-02T09:00:00Z")));
    assertThat(f.mailer.deliveriesTo(lead.id()).get(1).message().sender())
        .contains(OwnerId.of("rep-1"));
    assertThat(f.events(SalesTaskCreated.class)).singleElement()
        .satisfies(t -> assertThat(t.at()).isEqualTo(Instant.parse("2026-08-02T09:00:00Z")));
  }

  @Test
  void renewalIsScheduledForExistingLeadsAndFollowsAChangedDate() {
    Fixture f = new Fixture();
    Lead lead = f.lead(b -> b.attribute(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-09-01")));
    f.journeys.publish(Programs.renewal("renewal", "tpl-r90", "tpl-r60", "tpl-r30"));
    assertThat(f.journeys.scheduleDateTriggers()).isEqualTo(1);
    f.kit.modify(lead.id(), l -> l.withAttributes(l.attributes().with(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-10-01")), f.now()));
    assertThat(f.journeys.enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.dueAt()).contains(Instant.parse("2026-07-03T09:00:00Z")));
  }

  @Test
  void aCustomerAddedInsideTheRenewalWindowStartsAtOnceAndGetsTheRemainingMailsOnTime() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.renewal("renewal", "tpl-r90", "tpl-r60", "tpl-r30"));
    Lead late = f.lead(b -> b.attribute(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-06-10")));                    // 70 days ahead
    Lead past = f.lead(b -> b.attribute(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-03-01")));                    // already renewed (or lapsed)
    f.runFor(Duration.ofDays(71), Duration.ofHours(3));
    assertThat(sentAt(f, late.id())).containsExactly(
        Map.entry("tpl-r90", Instant.parse("2026-04-01T00:00:00Z")),
        Map.entry("tpl-r60", Instant.parse("2026-04-11T09:00:00Z")),
        Map.entry("tpl-r30", Instant.parse("2026-05-11T09:00:00Z")));
    assertThat(f.templatesTo(past.id())).isEmpty();
  }

  @Test
  void removingTheRenewalDateCancelsTheScheduledStart() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.renewal("renewal", "tpl-r90", "tpl-r60", "tpl-r30"));
    Lead lead = f.lead(b -> b.attribute(AttributeKey.RENEWAL_DATE,
        Fixture.date("2026-09-01")));
    f.kit.modify(lead.id(), l -> l.withAttributes(l.attributes().without(
        AttributeKey.RENEWAL_DATE), f.now()));
    assertThat(f.journeys.enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.exitReason()).contains(ExitReason.DATE_MISSING));
    f.runFor(Duration.ofDays(100), Duration.ofDays(1));
    assertThat(f.mailer.deliveries()).isEmpty();
  }

  @Test
  void dormantCustomersHighScoreGetAVisitMidScoreACallLowScoreAnotherMail() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.dormantCustomers("dormant", "tpl-campaign-lp", "interest", 20,
        8, "tpl-follow-up", Duration.ofDays(7)));
    Lead hot = f.lead();
    Lead warm = f.lead();
    Lead cold = f.lead();
    f.journeys.enrolAll(JourneyId.of("dormant"), List.of(hot.id(), warm.id(), cold.id()),
        "segment:dormant-customers");
    f.kit.runDue();
    assertThat(f.mailer.deliveries()).extracting(d -> d.message().template())
        .containsOnly("tpl-campaign-lp").hasSize(3);
    // clicks on the landing page raise the scores (the scoring module writes them on the lead)
    f.clock.advance(Duration.ofDays(2));
    f.kit.modify(hot.id(), l -> l.withScore("interest", Score.of(26, f.now())));
    f.kit.modify(warm.id(), l -> l.withScore("interest", Score.of(11, f.now())));
    f.kit.modify(cold.id(), l -> l.withScore("interest", Score.of(2, f.now())));
    f.runFor(Duration.ofDays(6));
    assertThat(f.events(SalesTaskCreated.class))
        .extracting(SalesTaskCreated::lead, SalesTaskCreated::kind)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(hot.id(), "visit"),
            org.assertj.core.groups.Tuple.tuple(warm.id(), "call"));
    assertThat(f.templatesTo(cold.id())).containsExactly("tpl-campaign-lp", "tpl-follow-up");
    assertThat(f.templatesTo(hot.id())).containsExactly("tpl-campaign-lp");
  }

  @Test
  void welcomeProgramIsTheOneTwoThreeTouch() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.welcome("welcome", "w1", "w2", "w3", Duration.ofDays(2)));
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.runFor(Duration.ofDays(5));
    assertThat(f.templatesTo(lead.id())).containsExactly("w1", "w2", "w3");
  }

  @Test
  void reEngageKeepsRespondersAndMarksTheSilentDormant() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.reEngage("re-engage", SegmentId.of("inactive-90d"), "tpl-miss-you",
        "tpl-last-chance", Duration.ofDays(7), ListId.of("prune")));
    Lead responder = f.lead();
    Lead silent = f.lead();
    f.journeys.segmentEntered(SegmentId.of("inactive-90d"), responder.id());
    f.journeys.segmentEntered(SegmentId.of("inactive-90d"), silent.id());
    f.runFor(Duration.ofDays(3));
    f.track(responder.id(), TouchpointType.EMAIL_CLICKED);
    f.runFor(Duration.ofDays(15));
    assertThat(f.templatesTo(responder.id())).containsExactly("tpl-miss-you");
    assertThat(f.kit.require(responder.id()).stage()).isEqualTo(LifecycleStage.ENGAGED);
    assertThat(f.journeys.enrolments(responder.id()).get(0).exitReason())
        .contains(ExitReason.of("kept"));
    assertThat(f.templatesTo(silent.id())).containsExactly("tpl-miss-you", "tpl-last-chance");
    assertThat(f.kit.require(silent.id()).stage()).isEqualTo(LifecycleStage.DORMANT);
    assertThat(f.events(ListChangeRequested.class)).singleElement()
        .satisfies(c -> assertThat(c.lead()).isEqualTo(silent.id()));
    assertThat(f.journeys.stats(JourneyId.of("re-engage")).exitedByReason())
        .containsEntry("kept", 1L).containsEntry("not_kept", 1L);
  }

  @Test
  void onboardingPicksTheTrackByRoleWhenTheLeadBecomesACustomer() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.onboarding("onboarding",
        Map.of("power_user", List.of("pu-1", "pu-2"), "executive_sponsor", List.of("ex-1")),
        List.of("gen-1"), Duration.ofDays(3)));
    Lead power = f.lead(b -> b.attribute(AttributeKey.ROLE, "power_user"));
    Lead exec = f.lead(b -> b.attribute(AttributeKey.ROLE, "executive_sponsor"));
    Lead other = f.lead();
    for (Lead l : List.of(power, exec, other)) {
      f.kit.changeStage(l.id(), LifecycleStage.OPPORTUNITY, "deal");
      f.kit.changeStage(l.id(), LifecycleStage.CUSTOMER, "won");
    }
    f.runFor(Duration.ofDays(4));
    assertThat(f.templatesTo(power.id())).containsExactly("pu-1", "pu-2");
    assertThat(f.templatesTo(exec.id())).containsExactly("ex-1");
    assertThat(f.templatesTo(other.id())).containsExactly("gen-1");
  }

  @Test
  void productAdoptionAsksWhenLoginsDeclineAndAlertsTheOwnerIfNothingChanges() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.productAdoption("adoption",
        Programs.decliningLogins(1, Duration.ofDays(30), 5, Duration.ofDays(120)),
        "tpl-anything-changed", Duration.ofDays(10)));
    Lead lead = f.lead();
    for (int i = 0; i < 6; i++) {
      f.track(lead.id(), TouchpointType.PRODUCT_LOGIN);
      f.clock.advance(Duration.ofDays(5));
    }
    f.clock.advance(Duration.ofDays(40));
    // any change to the lead re-evaluates the condition (here: the nightly CRM sync)
    f.kit.modify(lead.id(), l -> l.withAttributes(l.attributes().with(AttributeKey.DEPARTMENT,
        "IT"), f.now()));
    f.runFor(Duration.ofDays(11));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-anything-changed");
    assertThat(f.events(OwnerNotified.class)).hasSize(1);
    assertThat(f.events(SalesTaskCreated.class)).singleElement()
        .satisfies(t -> assertThat(t.title()).contains("training"));
  }

  @Test
  void lostDealTouchesBaseInTheOwnersNameUntilTheLeadResponds() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.lostDeal("lost", List.of("lost-1", "lost-2", "lost-3"),
        Duration.ofDays(30)));
    Lead lead = f.lead();
    f.kit.changeStage(lead.id(), LifecycleStage.OPPORTUNITY, "deal");
    f.kit.changeStage(lead.id(), LifecycleStage.LOST, "competitor");
    f.runFor(Duration.ofDays(40), Duration.ofHours(6));
    f.track(lead.id(), TouchpointType.EMAIL_CLICKED);
    f.runFor(Duration.ofDays(40), Duration.ofHours(6));
    assertThat(f.templatesTo(lead.id())).containsExactly("lost-1", "lost-2");
    assertThat(f.mailer.deliveriesTo(lead.id())).allSatisfy(
        d -> assertThat(d.message().sender()).contains(OwnerId.of("rep-1")));
    assertThat(f.journeys.enrolments(lead.id()).get(0).exitReason())
        .contains(ExitReason.of("re_engaged"));
  }

  @Test
  void accelerateAlertsTheOwnerAndQualifiesARespondingLead() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.accelerate("accelerate", "engagement", 20, "tpl-demo-offer",
        Duration.ofDays(5)));
    Lead lead = f.lead();
    f.kit.modify(lead.id(), l -> l.withScore("engagement", Score.of(22, f.now())));
    f.runFor(Duration.ofDays(1));
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    assertThat(f.kit.require(lead.id()).stage()).isEqualTo(LifecycleStage.MQL);
    assertThat(f.events(OwnerNotified.class)).hasSize(1);
    assertThat(f.events(SalesTaskCreated.class)).hasSize(1);
  }

  @Test
  void nurtureRunsAwarenessEducationValidationInOrder() {
    Fixture f = new Fixture();
    f.journeys.publish(Programs.nurture("nurture", List.of("aw-1"), List.of("ed-1", "ed-2"),
        List.of("va-1"), Duration.ofDays(7)));
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("nurture"), lead.id(), "api");
    f.runFor(Duration.ofDays(30), Duration.ofHours(6));
    assertThat(f.templatesTo(lead.id())).containsExactly("aw-1", "ed-1", "ed-2", "va-1");
    assertThat(f.kit.require(lead.id()).stage()).isEqualTo(LifecycleStage.ENGAGED);
    assertThat(f.events(OwnerNotified.class)).hasSize(1);
  }
}
