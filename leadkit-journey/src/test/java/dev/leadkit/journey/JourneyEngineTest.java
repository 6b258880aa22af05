package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.score;
import static dev.leadkit.core.predicate.Predicates.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.EnrolmentExited;
import dev.leadkit.journey.event.ListChangeRequested;
import dev.leadkit.journey.event.OwnerNotified;
import dev.leadkit.journey.event.SalesTaskCreated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JourneyEngineTest {
  private static final TouchpointFilter SIGN_UP = TouchpointFilter.of(TouchpointType.FORM_SUBMITTED);

  private static Journey welcome() {
    return Journey.builder("welcome")
        .trigger(Trigger.touchpoint(SIGN_UP))
        .send("welcome-1", "tpl-welcome-1")
        .wait("pause-1", Duration.ofDays(3))
        .send("welcome-2", "tpl-welcome-2", Sender.OWNER)
        .wait("pause-2", Duration.ofDays(3))
        .send("welcome-3", "tpl-welcome-3", Sender.OWNER)
        .build();
  }

  @Test
  void signUpStartsWelcomeOneTwoThreeFirstFromCompanyThenFromOwner() {
    Fixture f = new Fixture();
    f.journeys.publish(welcome());
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.kit.runDue();
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-welcome-1");
    f.runFor(Duration.ofDays(2));
    assertThat(f.templatesTo(lead.id())).hasSize(1);
    f.runFor(Duration.ofDays(5));
    var deliveries = f.mailer.deliveriesTo(lead.id());
    assertThat(deliveries).extracting(d -> d.message().template())
        .containsExactly("tpl-welcome-1", "tpl-welcome-2", "tpl-welcome-3");
    assertThat(deliveries.get(0).message().sender()).isEmpty();
    assertThat(deliveries.get(1).message().sender()).contains(OwnerId.of("rep-1"));
    assertThat(f.journeys.enrolments(lead.id())).singleElement()
        .satisfies(e -> assertThat(e.exitReason()).contains(ExitReason.COMPLETED));
  }

  @Test
  void sentJourneyMailIsRecordedAsEmailSentTouchpointWithJourneyStepTemplateAndKey() {
    Fixture f = new Fixture();
    f.journeys.publish(welcome());
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.kit.runDue();
    List<Touchpoint> sent = f.kit.touchpointLog().findByLead(lead.id(),
        dev.leadkit.core.port.TouchpointQuery.ofTypes(TouchpointType.EMAIL_SENT));
    assertThat(sent).singleElement().satisfies(t -> {
      assertThat(t.property(PropertyKey.JOURNEY)).contains("welcome");
      assertThat(t.property(PropertyKey.of("step"))).contains("welcome-1");
      assertThat(t.property(PropertyKey.TEMPLATE)).contains("tpl-welcome-1");
      assertThat(t.property(PropertyKey.MESSAGE_KEY))
          .contains(f.mailer.deliveriesTo(lead.id()).get(0).message().key().value());
    });
    assertThat(f.mailer.deliveriesTo(lead.id()).get(0).message().key().value())
        .startsWith("welcome:1:" + lead.id().value() + ":welcome-1:");
  }

  @Test
  void waitForEventWorksInJourneyEnteredByTheSameKindOfEvent() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("cart")
        .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.CART_ABANDONED)))
        .send("reminder", "tpl-cart-reminder")
        .waitForEvent("wait-return", TouchpointFilter.of(TouchpointType.CART_ABANDONED,
            TouchpointType.PURCHASE), Duration.ofDays(2), "thanks", "nudge")
        .send("thanks", "tpl-came-back").end()
        .send("nudge", "tpl-last-nudge")
        .build());
    Lead back = f.lead();
    Lead gone = f.lead();
    f.track(back.id(), TouchpointType.CART_ABANDONED);
    f.track(gone.id(), TouchpointType.CART_ABANDONED);
    f.kit.runDue();
    assertThat(f.journeys.enrolments(back.id()).get(0).status())
        .isEqualTo(EnrolmentStatus.WAITING);
    f.clock.advance(Duration.ofHours(5));
    f.track(back.id(), TouchpointType.CART_ABANDONED);
    f.runFor(Duration.ofDays(3));
    assertThat(f.templatesTo(back.id())).containsExactly("tpl-cart-reminder", "tpl-came-back");
    assertThat(f.templatesTo(gone.id())).containsExactly("tpl-cart-reminder", "tpl-last-nudge");
  }

  @Test
  void goalExitsNurtureWhenLeadEntersActiveSalesCycle() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("nurture")
        .goal(stage().atLeast(LifecycleStage.OPPORTUNITY))
        .send("n1", "tpl-n1").wait("w", Duration.ofDays(7)).send("n2", "tpl-n2").build());
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("nurture"), lead.id(), "test");
    f.kit.changeStage(lead.id(), LifecycleStage.OPPORTUNITY, "sales accepted");
    f.runFor(Duration.ofDays(10));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-n1");
    assertThat(f.journeys.enrolments(lead.id()).get(0).exitReason()).contains(ExitReason.GOAL);
    assertThat(f.journeys.stats(JourneyId.of("nurture")).converted()).isEqualTo(1);
    assertThat(f.kit.touchpointLog().findByLead(lead.id(),
        dev.leadkit.core.port.TouchpointQuery.ofTypes(TouchpointType.of("journey_exited"))))
        .singleElement().satisfies(t -> {
          assertThat(t.property(PropertyKey.REASON)).contains("goal_reached");
          assertThat(t.property(PropertyKey.STEP)).contains("w");
          assertThat(t.property(PropertyKey.JOURNEY)).contains("nurture");
        });
  }

  @Test
  void aLeadAlreadyAtTheGoalDoesNotEnterAndIsNotCountedAsConverted() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("nurture").goal(stage().atLeast(LifecycleStage.SQL))
        .send("n1", "tpl-n1").build());
    Lead inSales = f.lead(b -> b.initialStage(LifecycleStage.OPPORTUNITY));
    assertThat(f.journeys.enrol(JourneyId.of("nurture"), inSales.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.GOAL_ALREADY_MET);
    assertThat(f.journeys.enrolAll(JourneyId.of("nurture"), List.of(inSales.id()), "bulk"))
        .extracting(EnrolResult::outcome).containsExactly(EnrolResult.Outcome.GOAL_ALREADY_MET);
    assertThat(f.journeys.stats(JourneyId.of("nurture")).converted()).isZero();
    assertThat(f.journeys.enrolments(inSales.id())).isEmpty();
  }

  @Test
  void aLeadInASalesCycleLeavesNurturingAndComesBackWhenRecycled() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("nurture")
        .trigger(Trigger.condition(stage().is(LifecycleStage.ENGAGED)))
        .reEntry(ReEntryPolicy.always())
        .goal(stage().atLeast(LifecycleStage.SQL))
        .send("n1", "tpl-n1").wait("w", Duration.ofDays(14)).send("n2", "tpl-n2").build());
    Lead lead = f.lead();
    f.kit.changeStage(lead.id(), LifecycleStage.ENGAGED, "clicked");
    f.runFor(Duration.ofDays(3));
    f.kit.changeStage(lead.id(), LifecycleStage.SQL, "sales accepted");
    f.runFor(Duration.ofDays(3));
    f.kit.changeStage(lead.id(), LifecycleStage.ENGAGED, "not ready yet");
    f.runFor(Duration.ofDays(20));
    assertThat(f.journeys.enrolments(lead.id()))
        .extracting(Enrolment::sequence, e -> e.exitReason().map(ExitReason::code).orElse(""))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "goal_reached"),
            org.assertj.core.groups.Tuple.tuple(2, "completed"));
    // the first stay ended before n2; the second starts over
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-n1", "tpl-n1", "tpl-n2");
  }

  @Test
  void unsubscribingEndsEveryEnrolmentAndNothingMoreIsSent() {
    Fixture f = new Fixture();
    f.journeys.publish(welcome());
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.kit.runDue();
    f.kit.recordConsent(lead.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
    f.runFor(Duration.ofDays(10));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-welcome-1");
    assertThat(f.journeys.enrolments(lead.id()).get(0).exitReason())
        .contains(ExitReason.UNSUBSCRIBED);
    assertThat(f.journeys.enrol(JourneyId.of("welcome"), lead.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.UNSUBSCRIBED);
  }

  @Test
  void reEntryPoliciesNeverCoolDownAndAlways() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("once").send("s", "t-once").build());
    f.journeys.publish(Journey.builder("cool").reEntry(ReEntryPolicy.after(Duration.ofDays(30)))
        .send("s", "t-cool").build());
    f.journeys.publish(Journey.builder("again").reEntry(ReEntryPolicy.always())
        .send("s", "t-again").build());
    Lead lead = f.lead();
    for (String j : List.of("once", "cool", "again")) {
      assertThat(f.journeys.enrol(JourneyId.of(j), lead.id(), "api").outcome())
          .isEqualTo(EnrolResult.Outcome.ENROLLED);
    }
    f.clock.advance(Duration.ofDays(1));
    assertThat(f.journeys.enrol(JourneyId.of("once"), lead.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.RE_ENTRY_REFUSED);
    assertThat(f.journeys.enrol(JourneyId.of("cool"), lead.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.RE_ENTRY_REFUSED);
    assertThat(f.journeys.enrol(JourneyId.of("again"), lead.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.ENROLLED);
    f.clock.advance(Duration.ofDays(30));
    assertThat(f.journeys.enrol(JourneyId.of("cool"), lead.id(), "api").outcome())
        .isEqualTo(EnrolResult.Outcome.ENROLLED);
  }

  @Test
  void atMostOneLiveEnrolmentPerJourneyAndLead() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("slow").reEntry(ReEntryPolicy.always())
        .wait("w", Duration.ofDays(5)).send("s", "t").build());
    Lead lead = f.lead();
    assertThat(f.journeys.enrol(JourneyId.of("slow"), lead.id(), "a").outcome())
        .isEqualTo(EnrolResult.Outcome.ENROLLED);
    assertThat(f.journeys.enrol(JourneyId.of("slow"), lead.id(), "b").outcome())
        .isEqualTo(EnrolResult.Outcome.ALREADY_ENROLLED);
    assertThat(f.journeys.enrolments(lead.id())).hasSize(1);
  }

  @Test
  void salesRepPutsLeadIntoProgramAndBulkEnrolsASegmentsMembers() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("warm-up").send("s", "tpl-warm").build());
    Lead single = f.lead();
    EnrolResult r = f.journeys.enrolByRep(JourneyId.of("warm-up"), single.id(), OwnerId.of("rep-7"));
    assertThat(r.enrolment().orElseThrow().source()).isEqualTo("manual:rep-7");
    assertThat(f.templatesTo(single.id())).isEmpty(); // queued; the dispatcher hands it over
    f.kit.runDue();
    assertThat(f.templatesTo(single.id())).containsExactly("tpl-warm");

    List<Lead> members = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      members.add(f.lead());
    }
    List<EnrolResult> bulk = f.journeys.enrolAll(JourneyId.of("warm-up"),
        members.stream().map(Lead::id).toList(), "bulk:segment-expo");
    assertThat(bulk).allMatch(EnrolResult::accepted);
    f.kit.runDue();
    assertThat(f.mailer.deliveries()).hasSize(251);
  }

  @Test
  void segmentEnteredTriggerEnrolsTheLead() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("hot-leads")
        .trigger(Trigger.segmentEntered(SegmentId.of("high-score")))
        .notifyOwner("alert", "Hot lead: call today").build());
    Lead lead = f.lead();
    assertThat(f.journeys.segmentEntered(SegmentId.of("high-score"), lead.id()))
        .singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
    assertThat(f.events(OwnerNotified.class)).singleElement()
        .satisfies(n -> assertThat(n.owner()).contains(OwnerId.of("rep-1")));
  }

  @Test
  void conditionTriggerEnrolsWhenScoreCrossesThreshold() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("accelerate")
        .trigger(Trigger.condition(score("engagement").atLeast(20)))
        .task("call", "call", "Call now", Duration.ofHours(4)).build());
    Lead lead = f.lead();
    f.kit.modify(lead.id(), l -> l.withScore("engagement", Score.of(12, f.now())));
    assertThat(f.events(SalesTaskCreated.class)).isEmpty();
    f.kit.modify(lead.id(), l -> l.withScore("engagement", Score.of(24, f.now())));
    f.kit.modify(lead.id(), l -> l.withScore("engagement", Score.of(30, f.now())));
    assertThat(f.events(SalesTaskCreated.class)).singleElement().satisfies(t -> {
      assertThat(t.kind()).isEqualTo("call");
      assertThat(t.dueAt()).isEqualTo(f.now().plus(Duration.ofHours(4)));
    });
  }

  @Test
  void stageListAndMoveStepsDoWhatTheySay() {
    Map<ListId, List<String>> lists = new HashMap<>();
    Fixture f = new Fixture(Journeys.builder().listWriter((list, lead, add) ->
        lists.computeIfAbsent(list, k -> new ArrayList<>()).add((add ? "+" : "-") + lead)));
    f.journeys.publish(Journey.builder("next").send("s", "tpl-next").build());
    f.journeys.publish(Journey.builder("first")
        .setStage("engage", LifecycleStage.ENGAGED)
        .addToList("add", ListId.of("nurtured"))
        .removeFromList("remove", ListId.of("cold"))
        .moveTo("move", "next").build());
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("first"), lead.id(), "api");
    f.kit.runDue();
    assertThat(f.kit.require(lead.id()).stage()).isEqualTo(LifecycleStage.ENGAGED);
    assertThat(lists.get(ListId.of("nurtured"))).containsExactly("+" + lead.id());
    assertThat(lists.get(ListId.of("cold"))).containsExactly("-" + lead.id());
    assertThat(f.events(ListChangeRequested.class)).hasSize(2);
    assertThat(f.journeys.enrolments(lead.id())).extracting(e -> e.journey().value(),
        e -> e.exitReason().map(ExitReason::code).orElse("live"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("first", "moved"),
            org.assertj.core.groups.Tuple.tuple("next", "completed"));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-next");
  }

  @Test
  void splitIsDeterministicPerLeadAndFollowsTheWeights() {
    Fixture f = new Fixture();
    Journey ab = Journey.builder("ab")
        .split("split", Journey.arm("A", 80, "a"), Journey.arm("B", 20, "b"))
        .send("a", "tpl-a").end()
        .send("b", "tpl-b").build();
    f.journeys.publish(ab);
    int a = 0;
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Lead l = f.lead();
      leads.add(l);
      f.journeys.enrol(JourneyId.of("ab"), l.id(), "api");
    }
    f.kit.runDue();
    for (Lead l : leads) {
      if (f.templatesTo(l.id()).equals(List.of("tpl-a"))) {
        a++;
      }
    }
    assertThat(a).isBetween(280, 360);
    // the same lead in a second engine takes the same arm
    Fixture g = new Fixture();
    g.journeys.publish(ab);
    Lead first = leads.get(0);
    var copy = g.kit.upsertLead(dev.leadkit.core.LeadInput.email(first.email().value())
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead();
    assertThat(copy.id()).isNotEqualTo(first.id());
    assertThat(Keys.bucket(100, "ab", "split", first.id().value()))
        .isEqualTo(Keys.bucket(100, "ab", "split", first.id().value()));
    assertThat(f.journeys.stats(JourneyId.of("ab")).step("split", "arm.A")).isEqualTo(a);
  }

  @Test
  void enrolmentTransitionsFollowTheTable() {
    assertThat(EnrolmentStatus.SCHEDULED.mayBecome(EnrolmentStatus.ACTIVE)).isTrue();
    assertThat(EnrolmentStatus.SCHEDULED.mayBecome(EnrolmentStatus.WAITING)).isFalse();
    assertThat(EnrolmentStatus.WAITING.mayBecome(EnrolmentStatus.ACTIVE)).isTrue();
    assertThat(EnrolmentStatus.EXITED.mayBecome(EnrolmentStatus.ACTIVE)).isFalse();
    Fixture f = new Fixture();
    Journey j = Journey.builder("t").send("s", "x").build();
    Enrolment e = Enrolment.start(j, f.lead().id(), 1, "api", f.now())
        .exit(ExitReason.MANUAL, f.now());
    assertThatThrownBy(() -> e.sleep(Optional.empty(), f.now()))
        .isInstanceOf(IllegalEnrolmentTransitionException.class)
        .hasMessageContaining("EXITED").hasMessageContaining("WAITING");
  }

  @Test
  void manualExitAndErasureAreCountedByReason() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("long").wait("w", Duration.ofDays(30)).send("s", "t")
        .build());
    Lead a = f.lead();
    Lead b = f.lead();
    f.journeys.enrol(JourneyId.of("long"), a.id(), "api");
    f.journeys.enrol(JourneyId.of("long"), b.id(), "api");
    assertThat(f.journeys.exit(JourneyId.of("long"), a.id(), ExitReason.MANUAL)).isTrue();
    assertThat(f.journeys.leadErased(b.id())).isEqualTo(1);
    JourneyStats s = f.journeys.stats(JourneyId.of("long"));
    assertThat(s.enrolled()).isEqualTo(2);
    assertThat(s.active()).isZero();
    assertThat(s.exitedByReason()).containsEntry("manual", 1L).containsEntry("erased", 1L);
    assertThat(f.events(EnrolmentExited.class)).hasSize(2);
  }

  @Test
  void stuckEnrolmentsAreReported() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("w").wait("w", Duration.ofDays(1)).send("s", "t").build());
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("w"), lead.id(), "api");
    f.clock.advance(Duration.ofDays(3));
    assertThat(f.journeys.stuck(Duration.ofHours(1))).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("due since"));
    f.kit.runDue();
    assertThat(f.journeys.stuck(Duration.ofHours(1))).isEmpty();
  }

  @Test
  void publishingAnotherDefinitionUnderAPublishedVersionIsRefused() {
    Fixture f = new Fixture();
    f.journeys.publish(Journey.builder("p").send("s", "t1").build());
    f.journeys.publish(Journey.builder("p").send("s", "t1").build());
    assertThatThrownBy(() -> f.journeys.publish(Journey.builder("p").send("s", "t2").build()))
        .isInstanceOf(JourneyVersionConflictException.class).hasMessageContaining("version 1");
  }

  @Test
  void badDefinitionsAreRefusedWithTheCulpritNamed() {
    assertThatThrownBy(() -> Journey.builder("x").branch("b", stage().atLeast(LifecycleStage.KNOWN),
        "nowhere", Journey.END).build())
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("nowhere");
    assertThatThrownBy(() -> Journey.builder("x").send("a", "t").send("a", "u").build())
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> Journey.builder("x").version(1).version(2))
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> Journey.builder("x").moveTo("m", "x").build())
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("into itself");
  }

  @Test
  void opensAndClicksOfJourneyMailsAreCountedPerJourneyAndStep() {
    Fixture f = new Fixture();
    f.journeys.publish(welcome());
    Lead lead = f.lead();
    f.track(lead.id(), TouchpointType.FORM_SUBMITTED);
    f.kit.runDue();
    String key = f.mailer.deliveriesTo(lead.id()).get(0).message().key().value();
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.EMAIL_OPENED, f.now())
        .property(PropertyKey.MESSAGE_KEY, key).build());
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.EMAIL_CLICKED, f.now())
        .property(PropertyKey.MESSAGE_KEY, key).url("/case-study").build());
    JourneyStats s = f.journeys.stats(JourneyId.of("welcome"));
    assertThat(s.enrolled()).isEqualTo(1);
    assertThat(s.active()).isEqualTo(1);
    assertThat(s.sent()).isEqualTo(1);
    assertThat(s.opened()).isEqualTo(1);
    assertThat(s.clicked()).isEqualTo(1);
    assertThat(s.step("welcome-1", "sent")).isEqualTo(1);
    assertThat(s.step("welcome-1", "clicked")).isEqualTo(1);
    assertThat(s.step("welcome-1", "entered")).isEqualTo(1);
  }
}
