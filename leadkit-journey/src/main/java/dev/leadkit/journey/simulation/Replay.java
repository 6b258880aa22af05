package dev.leadkit.journey.simulation;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.journey.event.EnrolmentExited;
import dev.leadkit.journey.event.EnrolmentStarted;
import dev.leadkit.journey.event.MessageQueued;
import dev.leadkit.journey.event.MessageSuppressed;
import dev.leadkit.journey.event.SalesTaskCreated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulation run: an isolated engine, the recorded history turned into timed inputs, the
 * simulated clock, and what the simulated journey did. Not API.
 */
final class Replay {
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
  private static final int PAGE = 500;

  /** A recorded input, at the time it is replayed. */
  private sealed interface Act {}

  private record Create(Lead recorded, LifecycleStage stage, Map<Channel, ConsentRecord> consents)
      implements Act {}

  private record Track(Touchpoint touchpoint) implements Act {}

  private record Stage(LeadId lead, StageChange change) implements Act {}

  private record Consent(LeadId lead, ConsentRecord record) implements Act {}

  /** Order of inputs at the same instant: creations, touchpoints, stage, consent. */
  private record Item(Instant at, int kind, long seq, Act act) {}

  private final JourneySimulation sim;
  private final Set<String> own = new LinkedHashSet<>();
  private final Instant start;
  private final ManualClock clock;
  private final LeadKit kit;
  private final Journeys journeys;
  private final StageTransitions anyMove;
  private final Map<EmailAddress, LeadId> ids = new HashMap<>();
  private final List<Item> inputs = new ArrayList<>();
  private final List<Create> preexisting = new ArrayList<>();
  private final List<Touchpoint> earlier = new ArrayList<>();
  private int cursor;
  private @Nullable Instant now;
  private Instant nextTick;
  private @Nullable Journey pendingPublish;
  private Instant publishAt;
  private long applied;
  private long skipped;

  // what the simulated journey did
  private final Map<MessageKey, MessageQueued> queued = new LinkedHashMap<>();
  private final Map<String, Long> suppressed = new HashMap<>();
  private final Map<String, Long> exits = new HashMap<>();
  private final Map<String, Long> tasks = new HashMap<>();
  private final Map<LeadId, List<String>> tasksByLead = new HashMap<>();
  private final Map<EnrolmentId, Instant> startedAt = new HashMap<>();
  private final Map<LeadId, Instant> entered = new LinkedHashMap<>();
  private final List<Duration> timesToGoal = new ArrayList<>();
  private long entries;

  Replay(JourneySimulation sim, List<JourneyId> simulated) {
    this.sim = sim;
    simulated.forEach(j -> own.add(j.value()));
    this.start = sim.from.minus(sim.warmUp);
    this.nextTick = start;
    this.publishAt = sim.from;
    this.clock = ManualClock.at(start);
    StageTransitions.Builder any = StageTransitions.custom();
    for (LifecycleStage s : LifecycleStage.values()) {
      any.allow(s, LifecycleStage.values());
    }
    this.anyMove = any.build();
    LeadKit history = sim.history;
    readHistory(history);

    Stores stores = InMemory.stores();
    Optional<DefinitionStore> source = history.stores().port(DefinitionStore.class);
    Optional<DefinitionStore> target = stores.port(DefinitionStore.class);
    if (source.isPresent() && target.isPresent()) {
      for (StoredDefinition d : source.get().all(DefinitionStore.SEGMENT)) {
        target.get().publish(d.kind(), d.id(), d.version(), d.json(), d.publishedAt());
      }
    }
    this.journeys = Journeys.builder().policies(sim.policies).build();
    LeadKit.Builder b = LeadKit.builder().clock(clock).stores(stores)
        .mailer((message, recipient) -> "simulated:" + message.key().value())
        .vocabulary(history.vocabulary()).stageTransitions(history.stageTransitions())
        .leadIds(email -> {
          LeadId id = ids.get(email);
          return id != null ? id : LeadId.random();
        });
    for (LeadKitPlugin p : sim.plugins.get()) {
      b.install(p);
    }
    this.kit = b.install(journeys).build();
    sim.streams.forEach(journeys::publishStream);
    listen();
  }

