package dev.leadkit.journey.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.QuietHours;
import dev.leadkit.journey.ReEntryPolicy;
import dev.leadkit.journey.SendPolicies;
import dev.leadkit.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * A simulation of a period decides exactly what the real engine decided over the same inputs
 * with a manual clock: the same outbox (message keys, leads, templates, send times).
 */
class SimulationMatchesEngineProperties {
  static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
  static final Instant TO = FROM.plus(Duration.ofDays(10));
  static final Duration TICK = Duration.ofHours(1);
  static final SendPolicies POLICIES = SendPolicies.custom()
      .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(3)))
      .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(7, 0)))
      .defaultZone(ZoneId.of("Asia/Tokyo"))
      .salesCollision(Duration.ofDays(1))
      .build();
  static final String HOT = "count(page_view, last 3d) >= 2";

  /** A journey of random steps, entered by a form or by entering the segment "hot". */
  static Journey randomJourney(Random r) {
    Journey.Builder b = Journey.builder("sim").reEntry(r.nextBoolean() ? ReEntryPolicy.always()
        : ReEntryPolicy.after(Duration.ofDays(2)));
    b.trigger(r.nextBoolean() ? Trigger.touchpoint(TouchpointFilter.of(
        TouchpointType.FORM_SUBMITTED)) : Trigger.segmentEntered(SegmentId.of("hot")));
    if (r.nextBoolean()) {
      b.goal(PredicateText.parse("stage is opportunity"));
    }
    int steps = 2 + r.nextInt(6);
    for (int i = 0; i < steps; i++) {
      String id = "s" + i;
      String next = i + 1 < steps ? "s" + (i + 1) : Journey.END;
      String skip = i + 2 < steps ? "s" + (i + 2) : Journey.END;
      switch (i == 0 ? 0 : r.nextInt(8)) {
        case 0, 1, 7 -> b.send(id, "tpl-" + i).goTo(next);
        case 2 -> b.wait(id, Duration.ofHours(1 + r.nextInt(60))).goTo(next);
        case 3 -> b.waitForEvent(id, TouchpointFilter.of(TouchpointType.EMAIL_CLICKED),
            Duration.ofHours(1 + r.nextInt(48)), next, skip);
        case 4 -> b.branch(id, PredicateText.parse("industry = \"it\""), next, skip);
        case 5 -> b.split(id, Journey.arm("A", 1, next), Journey.arm("B", 1, skip));
        default -> {
          if (r.nextBoolean()) {
            b.setStage(id, LifecycleStage.MQL).goTo(next);
          } else {
            b.task(id, "call", "Call", Duration.ofDays(1)).goTo(next);
          }
        }
      }
    }
    return b.build();
  }

  /** One recorded input of the production run, at its time. */
  record Event(Instant at, Consumer<Production> action) {}

  /** The real engine. */
  static final class Production {
    final ManualClock clock = ManualClock.at(FROM);
    final SegmentsPlugin segments = SegmentsPlugin.inMemory();
    final Journeys journeys = Journeys.builder().policies(POLICIES).build();
    final LeadKit kit = LeadKit.builder().clock(clock).stores(InMemory.stores())
        .mailer(new RecordingMailer()).install(segments).install(journeys).build();
    final Map<Integer, LeadId> leads = new TreeMap<>();
  }

  /** Random leads and what they do over the period, at distinct minutes. */
  static List<Event> randomEvents(Random r) {
    Set<Long> usedMinutes = new HashSet<>();
    java.util.function.LongSupplier minute = () -> {
      while (true) {
        long m = 1 + r.nextInt((int) Duration.between(FROM, TO).toMinutes() - 1);
        if (usedMinutes.add(m)) {
          return m;
        }
      }
    };
    List<Event> out = new ArrayList<>();
    int leads = 2 + r.nextInt(5);
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < leads; i++) {
      long m;
      do {
        m = 1 + r.nextInt(5 * 24 * 60 - 1);
      } while (!usedMinutes.add(m));
      created.add(m);
      int index = i;
      String email = "lead" + i + "@example.co.jp";
      boolean subscribed = r.nextInt(5) > 0;
      String industry = r.nextBoolean() ? "it" : "retail";
      out.add(new Event(FROM.plus(Duration.ofMinutes(m)), p -> {
        LeadInput.Builder in = LeadInput.email(email).attribute(AttributeKey.INDUSTRY, industry)
            .owner(OwnerId.of("rep-1"));
        if (subscribed) {
          in.consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form");
        }
        p.leads.put(index, p.kit.upsertLead(in.build()).lead().id());
      }));
    }
    int n = 10 + r.nextInt(40);
    TouchpointType[] types = {TouchpointType.PAGE_VIEW, TouchpointType.PAGE_VIEW,
        TouchpointType.FORM_SUBMITTED, TouchpointType.EMAIL_CLICKED, TouchpointType.SALES_EMAIL};
    Set<Integer> unsubscribed = new HashSet<>();
    for (int k = 0; k < n; k++) {
      int who = r.nextInt(leads);
      long m = minute.getAsLong();
      if (m <= created.get(who)) {
        continue;
      }
      Instant at = FROM.plus(Duration.ofMinutes(m));
      int what = r.nextInt(12);
      if (what == 0) {
        out.add(new Event(at, p -> p.kit.changeStage(p.leads.get(who),
            LifecycleStage.OPPORTUNITY, "deal opened")));
      } else if (what == 1 && unsubscribed.add(who)) {
        out.add(new Event(at, p -> {
          Lead l = p.kit.require(p.leads.get(who));
          if (l.consent(Channel.EMAIL).isPresent()) {
            p.kit.recordConsent(l.id(), Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "link");
          }
        }));
      } else {
        TouchpointType type = types[r.nextInt(types.length)];
        out.add(new Event(at, p -> p.kit.track(Touchpoint.forLead(p.leads.get(who), type,
            p.clock.instant()).url("/products/" + (m % 3)).build())));
      }
    }
    out.sort(Comparator.comparing(Event::at));
    return out;
  }

  /**
   * Drives the real engine as the simulation documents it: the clock visits the start, every
   * tick, every input's time, every time an enrolment comes due, and the end; at each visit the
   * inputs of that time, then runDue.
   */
  static Production runProduction(Journey journey, List<Event> events) {
    Production p = new Production();
    p.segments.define(SegmentDefinition.parse("hot", "Hot", HOT));
    p.journeys.publish(journey);
    TreeSet<Instant> visits = new TreeSet<>();
    for (Instant t = FROM; !t.isAfter(TO); t = t.plus(TICK)) {
      visits.add(t);
    }
    visits.add(TO);
    events.forEach(e -> visits.add(e.at()));
    int next = 0;
    Instant t = FROM;
    while (true) {
      p.clock.set(t);
      while (next < events.size() && !events.get(next).at().isAfter(t)) {
        events.get(next++).action().accept(p);
      }
      p.kit.runDue();
      if (!t.isBefore(TO)) {
        return p;
      }
      Instant candidate = visits.higher(t);
      var due = p.journeys.enrolmentStore().findOverdue(TO, 1);
      if (!due.isEmpty() && due.get(0).readyAt().isPresent()
          && due.get(0).readyAt().get().isAfter(t)
          && due.get(0).readyAt().get().isBefore(candidate)) {
        candidate = due.get(0).readyAt().get();
      }
      t = candidate;
    }
  }

  /** The outbox as the property compares it: key to "lead template notBefore". */
  static Map<String, String> outbox(Production p) {
    Map<String, String> m = new TreeMap<>();
    for (LeadId lead : p.leads.values()) {
      for (OutboxEntry e : p.kit.outbox().findByLead(lead)) {
        m.put(e.key().value(), e.message().lead() + " " + e.message().template() + " "
            + e.message().notBefore() + " " + e.status());
      }
    }
    return m;
  }

  static Map<String, String> outbox(SimulationReport r) {
    Map<String, String> m = new TreeMap<>();
    for (SimulationReport.Message msg : r.messages()) {
      m.put(msg.key().value(), msg.lead() + " " + msg.template() + " " + msg.notBefore() + " "
          + (msg.outcome() == SimulationReport.Outcome.SENT ? "SENT"
          : msg.outcome() == SimulationReport.Outcome.PENDING ? "PENDING" : "CANCELLED"));
    }
    return m;
  }

  static JourneySimulation simulationOf(Production p) {
    return JourneySimulation.custom().history(p.kit).period(FROM, TO).tick(TICK)
        .policies(POLICIES).plugins(() -> List.of(SegmentsPlugin.inMemory()))
        .build();
  }

  @Property(tries = 100)
  void simulatingAPeriodGivesTheOutboxOfTheRealEngine(@ForAll long seed) {
    Random r = new Random(seed);
    Journey journey = randomJourney(r);
    Production p = runProduction(journey, randomEvents(r));
    Map<String, String> real = outbox(p);
    long touchpoints = p.leads.values().stream().mapToLong(l -> p.kit.touchpointLog()
        .findByLead(l, TouchpointQuery.all()).size()).sum();

    SimulationReport simulated = simulationOf(p).run(journey);
    Statistics.label("messages").collect(real.size() == 0 ? "none" : real.size() < 4 ? "1-3"
        : "4+");

    assertThat(outbox(simulated)).isEqualTo(real);
    assertThat(simulated.skipped()).isZero();
    assertThat(simulated.entries()).isEqualTo(p.journeys.stats(journey.id()).enrolled());
    // the production stores are untouched
    assertThat(outbox(p)).isEqualTo(real);
    assertThat(p.leads.values().stream().mapToLong(l -> p.kit.touchpointLog()
        .findByLead(l, TouchpointQuery.all()).size()).sum()).isEqualTo(touchpoints);
  }
}
