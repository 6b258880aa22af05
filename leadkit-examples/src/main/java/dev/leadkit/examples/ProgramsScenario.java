package dev.leadkit.examples;

import static dev.leadkit.core.predicate.Predicates.not;

import dev.leadkit.journey.FrequencyCap;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.QuietHours;
import dev.leadkit.journey.SendPolicies;
import dev.leadkit.journey.simulation.JourneySimulation;
import dev.leadkit.journey.simulation.SimulationComparison;
import java.time.LocalTime;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UpsertResult;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.JourneyStats;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Programs;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Programs over time: synthetic leads with seeded-random behaviour go through welcome, nurture,
 * accelerate and re-engage for 120 simulated days (one {@code runDue} a day), are handed to
 * sales by score and move through the stages as sales works them.
 *
 * <p>Every random draw is a hash of (lead number, what, day), so the outcome does not depend on
 * the order in which the engine hands out mails.
 */
final class ProgramsScenario implements Scenario {
  static final int DAYS = 120;
  static final int ARRIVAL_DAYS = 90;
  private static final long SEED = 2026;

  private final int leads;
  private final int jdbcLeads;

  ProgramsScenario(int leads, int jdbcLeads) {
    this.leads = leads;
    this.jdbcLeads = jdbcLeads;
  }

  @Override
  public String name() {
    return "programs";
  }

  @Override
  public String title() {
    return "Programs over time: " + leads + " synthetic leads, welcome / nurture / accelerate"
        + " / re-engage, 120 days, hand-offs and stages";
  }

  /** The number of leads the scenario runs in memory. */
  int leads() {
    return leads;
  }

  /** Interest profiles: share of leads, daily visit chance, mail open and click chances. */
  private enum Profile {
    HOT(0.08, 0.35, 0.60, 0.45),
    WARM(0.27, 0.05, 0.35, 0.20),
    COLD(0.40, 0.01, 0.12, 0.04),
    GONE(0.25, 0.0, 0.03, 0.0);   // quiet after the sign-up: re-engagement material

    final double share;
    final double visit;
    final double open;
    final double click;

    Profile(double share, double visit, double open, double click) {
      this.share = share;
      this.visit = visit;
      this.open = open;
      this.click = click;
    }
  }

