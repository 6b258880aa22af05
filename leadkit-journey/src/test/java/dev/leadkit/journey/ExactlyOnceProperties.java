package dev.leadkit.journey;

import static dev.leadkit.core.predicate.Predicates.score;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A process crash injected at every call into the durable parts of the send path (enrolment
 * store, send log, outbox, mailer; before and after each takes effect) of a scenario with
 * journey steps, a content stream and a manual send, followed by a restart
 * on the same stores: every message the scenario decides is delivered exactly once.
 */
class ExactlyOnceProperties {
  /** More than the number of crash points the scenario passes (checked below). */
  static final int POINTS = 290;

  /** Durable state shared by the engine instances of one run. */
  static final class World {
    final ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    final LeadStore leads = InMemory.leadStore();
    final TouchpointLog touchpoints = InMemory.touchpointLog();
    final Outbox outbox = InMemory.outbox();
    final EnrolmentStore enrolments = JourneyMemory.enrolmentStore();
    final TimerStore timers = InMemory.timerStore();
    final SendLog sendLog = JourneyMemory.sendLog();
    final JourneyCounters counters = JourneyMemory.counters();
    final RecordingMailer mailer = new RecordingMailer();
    final CrashInjector crashes;
    final List<LeadId> ids = new ArrayList<>();
    LeadKit kit;
    Journeys journeys;

    World(int crashAt) {
      crashes = new CrashInjector(crashAt);
      start();
    }

    void start() {
      journeys = Journeys.builder()
          .enrolmentStore(crashes.wrap(enrolments))
          .timerStore(crashes.wrap(timers))
          .sendLog(crashes.wrap(sendLog))
          .counters(counters)
          .policies(SendPolicies.custom()
              .cap(FrequencyCap.of(Channel.EMAIL, 6, Duration.ofDays(7))).build())
          .build();
      kit = LeadKit.builder().clock(clock).leadStore(leads).touchpointLog(touchpoints)
          .outbox(crashes.wrap(outbox)).mailer(crashes.wrap(mailer)).install(journeys).build();
      journeys.publish(drip());
      journeys.publishStream(ContentStream.of("edu", Duration.ofDays(1),
          ContentPiece.generic("s1", "tpl-stream-1", "ebook"),
          ContentPiece.generic("s2", "tpl-stream-2", "webinar")));
      journeys.publish(Journey.builder("edu").stream("stream", StreamId.of("edu")).build());
      journeys.publish(Journey.builder("after").send("a1", "tpl-after").build());
    }

    /** Runs {@code action}; after a crash, restarts on the same stores and runs it again. */
    void run(Consumer<World> action) {
      while (true) {
        try {
          action.accept(this);
          return;
        } catch (CrashInjector.Crash crash) {
          clock.advance(Duration.ofMinutes(6)); // past every lease
          start();
        }
      }
    }
  }

  static Journey drip() {
    return Journey.builder("drip")
        .send("m1", "tpl-1")
        .wait("w1", Duration.ofDays(1))
        .send("m2", "tpl-2", Sender.OWNER)
        .branch("hot", score("engagement").atLeast(10), "call", "m4")
        .task("call", "call", "Call the lead", Duration.ofDays(1))
        .send("m3", "tpl-3-hot").end()
        .send("m4", "tpl-4-cold")
        .moveTo("move", "after")
        .build();
  }

  private static final Map<Integer, List<String>> EXPECTED =
      scenario(new World(Integer.MAX_VALUE));

  /** Delivered templates per lead index; each value lists templates in delivery order. */
  static Map<Integer, List<String>> scenario(World w) {
    for (int i = 0; i < 3; i++) {
      int n = i;
      Lead l = w.kit.upsertLead(LeadInput.email("l" + n + "@example.com")
          .owner(OwnerId.of("rep-1"))
          .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "t").build()).lead();
      w.ids.add(l.id());
      if (n == 0) {
        w.kit.modify(l.id(), x -> x.withScore("engagement", Score.of(15, w.clock.instant())));
      }
    }
    w.run(x -> x.journeys.enrolByRep(JourneyId.of("drip"), x.ids.get(0), OwnerId.of("rep-1")));
    w.run(x -> x.journeys.enrolAll(JourneyId.of("drip"), x.ids.subList(1, 3), "bulk"));
    w.run(x -> x.journeys.send(ManualMessage.fromOwner(x.ids.get(1), "tpl-hello", "hello")));
    w.run(x -> x.journeys.enrol(JourneyId.of("edu"), x.ids.get(2), "api"));
    for (int h = 0; h < 16; h++) {
      w.run(x -> x.kit.runDue());
      w.clock.advance(Duration.ofHours(3));
    }
    for (int k = 0; k < 3; k++) {
      w.clock.advance(Duration.ofMinutes(10));
      w.run(x -> x.kit.runDue());
    }
    Map<Integer, List<String>> out = new TreeMap<>();
    for (int i = 0; i < w.ids.size(); i++) {
      out.put(i, w.mailer.deliveriesTo(w.ids.get(i)).stream()
          .map(d -> d.message().template()).toList());
    }
    return out;
  }

  @Test
  void scenarioWithoutCrashesSendsTheExpectedMessagesAndPassesEveryCrashPoint() {
    World w = new World(Integer.MAX_VALUE);
    Map<Integer, List<String>> sent = scenario(w);
    assertThat(sent.get(0)).containsExactly("tpl-1", "tpl-2", "tpl-3-hot");
    assertThat(sent.get(1)).containsExactlyInAnyOrder("tpl-1", "tpl-hello", "tpl-2", "tpl-4-cold",
        "tpl-after");
    assertThat(sent.get(2)).containsExactlyInAnyOrder("tpl-1", "tpl-2", "tpl-4-cold",
        "tpl-stream-1", "tpl-stream-2", "tpl-after");
    assertThat(w.crashes.hits()).isBetween(POINTS - 20, POINTS);
  }

  @Property(generation = GenerationMode.EXHAUSTIVE)
  void aCrashAtAnyPointOfTheSendPathNeitherLosesNorDoublesAMessage(
      @ForAll @IntRange(min = 1, max = POINTS) int crashAt) {
    Map<Integer, List<String>> expected = EXPECTED;
    World w = new World(crashAt);
    Map<Integer, List<String>> sent = scenario(w);
    for (int i = 0; i < 3; i++) {
      assertThat(sent.get(i)).as("lead %d after a crash at %s", i, w.crashes.crashedAt())
          .containsExactlyInAnyOrderElementsOf(expected.get(i));
    }
    Map<OutboxStatus, Long> states = w.outbox.countByStatus();
    assertThat(states.get(OutboxStatus.SENT))
        .isEqualTo(expected.values().stream().mapToLong(List::size).sum());
    assertThat(states.get(OutboxStatus.PENDING) + states.get(OutboxStatus.CLAIMED)
        + states.get(OutboxStatus.DEAD) + states.get(OutboxStatus.CANCELLED)).isZero();
    // a crash between the provider's acceptance and markSent repeats the hand-over once,
    // with the same key, which the provider (RecordingMailer) absorbs
    assertThat(w.mailer.duplicateCalls()).isLessThanOrEqualTo(1);
    assertThat(w.enrolments.findOverdue(w.clock.instant(), 10)).isEmpty();
  }
}