  // ------------------------------------------------------------------ history -> inputs

  private void readHistory(LeadKit history) {
    Instant end = sim.to;
    long[] seq = {0};
    LeadId after = null;
    while (true) {
      List<Lead> page = history.leadStore().page(after, PAGE);
      for (Lead l : page) {
        if (l.createdAt().isBefore(end)) {
          readLead(history, l, end, seq);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    inputs.sort(Comparator.comparing(Item::at).thenComparingInt(Item::kind)
        .thenComparingLong(Item::seq));
  }

  private void readLead(LeadKit history, Lead l, Instant end, long[] seq) {
    ids.put(l.email(), l.id());
    Instant createAt = l.createdAt().isBefore(start) ? start : l.createdAt();
    List<Touchpoint> tps = new ArrayList<>(history.touchpointLog().findByLead(l.id(),
        TouchpointQuery.all()));
    tps.sort(Comparator.comparing(Touchpoint::at));
    for (Touchpoint t : tps) {
      if (!t.at().isBefore(end) || producedBySimulated(t)) {
        continue;
      }
      if (t.at().isBefore(start)) {
        earlier.add(t);
      } else {
        Instant at = t.at().isBefore(createAt) ? createAt : t.at();
        inputs.add(new Item(at, 1, seq[0]++, new Track(t)));
      }
    }
    LifecycleStage stage = null;
    for (StageChange c : l.stageHistory()) {
      if (!c.at().isAfter(createAt)) {
        stage = c.to();
      } else if (c.at().isBefore(end) && !movedBySimulated(c)) {
        inputs.add(new Item(c.at(), 2, seq[0]++, new Stage(l.id(), c)));
      }
    }
    if (stage == null) {
      stage = l.stageHistory().isEmpty() ? l.stage() : l.stageHistory().get(0).from();
    }
    Map<Channel, ConsentRecord> initial = new LinkedHashMap<>();
    for (ConsentRecord r : l.consents().values()) {
      if (!r.at().isAfter(createAt)) {
        initial.put(r.channel(), r);
        continue;
      }
      if (r.status() == ConsentStatus.UNSUBSCRIBED) {
        // one unsubscribes only after subscribing: subscribed until then
        initial.put(r.channel(), new ConsentRecord(r.channel(), ConsentStatus.SUBSCRIBED,
            "inferred", createAt));
      }
      if (r.at().isBefore(end)) {
        inputs.add(new Item(r.at(), 3, seq[0]++, new Consent(l.id(), r)));
      }
    }
    Create c = new Create(l, stage, initial);
    if (l.createdAt().isBefore(start)) {
      preexisting.add(c);
    } else {
      inputs.add(new Item(createAt, 0, seq[0]++, c));
    }
  }

  private boolean producedBySimulated(Touchpoint t) {
    boolean bookkeeping = t.type().equals(TouchpointType.EMAIL_SENT)
        || t.type().equals(TouchpointType.MESSAGE_SENT)
        || t.type().equals(TouchpointType.JOURNEY_EXITED);
    return bookkeeping && t.property(PropertyKey.JOURNEY).map(own::contains).orElse(false);
  }

  private boolean movedBySimulated(StageChange c) {
    for (String j : own) {
      if (c.reason().startsWith("journey " + j + "/")) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ listening

  private void listen() {
    kit.events().on(EnrolmentStarted.class, e -> {
      Enrolment en = e.enrolment();
      if (own.contains(en.journey().value())) {
        entries++;
        startedAt.put(en.id(), e.at());
        entered.putIfAbsent(en.lead(), e.at());
      }
    });
    kit.events().on(EnrolmentExited.class, e -> {
      Enrolment en = e.enrolment();
      if (own.contains(en.journey().value())) {
        exits.merge(e.reason().code(), 1L, Long::sum);
        if (e.reason().equals(ExitReason.GOAL)) {
          Instant began = startedAt.getOrDefault(en.id(), en.enrolledAt());
          timesToGoal.add(Duration.between(began, e.at()));
        }
      }
    });
    kit.events().on(MessageQueued.class, e -> {
      if (own.contains(e.journey())) {
        queued.putIfAbsent(e.message().key(), e);
      }
    });
    kit.events().on(MessageSuppressed.class, e -> {
      if (own.contains(e.journey())) {
        suppressed.merge(e.reason(), 1L, Long::sum);
      }
    });
    kit.events().on(SalesTaskCreated.class, e -> {
      if (own.contains(e.journey())) {
        tasks.merge(e.step(), 1L, Long::sum);
        tasksByLead.computeIfAbsent(e.lead(), k -> new ArrayList<>())
            .add(e.step() + ": " + e.kind());
      }
    });
  }

  // ------------------------------------------------------------------ the clock

  private void setUp() {
    if (!earlier.isEmpty()) {
      kit.touchpointLog().appendAll(earlier);
    }
    clock.set(start);
    for (Create c : preexisting) {
      apply(c);
    }
    step(start);
  }

  /** Visits every instant after the current one up to and including {@code end}. */
  private void runTo(Instant end) {
    while (true) {
      Instant t = next(end);
      step(t);
      if (!t.isBefore(end)) {
        return;
      }
    }
  }

  private Instant next(Instant end) {
    Instant current = now == null ? start : now;
    Instant best = end;
    if (cursor < inputs.size()) {
      best = earliest(best, inputs.get(cursor).at());
    }
    best = earliest(best, nextTick);
    if (pendingPublish != null && publishAt.isAfter(current)) {
      best = earliest(best, publishAt);
    }
    List<Enrolment> due = journeys.enrolmentStore().findOverdue(end, 1);
    if (!due.isEmpty()) {
      Optional<Instant> ready = due.get(0).readyAt();
      if (ready.isPresent() && ready.get().isAfter(current)) {
        best = earliest(best, ready.get());
      }
    }
    return best;
  }

  private static Instant earliest(Instant a, Instant b) {
    return b.isBefore(a) ? b : a;
  }

  private void step(Instant t) {
    clock.set(t);
    now = t;
    Journey j = pendingPublish;
    if (j != null && !t.isBefore(publishAt)) {
      journeys.publish(j);
      pendingPublish = null;
    }
    while (cursor < inputs.size() && !inputs.get(cursor).at().isAfter(t)) {
      apply(inputs.get(cursor++).act());
    }
    kit.runDue();
    while (!nextTick.isAfter(t)) {
      nextTick = nextTick.plus(sim.tick);
    }
  }

  private void apply(Act act) {
    Instant at = clock.instant();
    try {
      if (act instanceof Create c) {
        create(c, at);
      } else if (act instanceof Track t) {
        kit.track(t.touchpoint());
      } else if (act instanceof Stage s) {
        StageChange c = s.change();
        kit.modify(s.lead(), l -> l.stage() == c.to() ? l
            : l.withStage(c.to(), c.reason(), at, anyMove));
      } else if (act instanceof Consent c) {
        ConsentRecord r = c.record();
        kit.recordConsent(c.lead(), r.channel(), r.status(), r.source());
      }
      applied++;
    } catch (LeadkitException e) {
      skipped++;
      LOG.debug("simulation: recorded input {} was refused: {}", act, e.getMessage());
    }
  }

  private void create(Create c, Instant at) {
    Lead l = c.recorded();
    LeadInput.Builder b = LeadInput.email(l.email()).attributes(l.attributes());
    l.owner().ifPresent(b::owner);
    c.consents().values().forEach(r -> b.consent(r.channel(), r.status(), r.source()));
    LifecycleStage stage = c.stage();
    boolean direct = stage != LifecycleStage.KNOWN
        && kit.stageTransitions().isAllowed(LifecycleStage.KNOWN, stage);
    if (direct) {
      b.initialStage(stage);
    }
    kit.upsertLead(b.build());
    if (stage != LifecycleStage.KNOWN && !direct) {
      kit.modify(l.id(), x -> x.withStage(stage, "replayed", at, anyMove));
    }
  }

  // ------------------------------------------------------------------ runs

  SimulationReport backtest(Journey journey) {
    pendingPublish = journey;
    publishAt = sim.from;
    setUp();
    runTo(sim.to);
    return new SimulationReport(journey.id(), journey.version(), sim.from, sim.to, sim.zone,
        entries, entered.size(), messages(Optional.empty()), suppressed, exits, tasks,
        timesToGoal, applied, skipped);
  }

  JourneyPreview preview(Journey journey, Duration horizon, Optional<List<LeadId>> audience) {
    setUp();
    runTo(sim.to);
    Instant at = sim.to;
    Instant until = at.plus(horizon);
    journeys.publish(journey);
    if (audience.isPresent()) {
      journeys.enrolAll(journey.id(), audience.get(), "preview");
    } else {
      enrolByTriggers(journey);
    }
    kit.runDue();
    runTo(until);
    List<SimulationReport.Message> all = messages(Optional.of(until));
    List<JourneyPreview.Entry> out = new ArrayList<>();
    for (Map.Entry<LeadId, Instant> e : entered.entrySet()) {
      LeadId lead = e.getKey();
      String email = kit.lead(lead).map(l -> l.email().value()).orElse(lead.value());
      out.add(new JourneyPreview.Entry(lead, email, e.getValue(),
          all.stream().filter(m -> m.lead().equals(lead)).toList(),
          tasksByLead.getOrDefault(lead, List.of())));
    }
    return new JourneyPreview(journey.id(), journey.version(), at, until, sim.zone, out);
  }

  private void enrolByTriggers(Journey journey) {
    Optional<SegmentsPlugin> segments = kit.plugin(SegmentsPlugin.class);
    List<CompiledPredicate> conditions = new ArrayList<>();
    boolean dates = false;
    for (Trigger t : journey.triggers()) {
      if (t instanceof Trigger.SegmentEntered s) {
        if (segments.isPresent() && segments.get().definition(s.segment()).isPresent()) {
          journeys.enrolSegment(journey.id(), s.segment());
        } else {
          LOG.warn("preview of {}: segment {} is not defined in the simulation; give the "
              + "segments plugin in plugins(...)", journey.id(), s.segment());
        }
      } else if (t instanceof Trigger.ConditionMet c) {
        conditions.add(c.predicate().compile());
      } else if (t instanceof Trigger.DateReached) {
        dates = true;
      }
    }
    if (!conditions.isEmpty()) {
      Instant at = clock.instant();
      List<LeadId> meeting = new ArrayList<>();
      LeadId after = null;
      while (true) {
        List<Lead> page = kit.leadStore().page(after, PAGE);
        for (Lead l : page) {
          for (CompiledPredicate p : conditions) {
            EvaluationInput in = segments.isPresent() ? segments.get().input(l, p)
                : EvaluationInput.of(l, kit.touchpointLog(), p, at);
            if (p.test(in)) {
              meeting.add(l.id());
              break;
            }
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
      journeys.enrolAll(journey.id(), meeting, "preview:condition");
    }
    if (dates) {
      journeys.scheduleDateTriggers();
    }
  }

  /** The queued messages with their outcome; with {@code until}, only those due by then. */
  private List<SimulationReport.Message> messages(Optional<Instant> until) {
    List<SimulationReport.Message> out = new ArrayList<>();
    for (MessageQueued q : queued.values()) {
      if (until.isPresent() && q.message().notBefore().isAfter(until.get())) {
        continue;
      }
      Optional<OutboxEntry> e = kit.outbox().find(q.message().key());
      SimulationReport.Outcome outcome = SimulationReport.Outcome.PENDING;
      Optional<String> reason = Optional.empty();
      if (e.isPresent() && e.get().status() == OutboxStatus.SENT) {
        outcome = SimulationReport.Outcome.SENT;
      } else if (e.isPresent() && e.get().reason().isPresent()) {
        outcome = SimulationReport.Outcome.NOT_SENT;
        reason = Optional.of(e.get().reason().get().name());
      }
      out.add(new SimulationReport.Message(q.message().key(), q.message().lead(), q.step(),
          q.message().template(), q.at(), q.message().notBefore(), q.deferredBy(), outcome,
          reason));
    }
    return out;
  }
}
