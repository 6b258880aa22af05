package dev.leadkit.journey.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.QuietHours;
import dev.leadkit.journey.SendPolicies;
import dev.leadkit.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JourneySimulationTest {
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final Instant FROM = Instant.parse("2026-04-06T00:00:00Z");   // Monday, 09:00 in Tokyo
  static final Instant TO = FROM.plus(Duration.ofDays(14));
  static final SendPolicies POLICIES = SendPolicies.custom()
      .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
      .defaultZone(TOKYO).build();

  static Journey welcome(int version, Duration pause, String second) {
    return Journey.builder("welcome").version(version)
        .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)))
        .goal(PredicateText.parse("stage is opportunity"))
        .send("w1", "tpl-first")
        .wait("pause", pause)
        .send("w2", second)
        .build();
  }

  ManualClock clock;
  RecordingMailer mailer;
  LeadKit kit;
  LeadId aoki;
  LeadId baba;
  LeadId chiba;

  private Instant at(Duration d) {
    return FROM.plus(d);
  }

  /** Production ran welcome v1 for two weeks; the history is what it recorded. */
  @BeforeEach
  void recordTwoWeeks() {
    clock = ManualClock.at(FROM);
    mailer = new RecordingMailer();
    Journeys journeys = Journeys.builder().policies(POLICIES).build();
    kit = LeadKit.builder().clock(clock).stores(InMemory.stores()).mailer(mailer)
        .install(journeys).build();
    journeys.publish(welcome(1, Duration.ofDays(2), "tpl-second"));
    clock.set(at(Duration.ofHours(1)));
    aoki = kit.upsertLead(LeadInput.email("aoki@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead().id();
    baba = kit.upsertLead(LeadInput.email("baba@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead().id();
    chiba = kit.upsertLead(LeadInput.email("chiba@example.co.jp").build()).lead().id();
    clock.set(at(Duration.ofHours(3)));                          // 12:00 in Tokyo
    kit.track(Touchpoint.forLead(baba, TouchpointType.FORM_SUBMITTED, clock.instant()).build());
    clock.set(at(Duration.ofHours(5)));
    kit.track(Touchpoint.forLead(chiba, TouchpointType.FORM_SUBMITTED, clock.instant()).build());
    clock.set(at(Duration.ofHours(12)));                         // 21:00 in Tokyo: quiet
    kit.track(Touchpoint.forLead(aoki, TouchpointType.FORM_SUBMITTED, clock.instant()).build());
    clock.set(at(Duration.ofDays(1).plusHours(3)));
    kit.changeStage(baba, LifecycleStage.OPPORTUNITY, "deal opened");
    for (Instant t = FROM; t.isBefore(TO); t = t.plus(Duration.ofHours(1))) {
      if (t.isAfter(clock.instant())) {
        clock.set(t);
      }
      kit.runDue();
    }
  }

  private JourneySimulation.Builder simulation() {
    return JourneySimulation.custom().history(kit).period(FROM, TO).policies(POLICIES)
        .zone(TOKYO);
  }

  @Test
  void backtestCountsEntriesSendsDeferralsSuppressionsExitsAndTimeToGoal() {
    SimulationReport r = simulation().build().run(welcome(1, Duration.ofDays(2), "tpl-second"));

    assertThat(r.entries()).isEqualTo(3);
    assertThat(r.leadsEntered()).isEqualTo(3);
    // aoki: w1 at 21:00 is held until 08:00; w2 two days after the decision, again at 21:00
    assertThat(r.messages()).extracting(m -> m.lead().equals(aoki) ? "aoki " + m.step() + " "
            + m.notBefore() + " " + m.deferredBy() : "baba " + m.step() + " " + m.notBefore())
        .containsExactlyInAnyOrder(
            "baba w1 " + at(Duration.ofHours(3)),
            "aoki w1 " + at(Duration.ofHours(23)) + " [quiet_hours]",
            "aoki w2 " + at(Duration.ofDays(2).plusHours(23)) + " [quiet_hours]");
    assertThat(r.sent()).isEqualTo(3);
    assertThat(r.pending()).isZero();
    assertThat(r.deferrals()).isEqualTo(Map.of("quiet_hours", 2L));
    assertThat(r.suppressed()).isEqualTo(Map.of("no_consent", 2L));   // chiba, both mails
    assertThat(r.exits()).isEqualTo(Map.of("completed", 2L, "goal_reached", 1L));
    assertThat(r.conversions()).isEqualTo(1);
    assertThat(r.medianTimeToGoal()).contains(Duration.ofDays(1));
    assertThat(r.sendsByDay()).extracting(c -> c.period() + " " + c.step() + " " + c.count())
        .containsExactly("2026-04-06 w1 1", "2026-04-07 w1 1", "2026-04-09 w2 1");
    assertThat(r.sendsByWeek()).extracting(c -> c.period() + " " + c.step() + " " + c.count())
        .containsExactly("2026-04-06 w1 2", "2026-04-06 w2 1");
    assertThat(r.skipped()).isZero();
    assertThat(r.inputs()).isEqualTo(3 + 3 + 1);   // leads, forms, the stage change
  }

  @Test
  void simulatingWritesNothingToTheHistoryAndSendsNothing() {
    int delivered = mailer.deliveries().size();
    long touchpoints = kit.touchpointLog().count();
    Map<OutboxStatus, Long> outbox = kit.outbox().countByStatus();
    long version = kit.require(aoki).version();

    JourneySimulation sim = simulation().build();
    sim.compare(welcome(1, Duration.ofDays(2), "tpl-second"),
        welcome(2, Duration.ofDays(5), "tpl-other"));
    sim.preview(welcome(2, Duration.ofDays(5), "tpl-other"), Duration.ofDays(7), List.of(aoki));

    assertThat(mailer.deliveries()).hasSize(delivered);
    assertThat(kit.touchpointLog().count()).isEqualTo(touchpoints);
    assertThat(kit.outbox().countByStatus()).isEqualTo(outbox);
    assertThat(kit.require(aoki).version()).isEqualTo(version);
  }

  @Test
  void comparisonPutsTwoVersionsSideBySide() {
    SimulationComparison cmp = simulation().build().compare(
        welcome(1, Duration.ofDays(2), "tpl-second"), welcome(2, Duration.ofDays(5), "tpl-other"));

    assertThat(cmp.b().messages()).filteredOn(m -> m.step().equals("w2"))
        .extracting(SimulationReport.Message::template, SimulationReport.Message::notBefore)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("tpl-other",
            at(Duration.ofDays(5).plusHours(23))));
    assertThat(cmp.rows()).extracting(r -> r[0] + "=" + r[1] + "/" + r[2])
        .contains("entries=3/3", "messages sent=3/3", "  sent: w2 / tpl-second=1/0",
            "  sent: w2 / tpl-other=0/1", "goal conversions=1/1",
            "conversion rate (goal / entries)=33.3 %/33.3 %", "median time to goal=1 d/1 d");
    assertThat(cmp.weeks()).extracting(w -> w[0] + " " + w[1] + " " + w[2])
        .containsExactly("2026-04-06 3 3");
    assertThat(cmp.toTable()).contains("welcome v1").contains("welcome v2")
        .containsPattern("deferred by quiet_hours +\\| +2 \\| +2");
  }

  @Test
  void previewListsWhoWouldEnterNowAndWhatEachWouldReceive() {
    Journey care = Journey.builder("deal-care")
        .trigger(Trigger.condition(PredicateText.parse("stage is opportunity")))
        .send("thanks", "tpl-thanks").wait("later", Duration.ofDays(3))
        .send("case", "tpl-case-study").build();

    JourneyPreview p = simulation().build().preview(care, Duration.ofDays(7));

    assertThat(p.at()).isEqualTo(TO);
    assertThat(p.enteringNow()).isEqualTo(1);
    assertThat(p.entries()).singleElement().satisfies(e -> {
      assertThat(e.email()).isEqualTo("baba@example.co.jp");
      assertThat(e.enteredAt()).isEqualTo(TO);
      assertThat(e.messages()).extracting(m -> m.step() + " " + m.notBefore())
          .containsExactly("thanks " + TO, "case " + TO.plus(Duration.ofDays(3)));
    });
    assertThat(p.toTable()).contains("baba@example.co.jp, enters 2026-04-20 09:00")
        .contains("2026-04-23 09:00  case / tpl-case-study");
  }

  @Test
  void previewForAGivenAudienceEnrolsThoseLeads() {
    JourneyPreview p = simulation().build().preview(welcome(2, Duration.ofDays(5), "tpl-other"),
        Duration.ofDays(7), List.of(aoki, chiba));

    assertThat(p.entries()).extracting(JourneyPreview.Entry::email)
        .containsExactly("aoki@example.co.jp", "chiba@example.co.jp");
    assertThat(p.entries().get(0).messages()).extracting(SimulationReport.Message::template)
        .containsExactly("tpl-first", "tpl-other");
    assertThat(p.entries().get(1).messages()).as("no consent: nothing to receive").isEmpty();
  }

  @Test
  void leadsCreatedBeforeThePeriodStartInTheStateTheyHadThen() {
    // a simulation of the second week only: the leads exist, their forms are history, and
    // nothing in that week enrols anyone in welcome
    SimulationReport r = JourneySimulation.custom().history(kit)
        .period(FROM.plus(Duration.ofDays(7)), TO).policies(POLICIES).build()
        .run(welcome(1, Duration.ofDays(2), "tpl-second"));

    assertThat(r.entries()).isZero();
    assertThat(r.messages()).isEmpty();
    assertThat(r.inputs()).isEqualTo(3);   // the three leads, created at the start
  }

  @Test
  void badOptionsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> JourneySimulation.custom().period(FROM, TO).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("history");
    assertThatThrownBy(() -> JourneySimulation.custom().period(TO, FROM))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining(TO.toString());
    assertThatThrownBy(() -> JourneySimulation.custom().tick(Duration.ZERO))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> JourneySimulation.custom().zone(TOKYO).zone(TOKYO))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("already set");
    JourneySimulation sim = simulation().build();
    assertThatThrownBy(() -> sim.preview(welcome(1, Duration.ofDays(1), "x"), Duration.ZERO))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("horizon");
    assertThatThrownBy(() -> sim.run(null)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void readmeExample() {
    SendPolicies policies = POLICIES;
    Journey current = welcome(1, Duration.ofDays(2), "tpl-second");
    Journey candidate = welcome(2, Duration.ofDays(5), "tpl-other");
    // tag::simulate[]
    JourneySimulation sim = JourneySimulation.custom()
        .history(kit)                                  // read only: leads, touchpoints, segments
        .period(Instant.parse("2026-04-06T00:00:00Z"), Instant.parse("2026-04-20T00:00:00Z"))
        .plugins(() -> List.of(SegmentsPlugin.inMemory()))  // fresh, configured as in production
        .policies(policies)                            // the send policies of production
        .zone(ZoneId.of("Asia/Tokyo"))                 // days and weeks of the report
        .build();
    SimulationComparison cmp = sim.compare(current, candidate);
    String table = cmp.toTable();                      // side by side, then mails per week
    SimulationReport v2 = cmp.b();
    List<SimulationReport.SendCount> weekly = v2.sendsByWeek();   // per step and template
    Map<String, Long> deferred = v2.deferrals();       // quiet_hours, capped, sales_collision
    Map<String, Long> exits = v2.exits();              // by reason
    Optional<Duration> toGoal = v2.medianTimeToGoal();
    JourneyPreview next = sim.preview(candidate, Duration.ofDays(14));
    String who = next.toTable();                       // who would enter now, what each gets
    // end::simulate[]
    assertThat(table).contains("welcome v1").contains("welcome v2");
    assertThat(weekly).isNotEmpty();
    assertThat(deferred).containsEntry("quiet_hours", 2L);
    assertThat(exits).containsEntry("goal_reached", 1L);
    assertThat(toGoal).contains(Duration.ofDays(1));
    assertThat(next.entries()).as("a form trigger: nobody enters without a new form").isEmpty();
    assertThat(who).contains("0 lead(s) would enter");
  }
}