  static ScoringModel engagement() {
    TouchpointFilter views = TouchpointFilter.of(TouchpointType.PAGE_VIEW);
    return ScoringModel.custom("engagement")
        .behaviour("home", views.url("/"), 1, Caps.none().perDay(1))
        .behaviour("product", views.url("/products/**"), 3)
        .behaviour("request", views.url("/request/**"), 5)
        .behaviour("click", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED), 2)
        .decay(Decay.halfLife(Duration.ofDays(10)))
        .threshold(Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30))
            .setsStage(LifecycleStage.MQL))
        .build();
  }

  /** A uniform draw in [0, 1) from (lead, what, day): order-independent. */
  static double draw(long lead, long what, long day) {
    long z = SEED * 0x9E3779B97F4A7C15L + lead * 0xBF58476D1CE4E5B9L + what * 0x94D049BB133111EBL
        + day * 0x2545F4914F6CDD1DL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  @Override
  public void run(DemoEnv env, Report out) {
    long started = System.nanoTime();
    int n = env.stores.isPresent() ? jdbcLeads : leads;
    if (n != leads) {
      out.line("(--jdbc: %d leads instead of %d, to keep the demo short on a database)", n,
          leads);
      out.line("%s", env.journeyStoreNote());
    }
    SegmentsPlugin segments = env.segments();
    ScoringPlugin scoring = env.scoring().model(engagement()).build();
    Journeys journeys = env.journeys().build();
    LeadKit kit = env.register(env.kitBuilder().install(segments).install(scoring).install(journeys).build());

    SegmentId inactive = SegmentId.of("inactive-45d");
    segments.define(SegmentDefinition.of(inactive.value(), "No activity for 45 days",
        Programs.inactiveFor(Duration.ofDays(45)).and(not(Programs.inSalesCycle()))));
    JourneyId welcome = JourneyId.of("welcome");
    JourneyId nurture = JourneyId.of("nurture");
    JourneyId accelerate = JourneyId.of("accelerate");
    JourneyId reEngage = JourneyId.of("re-engage");
    journeys.publish(Programs.welcome(welcome.value(), "welcome-1", "welcome-2", "welcome-3",
        Duration.ofDays(3)));
    journeys.publish(Programs.nurture(nurture.value(), List.of("aware-1"),
        List.of("edu-1"), List.of("proof-1"), Duration.ofDays(14)));
    journeys.publish(Programs.accelerate(accelerate.value(), "engagement", 12, "offer",
        Duration.ofDays(5)));
    journeys.publish(Programs.reEngage(reEngage.value(), inactive, "still-interested",
        "last-chance", Duration.ofDays(7), ListId.of("to-prune")));

    Instant start = env.clock.instant();
    LeadId[] ids = new LeadId[n];
    Profile[] profile = new Profile[n];
    Map<LeadId, Integer> index = new HashMap<>();
    List<LeadId> toNurture = new ArrayList<>();
    List<List<Runnable>> agenda = new ArrayList<>();
    for (int d = 0; d <= DAYS + 60; d++) {
      agenda.add(new ArrayList<>());
    }
    int[] day = {0};
    Map<String, Integer> tasks = new TreeMap<>();
    long[] handOffs = {0};
    journeys.onEnrolmentExited(e -> {
      if (e.enrolment().journey().equals(welcome) && e.reason().equals(ExitReason.COMPLETED)) {
        toNurture.add(e.enrolment().lead());
      }
    });
    journeys.onSalesTaskCreated(t -> tasks.merge(t.kind(), 1, Integer::sum));
    scoring.onHandOff(e -> {
      handOffs[0]++;
      int i = index.get(e.lead());
      agenda.get(day[0] + 3).add(() -> qualify(kit, agenda, ids[i], i, day[0] + 3));
    });

    List<OutboundMessage> delivered = new ArrayList<>();
    kit.events().on(MessageSent.class, e -> delivered.add(e.message()));
    int sent = 0;
    long touchpoints = 0;
    for (day[0] = 0; day[0] < DAYS; day[0]++) {
      int d = day[0];
      int from = (int) ((long) n * d / ARRIVAL_DAYS);
      int to = d < ARRIVAL_DAYS ? (int) ((long) n * (d + 1) / ARRIVAL_DAYS) : from;
      // the day's sign-ups, in bulk as a host importing them would: one upsert, one trackAll
      List<LeadInput> inputs = new ArrayList<>();
      for (int i = from; i < Math.min(to, n); i++) {
        profile[i] = pick(draw(i, 1, 0));
        // one lead in five is an exhibition card without a mail opt-in: journeys suppress
        // their mails (consent policy), but their browsing still scores
        boolean optIn = i % 5 != 0;
        LeadInput.Builder in = LeadInput.email("lead" + i + "@synthetic.example")
            .owner(OwnerId.of("rep-" + (i % 8)))
            .attribute(AttributeKey.SOURCE, optIn ? "web-form" : "expo-2025");
        if (optIn) {
          in.consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "web-form");
        }
        inputs.add(in.build());
      }
      List<Touchpoint> signUps = new ArrayList<>();
      List<UpsertResult> created = kit.upsertLeads(inputs);
      for (int k = 0; k < created.size(); k++) {
        int i = from + k;
        ids[i] = created.get(k).lead().id();
        index.put(ids[i], i);
        signUps.add(Touchpoint.forLead(ids[i], TouchpointType.FORM_SUBMITTED,
            env.clock.instant()).property(PropertyKey.FORM, "sign-up").build());
      }
      kit.trackAll(signUps);
      touchpoints += signUps.size();
      for (Runnable r : agenda.get(d)) {
        r.run();
      }
      if (!toNurture.isEmpty()) {
        List<LeadId> copy = List.copyOf(toNurture);
        toNurture.clear();
        journeys.enrolAll(nurture, copy, "after-welcome");
      }
      kit.runDue();
      // the day's visits (09:00-17:00), then the responses to the day's mails (20:00)
      Instant dayStart = env.clock.instant();
      List<Touchpoint> batch = new ArrayList<>();
      int arrived = Math.min((int) ((long) n * Math.min(d + 1, ARRIVAL_DAYS) / ARRIVAL_DAYS), n);
      for (int i = 0; i < arrived; i++) {
        Profile p = profile[i];
        if (p.visit > 0 && draw(i, 2, d) < p.visit) {
          Instant at = dayStart.plus(Duration.ofHours(9 + (i % 9)));
          double u = draw(i, 3, d);
          String url = u < 0.45 ? "/" : u < 0.85 ? "/products/erp" : "/request/demo";
          batch.add(Touchpoint.forLead(ids[i], TouchpointType.PAGE_VIEW, at).url(url).build());
        }
      }
      Instant evening = dayStart.plus(Duration.ofHours(20));
      for (int k = sent; k < delivered.size(); k++) {
        OutboundMessage m = delivered.get(k);
        Integer i = index.get(m.lead());
        if (i == null) {
          continue;
        }
        long what = m.template().hashCode();
        if (draw(i, what, d) < profile[i].open) {
          batch.add(Touchpoint.forLead(ids[i], TouchpointType.EMAIL_OPENED, evening)
              .property(PropertyKey.MESSAGE_KEY, m.key().value()).build());
          if (draw(i, what + 7, d) < profile[i].click / profile[i].open) {
            batch.add(Touchpoint.forLead(ids[i], TouchpointType.EMAIL_CLICKED,
                evening.plusSeconds(60)).property(PropertyKey.MESSAGE_KEY, m.key().value())
                .build());
          }
        }
      }
      sent = delivered.size();
      touchpoints += batch.size();
      batch.sort((a, b) -> a.at().compareTo(b.at()));
      env.clock.set(evening.plusSeconds(120));
      kit.trackAll(batch);
      env.clock.set(start.plus(Duration.ofDays(d + 1)));
    }
    kit.runDue();

    out.line("%d leads arrived over %d days (hot %.0f%%, warm %.0f%%, cold %.0f%%, "
        + "quiet after sign-up %.0f%%; 20%% without mail opt-in); %d touchpoints tracked by the simulation, %d mails "
        + "delivered", n, ARRIVAL_DAYS, Profile.HOT.share * 100, Profile.WARM.share * 100,
        Profile.COLD.share * 100, Profile.GONE.share * 100, touchpoints, sent);
    Report.Table t = out.table("program", "enrolled", "active", "sent", "suppressed", "opened",
        "clicked", "exits by reason");
    for (JourneyId j : List.of(welcome, nurture, accelerate, reEngage)) {
      JourneyStats s = journeys.stats(j);
      t.row(j.value(), s.enrolled(), s.active(), s.sent(), s.suppressed(), s.opened(),
          s.clicked(), Report.counts(s.exitedByReason()));
    }
    t.print();
    out.line("Hand-offs to sales (engagement >= 20): %d; sales tasks from journeys: %s",
        handOffs[0], Report.counts(tasks));
    Map<LifecycleStage, Integer> stages = new EnumMap<>(LifecycleStage.class);
    LeadId after = null;
    while (true) {
      List<Lead> page = kit.leadStore().page(after, 500);
      if (page.isEmpty()) {
        break;
      }
      for (Lead l : page) {
        if (index.containsKey(l.id())) {
          stages.merge(l.stage(), 1, Integer::sum);
        }
      }
      after = page.get(page.size() - 1).id();
    }
    Report.Table st = out.table("stage after 120 days", "leads");
    stages.forEach((s, c) -> st.row(s, c));
    st.print();
    out.line("programs: %d simulated days in %d ms (funnel, rates, stage velocity and "
        + "per-program performance of these leads: see the kpis scenario)", DAYS,
        (System.nanoTime() - started) / 1_000_000);
    simulateWelcome(kit, journeys.journey(welcome).orElseThrow(), start, out);
  }

  /** Days of the recorded history the welcome comparison replays. */
  static final int SIMULATED_DAYS = 30;

  /**
   * Before changing welcome: the first days of the recorded history replayed through the
   * version in production and a candidate, each on an isolated in-memory engine with the same
   * plugins, under the send policies marketing plans to switch on.
   */
  private static void simulateWelcome(LeadKit kit, Journey v1, Instant start, Report out) {
    long t0 = System.nanoTime();
    SendPolicies planned = SendPolicies.custom()
        .cap(FrequencyCap.of(Channel.EMAIL, 2, Duration.ofDays(7)))
        .quietHours(QuietHours.between(LocalTime.of(20, 0), LocalTime.of(8, 0)))
        .defaultZone(Report.ZONE).build();
    Journey v2 = Programs.welcome(v1.id().value(), "welcome-1", "welcome-2", "welcome-3",
        Duration.ofDays(1)).withVersion(v1.version() + 1);
    JourneySimulation sim = JourneySimulation.custom().history(kit)
        .period(start, start.plus(Duration.ofDays(SIMULATED_DAYS)))
        .plugins(() -> List.of(SegmentsPlugin.builder().build(),
            ScoringPlugin.builder().model(engagement()).build()))
        .policies(planned).zone(Report.ZONE).build();
    SimulationComparison cmp = sim.compare(v1, v2);
    String a = "v" + v1.version() + " (3-day gaps)";
    String b = "v" + v2.version() + " (1-day gaps)";
    out.line("");
    out.line("Simulation before changing welcome: the first %d days replayed through %s and %s,"
        + " under the policies to be switched on (at most 2 mails a week, none 20:00-08:00 in"
        + " %s); each on its own in-memory engine with scoring and segments, nothing sent:",
        SIMULATED_DAYS, a, b, Report.ZONE);
    Report.Table t = out.table("welcome", a, b);
    for (String[] r : cmp.rows()) {
      t.row(r[0], r[1], r[2]);
    }
    t.print();
    Report.Table w = out.table("mails sent, week from", a, b);
    for (String[] r : cmp.weeks()) {
      w.row(r[0], r[1], r[2]);
    }
    w.print();
    out.line("(simulation: %d ms for both versions)", (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Sales works a handed-over lead: half are accepted (SQL), of those 60% become opportunities
   * a week later, of which 35% are won two weeks after that; the rest go back to nurturing.
   */
  private static void qualify(LeadKit kit, List<List<Runnable>> agenda, LeadId id, int i,
      int day) {
    if (kit.require(id).stage() != LifecycleStage.MQL) {
      return;
    }
    if (draw(i, 11, day) >= 0.5) {
      kit.changeStage(id, LifecycleStage.ENGAGED, "not ready yet");
      return;
    }
    kit.changeStage(id, LifecycleStage.SQL, "sales accepted");
    if (draw(i, 12, day) >= 0.6) {
      return;
    }
    agenda.get(day + 7).add(() -> {
      kit.changeStage(id, LifecycleStage.OPPORTUNITY, "opportunity opened");
      agenda.get(day + 21).add(() -> kit.changeStage(id, draw(i, 13, day) < 0.35
          ? LifecycleStage.CUSTOMER : LifecycleStage.LOST, "deal closed"));
    });
  }

  private static Profile pick(double u) {
    double acc = 0;
    for (Profile p : Profile.values()) {
      acc += p.share;
      if (u < acc) {
        return p;
      }
    }
    return Profile.GONE;
  }
}
