package dev.leadkit.journey;

import dev.leadkit.core.Hooks;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.LeadState;
import dev.leadkit.core.IllegalStageTransitionException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.internal.Definitions;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.TransactionConflictException;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateDependencies;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.identity.LeadErased;
import dev.leadkit.core.identity.LeadsMerged;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentEntered;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.UnknownSegmentException;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.EnrolmentExited;
import dev.leadkit.journey.event.EnrolmentStarted;
import dev.leadkit.journey.event.ListChangeRequested;
import dev.leadkit.journey.event.MessageQueued;
import dev.leadkit.journey.event.MessageSuppressed;
import dev.leadkit.journey.event.OwnerNotified;
import dev.leadkit.journey.event.SalesTaskCreated;
import dev.leadkit.journey.event.StepExecuted;
import dev.leadkit.journey.event.StreamExhausted;
import dev.leadkit.journey.json.JourneyJson;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.memory.JourneyMemory;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import dev.leadkit.journey.port.SetBasedEnrolment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The journey engine. Not API: use {@link Journeys}. */
final class JourneyEngine implements Journeys {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyEngine.class);

  /** The touchpoint type recorded for a non-e-mail journey message. */
  static final TouchpointType MESSAGE_SENT = TouchpointType.MESSAGE_SENT;
  private static final Set<TouchpointType> OWN_TYPES =
      Set.of(TouchpointType.EMAIL_SENT, TouchpointType.JOURNEY_EXITED, MESSAGE_SENT);

  static final String STATE_TRIGGER = "trigger.touchpoint";
  static final String STATE_STREAM_SENT = "stream.sent";
  static final String STATE_STREAM_NEXT = "stream.next";
  static final String STATE_STREAM_KIND = "stream.kind";
  static final String STATE_STREAM_EXHAUSTED = "stream.exhausted";

  private static final int MAX_CHAIN = 200;
  private static final int MAX_EXIT_RETRIES = 8;
  private static final int BULK_BATCH = 500;
  /** The kind of the timers the engine schedules, one per enrolment (key: its id). */
  static final String TIMER_KIND = EnrolmentStore.TIMER_KIND;
  private static final int CLAIM_ATTEMPTS = 4;
  private static final Duration RETRY_BASE = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final AtomicLong ENGINES = new AtomicLong();

  // from the builder, else from the engine's stores when installed
  private volatile EnrolmentStore store;
  private volatile TimerStore timers;
  private final String holder;
  private final boolean[] portsGiven;
  private volatile SendLog sendLog;
  private volatile JourneyCounters counters;
  private final SendPolicies policies;
  private final Duration lease;
  private final @Nullable ListWriter listWriter;
  private final @Nullable BiPredicate<LeadId, ListId> lists;
  private final @Nullable BiPredicate<LeadId, SegmentId> segments;
  private final int batchSize;
  private final Duration stuckAfter;

  private final Map<JourneyId, TreeMap<Integer, Journey>> definitions = new HashMap<>();
  private final Map<StreamId, ContentStream> streams = new ConcurrentHashMap<>();
  private final Map<Predicate, CompiledPredicate> compiled = new ConcurrentHashMap<>();

  private volatile @Nullable LeadKit kit;
  private volatile @Nullable DefinitionStore definitionStore;
  private volatile long seenRevision = -1;
  private volatile @Nullable SendGateway gateway;

  JourneyEngine(Journeys.Builder b) {
    this.portsGiven = new boolean[] {b.enrolments != null, b.sendLog != null,
        b.counters != null, b.timers != null};
    this.store = b.enrolments != null ? b.enrolments : JourneyMemory.enrolmentStore();
    this.timers = b.timers != null ? b.timers : InMemory.timerStore();
    this.holder = "journeys-" + ProcessHandle.current().pid() + "-"
        + ENGINES.incrementAndGet();
    this.sendLog = b.sendLog != null ? b.sendLog : JourneyMemory.sendLog();
    this.counters = b.counters != null ? b.counters : JourneyMemory.counters();
    this.policies = b.policies == null ? SendPolicies.none() : b.policies;
    this.lease = b.lease == null ? Duration.ofMinutes(5) : b.lease;
    this.listWriter = b.listWriter;
    this.lists = b.lists;
    this.segments = b.segments;
    this.batchSize = b.batchSize;
    this.stuckAfter = b.stuckAfter == null ? Duration.ofHours(1) : b.stuckAfter;
  }

  // ------------------------------------------------------------------ plugin

  @Override
  public String name() {
    return "journeys";
  }

  @Override
  public void install(LeadKit host, Hooks hooks) {
    Checks.named(host, "host");
    Checks.named(hooks, "hooks");
    if (kit != null) {
      throw new LeadkitException("the journey engine is already installed in an engine");
    }
    Stores stores = host.stores();
    if (!portsGiven[0]) {
      store = stores.portFor(name(), EnrolmentStore.class, JourneyMemory::enrolmentStore);
    }
    if (!portsGiven[3]) {
      if (portsGiven[0] && stores.port(EnrolmentStore.class).orElse(null) != store) {
        throw new InvalidJourneyException("the journey engine was given its own enrolment store"
            + " but no timer store: give the timer store that lives with it"
            + " (Journeys.builder().timerStore(...)), so that due work is kept where the"
            + " enrolments are");
      }
      timers = stores.portFor(name(), TimerStore.class, InMemory::timerStore);
    }
    if (!portsGiven[1]) {
      sendLog = stores.portFor(name(), SendLog.class, JourneyMemory::sendLog);
    }
    if (!portsGiven[2]) {
      counters = stores.portFor(name(), JourneyCounters.class, JourneyMemory::counters);
    }
    for (Journey j : allVersions()) { // published before installation
      checkVocabulary(j, host.vocabulary());
    }
    hooks.personalData(JourneyPersonalData.enrolments(store));
    hooks.personalData(JourneyPersonalData.sends(sendLog));
    DefinitionStore ds = stores.port(DefinitionStore.class).orElse(null);
    if (ds != null) {
      for (Journey j : allVersions()) { // published before installation: stored now
        ds.publish(DefinitionStore.JOURNEY, j.id().value(), j.version(), JourneyJson.write(j),
            host.clock().instant());
      }
    }
    definitionStore = ds;
    kit = host;
    gateway = new SendGateway(host, sendLog, counters, policies);
    hooks.onHandOver(new HandOverPolicies(host, policies));
    hooks.decide(Hooks.Phase.JOURNEYS, this::decide);
    hooks.onDue("journeys", new Hooks.DueWork() {
      @Override
      public int runDue(Instant now) {
        refreshJourneys();
        return JourneyEngine.this.runDue(now);
      }

      @Override
      public int runDue(Instant now, Hooks.DueBudget budget) {
        refreshJourneys();
        return runDueWithin(now, budget);
      }
    });
    hooks.onEvent(MessageSent.class, this::onMessageSent);
    hooks.onEvent(SegmentEntered.class, e -> segmentEntered(e.segment(), e.lead()));
    hooks.onEvent(LeadErased.class, e -> {
      leadErased(e.lead());
      e.mergedIds().forEach(this::leadErased);
    });
    hooks.onEvent(LeadsMerged.class,
        e -> leadMerged(e.record().merged(), e.record().survivor()));
    refreshJourneys();
  }

  /**
   * Loads the journey versions other engines published to the definition store that are newer
   * than this engine's latest, if the store's revision changed since the last look. A stored
   * journey that cannot be read or is outside this engine's vocabulary is skipped with a
   * warning.
   */
  private void refreshJourneys() {
    DefinitionStore ds = definitionStore;
    LeadKit k = kit;
    if (ds == null || k == null) {
      return;
    }
    long revision = ds.revision();
    if (revision == seenRevision) {
      return;
    }
    for (StoredDefinition d : ds.all(DefinitionStore.JOURNEY)) {
      synchronized (definitions) {
        TreeMap<Integer, Journey> v = definitions.get(JourneyId.of(d.id()));
        if (v != null && !v.isEmpty() && v.lastKey() >= d.version()) {
          continue;
        }
      }
      loadStored(d, k).ifPresent(j -> LOG.debug("loaded journey {} version {} from the"
          + " definition store", j.id(), j.version()));
    }
    seenRevision = revision;
  }

  /** Reads a stored journey version and adds it to the local definitions. */
  private Optional<Journey> loadStored(StoredDefinition d, LeadKit k) {
    Journey j;
    try {
      j = JourneyJson.read(d.json());
      checkVocabulary(j, k.vocabulary());
    } catch (LeadkitException e) {
      LOG.warn("stored journey {} version {} is not loaded: {}", d.id(), d.version(),
          e.getMessage());
      return Optional.empty();
    }
    synchronized (definitions) {
      definitions.computeIfAbsent(j.id(), x -> new TreeMap<>()).putIfAbsent(j.version(), j);
    }
    return Optional.of(j);
  }

  /**
   * Refuses a journey that names a content stream not published on this engine ({@link
   * InvalidJourneyException}) or, when the segments plugin keeps the segments (it is installed
   * and no membership test was given to the builder), a segment it does not define ({@link
   * UnknownSegmentException}).
   */
  private void checkReferences(Journey j, LeadKit k) {
    String where = "journey \"" + j.id() + "\" version " + j.version();
    for (Step s : j.steps()) {
      if (s instanceof Step.Send send) {
        k.templates().check(send.template(), "in " + where + " step \"" + s.id() + "\"");
      }
      if (s instanceof Step.FromStream f && !streams.containsKey(f.stream())) {
        throw new InvalidJourneyException(where + " step \"" + f.id() + "\" uses content stream"
            + " \"" + f.stream() + "\", which is not published: publish the stream first");
      }
    }
    Optional<SegmentsPlugin> plugin = k.plugin(SegmentsPlugin.class);
    if (segments != null || plugin.isEmpty()) {
      return;
    }
    Set<SegmentId> known = new HashSet<>();
    plugin.get().definitions().forEach(d -> known.add(d.id()));
    Map<SegmentId, String> refs = new LinkedHashMap<>();
    for (Trigger t : j.triggers()) {
      if (t instanceof Trigger.SegmentEntered se) {
        refs.putIfAbsent(se.segment(), "trigger");
      } else if (t instanceof Trigger.ConditionMet c) {
        compiled(c.predicate()).dependencies().segments().forEach(s -> refs.putIfAbsent(s,
            "trigger"));
      } else if (t instanceof Trigger.LeadCreated lc && lc.where().isPresent()) {
        compiled(lc.where().get()).dependencies().segments().forEach(s -> refs.putIfAbsent(s,
            "trigger"));
      }
    }
    j.goal().ifPresent(g -> compiled(g).dependencies().segments()
        .forEach(s -> refs.putIfAbsent(s, "goal")));
    for (Step s : j.steps()) {
      if (s instanceof Step.Branch b) {
        compiled(b.condition()).dependencies().segments()
            .forEach(x -> refs.putIfAbsent(x, "step \"" + b.id() + "\""));
      }
    }
    for (Map.Entry<SegmentId, String> e : refs.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new UnknownSegmentException(e.getKey(), "referenced by " + where + " "
            + e.getValue());
      }
    }
  }

  private Optional<SegmentsPlugin> segmentsPlugin() {
    return kit().plugin(SegmentsPlugin.class);
  }

  private void applyListChange(ListId list, LeadId lead, boolean add) {
    if (listWriter != null) {
      listWriter.apply(list, lead, add);
      return;
    }
    segmentsPlugin().ifPresent(p -> {
      if (add) {
        p.lists().add(list, List.of(lead));
      } else {
        p.lists().remove(list, List.of(lead));
      }
    });
  }

  private boolean inList(LeadId lead, ListId list) {
    if (lists != null) {
      return lists.test(lead, list);
    }
    // listsOf, not contains: contains refuses a list without members, in which nobody is
    return segmentsPlugin().map(p -> p.lists().listsOf(lead).contains(list)).orElse(false);
  }

  private boolean inSegment(LeadId lead, SegmentId segment) {
    if (segments != null) {
      return segments.test(lead, segment);
    }
    // the store, not p.isMember: an undefined segment has no members (as in segment predicates)
    return segmentsPlugin().map(p -> p.membershipStore().isMember(segment, lead)).orElse(false);
  }

  private LeadKit kit() {
    LeadKit k = kit;
    if (k == null) {
      throw new LeadkitException("install the journey engine in a LeadKit before using it");
    }
    return k;
  }

  private SendGateway gateway() {
    kit();
    return Objects.requireNonNull(gateway);
  }

  private Instant now() {
    return kit().clock().instant();
  }

  // ------------------------------------------------------------------ definitions

  /**
   * Refuses a journey whose triggers, goal or steps name a touchpoint type, attribute key or
   * property key outside {@code vocabulary}.
   */
  private static void checkVocabulary(Journey j, Vocabulary vocabulary) {
    String where = "journey \"" + j.id() + "\" version " + j.version();
    for (Trigger t : j.triggers()) {
      if (t instanceof Trigger.TouchpointReceived r) {
        vocabulary.check(r.filter(), where + " trigger");
      } else if (t instanceof Trigger.ConditionMet c) {
        vocabulary.check(c.predicate(), where + " trigger");
      } else if (t instanceof Trigger.DateReached d) {
        vocabulary.check(d.date().attribute(), where + " trigger");
      } else if (t instanceof Trigger.LeadCreated lc && lc.where().isPresent()) {
        vocabulary.check(lc.where().get(), where + " trigger");
      }
    }
    j.goal().ifPresent(g -> vocabulary.check(g, where + " goal"));
    j.exhaustion().ifPresent(x -> vocabulary.check(x.response(), where + " exhaustion"));
    for (Step s : j.steps()) {
      String at = where + " step \"" + s.id() + "\"";
      if (s instanceof Step.WaitForEvent w) {
        vocabulary.check(w.filter(), at);
      } else if (s instanceof Step.Branch b) {
        vocabulary.check(b.condition(), at);
      } else if (s instanceof Step.WaitUntil u) {
        vocabulary.check(u.date().attribute(), at);
      }
    }
  }

  @Override
  public void publish(Journey journey) {
    Checks.named(journey, "journey");
    LeadKit installedIn = kit;
    if (installedIn != null) {
      checkVocabulary(journey, installedIn.vocabulary());
      checkReferences(journey, installedIn);
      refreshJourneys();
    }
    synchronized (definitions) {
      TreeMap<Integer, Journey> versions =
          definitions.computeIfAbsent(journey.id(), k -> new TreeMap<>());
      Journey existing = versions.get(journey.version());
      if (existing != null) {
        if (existing.equals(journey) || Definitions.sameContent(JourneyJson.write(existing),
            JourneyJson.write(journey))) {
          return;
        }
        throw new JourneyVersionConflictException("journey " + journey.id() + " version "
            + journey.version() + " is published with other content; publish version "
            + (versions.lastKey() + 1) + " instead");
      }
      if (!versions.isEmpty() && journey.version() < versions.lastKey()) {
        throw new JourneyVersionConflictException("journey " + journey.id() + " version "
            + journey.version() + " is older than the published version " + versions.lastKey());
      }
      DefinitionStore ds = definitionStore;
      if (installedIn != null && ds != null) {
        try {
          ds.publish(DefinitionStore.JOURNEY, journey.id().value(), journey.version(),
              JourneyJson.write(journey), installedIn.clock().instant());
        } catch (RuntimeException e) {
          if (versions.isEmpty()) {
            definitions.remove(journey.id());
          }
          throw e;
        }
      }
      versions.put(journey.version(), journey);
    }
    LOG.debug("published journey {} version {}", journey.id(), journey.version());
  }

  @Override
  public Optional<Journey> journey(JourneyId id) {
    Checks.named(id, "id");
    synchronized (definitions) {
      TreeMap<Integer, Journey> v = definitions.get(id);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.lastEntry().getValue());
    }
  }

  @Override
  public Optional<Journey> journey(JourneyId id, int version) {
    Checks.named(id, "id");
    synchronized (definitions) {
      TreeMap<Integer, Journey> v = definitions.get(id);
      if (v != null && v.containsKey(version)) {
        return Optional.of(v.get(version));
      }
    }
    // an older version another engine published, which live enrolments may still be on
    DefinitionStore ds = definitionStore;
    LeadKit k = kit;
    if (ds == null || k == null || version < 1) {
      return Optional.empty();
    }
    return ds.find(DefinitionStore.JOURNEY, id.value(), version).flatMap(d -> loadStored(d, k));
  }

  private List<Journey> latestJourneys() {
    synchronized (definitions) {
      List<Journey> out = new ArrayList<>();
      definitions.values().forEach(v -> out.add(v.lastEntry().getValue()));
      return out;
    }
  }

  private List<Journey> allVersions() {
    synchronized (definitions) {
      List<Journey> out = new ArrayList<>();
      definitions.values().forEach(v -> out.addAll(v.values()));
      return out;
    }
  }

  private Journey latest(JourneyId id) {
    if (journey(id).isEmpty()) {
      refreshJourneys(); // perhaps published by another engine since the last look
    }
    return journey(id).orElseThrow(() -> new UnknownJourneyException(id.value()));
  }

  @Override
  public void publishStream(ContentStream stream) {
    Checks.named(stream, "stream");
    LeadKit host = kit;
    if (host != null) {
      for (ContentPiece p : stream.pieces()) {
        host.templates().check(p.template(), "in content stream \"" + stream.id() + "\" piece \""
            + p.id() + "\"");
      }
    }
    streams.put(stream.id(), stream);
    if (kit == null) {
      return;
    }
    Instant now = now();
    Set<String> pieceIds = new LinkedHashSet<>();
    stream.pieces().forEach(p -> pieceIds.add(p.id()));
    for (Journey j : allVersions()) {
      for (Step s : j.steps()) {
        if (!(s instanceof Step.FromStream f) || !f.stream().equals(stream.id())) {
          continue;
        }
        forEachEnrolment(j.id(), e -> {
          if (e.version() == j.version() && e.status() == EnrolmentStatus.WAITING
              && e.step().equals(Optional.of(s.id()))
              && "true".equals(e.state().get(STATE_STREAM_EXHAUSTED))) {
            Set<String> sent = splitSet(e.state().get(STATE_STREAM_SENT));
            if (!sent.containsAll(pieceIds)) {
              Instant due = Optional.ofNullable(e.state().get(STATE_STREAM_NEXT))
                  .map(Instant::parse).filter(t -> t.isAfter(now)).orElse(now);
              store.update(e.due(Optional.of(due), now)).ifPresent(this::syncTimer);
            }
          }
        });
      }
    }
  }

  private void forEachEnrolment(JourneyId journey, Consumer<Enrolment> action) {
    EnrolmentId after = null;
    while (true) {
      List<Enrolment> page = store.page(journey, after, 500);
      page.forEach(action);
      if (page.size() < 500) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  @Override
  public Migration.Report migrate(Migration m) {
    Checks.named(m, "migration");
    Journey from = journey(m.journey(), m.fromVersion()).orElseThrow(
        () -> new UnknownJourneyException(m.journey() + " version " + m.fromVersion()));
    Journey to = journey(m.journey(), m.toVersion()).orElseThrow(
        () -> new UnknownJourneyException(m.journey() + " version " + m.toVersion()));
    m.steps().forEach((a, b) -> {
      if (from.step(a).isEmpty() || to.step(b).isEmpty()) {
        throw new InvalidJourneyException("migration maps " + a + " -> " + b
            + " but a step is missing in version " + (from.step(a).isEmpty()
                ? m.fromVersion() : m.toVersion()));
      }
    });
    Instant now = now();
    int[] moved = new int[3];
    forEachEnrolment(m.journey(), e -> {
      if (!e.isLive() || e.version() != m.fromVersion()) {
        return;
      }
      if (e.leasedAt(now) || busy(e, now)) {
        moved[2]++;
        return;
      }
      Optional<StepId> target;
      if (e.status() == EnrolmentStatus.SCHEDULED) {
        target = Optional.empty();
      } else {
        StepId mapped = m.steps().get(e.step().orElseThrow());
        if (mapped == null) {
          moved[1]++;
          return;
        }
        target = Optional.of(mapped);
      }
      Optional<Enrolment> migrated = store.update(e.migrated(m.toVersion(), target, now));
      if (migrated.isPresent()) {
        syncTimer(migrated.get());
        moved[0]++;
      } else {
        moved[2]++;
      }
    });
    LOG.info("migrated journey {} v{} -> v{}: {} moved, {} kept, {} busy", m.journey(),
        m.fromVersion(), m.toVersion(), moved[0], moved[1], moved[2]);
    return new Migration.Report(moved[0], moved[1], moved[2]);
  }

  // ------------------------------------------------------------------ enrolment

  @Override
  public EnrolResult enrol(JourneyId journey, LeadId lead, String source) {
    Checks.named(journey, "journey");
    Checks.named(lead, "lead");
    Checks.named(source, "source");
    Journey j = latest(journey);
    // one unit of work: the enrolment, its first steps and its timer commit together
    return kit().inTransaction(() -> enrolIn(j, lead, source, null, true));
  }

  @Override
  public EnrolResult enrolByRep(JourneyId journey, LeadId lead, OwnerId rep) {
    Checks.named(journey, "journey");
    Checks.named(lead, "lead");
    Checks.named(rep, "rep");
    Journey j = latest(journey);
    return kit().inTransaction(() -> enrolIn(j, lead, "manual:" + rep.value(), null, true));
  }

  @Override
  public List<EnrolResult> enrolAll(JourneyId journey, Collection<LeadId> leads, String source) {
    Checks.named(journey, "journey");
    Checks.named(leads, "leads");
    Checks.named(source, "source");
    Journey j = latest(journey);
    List<LeadId> all = new ArrayList<>(leads);
    List<EnrolResult> out = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i += BULK_BATCH) {
      List<LeadId> batch = all.subList(i, Math.min(all.size(), i + BULK_BATCH));
      out.addAll(kit().inTransaction(() -> enrolBatch(j, batch, source)));
    }
    return out;
  }

  @Override
  public int enrolSegment(JourneyId journey, SegmentId segment) {
    Checks.named(journey, "journey");
    Checks.named(segment, "segment");
    SegmentsPlugin plugin = segmentsPlugin().orElseThrow(() -> new UnknownJourneyException(
        "segment " + segment + ": no segments plugin is installed"));
    Journey j = latest(journey);
    if (plugin.definition(segment).isEmpty()) {
      throw new UnknownSegmentException(segment, "");
    }
    String source = "segment:" + segment.value();
    OptionalLong setBased = enrolSetBased(plugin, j, segment, source);
    if (setBased.isPresent()) {
      return Math.toIntExact(setBased.getAsLong());
    }
    int n = 0;
    LeadId after = null;
    while (true) {
      List<LeadId> page = plugin.members(segment, after, BULK_BATCH);
      for (EnrolResult r : enrolBatch(j, page, source)) {
        n += r.accepted() ? 1 : 0;
      }
      if (page.size() < BULK_BATCH) {
        return n;
      }
      after = page.get(page.size() - 1);
    }
  }

  /**
   * The set-based path of {@link #enrolSegment}: taken when the enrolment store offers
   * {@link SetBasedEnrolment} and supports the request (membership, leads and, for a goal on
   * behaviour, touchpoints in its database; the goal exactly expressible there), and the goal
   * reads no static list or segment membership (those the engine reads through the host's
   * {@code listMembership}/{@code segmentMembership} or the segments plugin, in Java). Counters
   * and {@link EnrolmentStarted} events are the paged path's: one event per enrolment, the
   * "enrolled" counter raised by each committed chunk's size. Empty if not taken.
   */
  private OptionalLong enrolSetBased(SegmentsPlugin plugin, Journey j, SegmentId segment,
      String source) {
    if (!(store instanceof SetBasedEnrolment setBased)) {
      return OptionalLong.empty();
    }
    if (j.goal().isPresent()) {
      PredicateDependencies d = compiled(j.goal().get()).dependencies();
      if (!d.lists().isEmpty() || !d.segments().isEmpty()) {
        return OptionalLong.empty();
      }
    }
    Instant now = now();
    SetBasedEnrolment.Request request = new SetBasedEnrolment.Request(j, segment, source, now,
        plugin.membershipStore(), kit().stores().leadStore(), kit().touchpointLog());
    if (!setBased.supports(request)) {
      LOG.debug("enrolling segment {} into {} page by page: the store cannot do it in one "
          + "database", segment, j.id());
      return OptionalLong.empty();
    }
    CounterKey enrolled = CounterKey.of(j.id().value(), "enrolled");
    long n = setBased.enrolSegment(request, chunk -> {
      counters.add(Map.of(enrolled, (long) chunk.size()));
      for (Enrolment e : chunk) {
        kit().events().publish(new EnrolmentStarted(e, now));
      }
    });
    LOG.debug("enrolled {} members of segment {} into {} set-based", n, segment, j.id());
    return OptionalLong.of(n);
  }

  /** One batch of a bulk enrolment: two reads and one batch insert; starts at the next runDue. */
  private List<EnrolResult> enrolBatch(Journey j, List<LeadId> batch, String source) {
    Instant now = now();
    Map<LeadId, Lead> found = kit().leadStore().findAllById(batch);
    Map<LeadId, List<Enrolment>> previous = store.findByLeads(j.id(), batch);
    Map<LeadId, EnrolResult> refused = new HashMap<>();
    Map<LeadId, Enrolment> fresh = new LinkedHashMap<>();
    for (LeadId id : batch) {
      Lead lead = found.get(id);
      List<Enrolment> mine = previous.getOrDefault(id, List.of());
      Optional<Enrolment> live = mine.stream().filter(Enrolment::isLive).findFirst();
      if (lead == null) {
        refused.put(id, new EnrolResult(EnrolResult.Outcome.UNKNOWN_LEAD, Optional.empty()));
      } else if (unsubscribed(lead)) {
        refused.put(id, new EnrolResult(EnrolResult.Outcome.UNSUBSCRIBED, Optional.empty()));
      } else if (j.goal().isPresent() && test(j.goal().get(), lead, now)) {
        refused.put(id, new EnrolResult(EnrolResult.Outcome.GOAL_ALREADY_MET,
            Optional.empty()));
      } else if (live.isPresent()) {
        refused.put(id, new EnrolResult(EnrolResult.Outcome.ALREADY_ENROLLED, live));
      } else if (reEntryRefused(j, mine, now)) {
        refused.put(id, new EnrolResult(EnrolResult.Outcome.RE_ENTRY_REFUSED, Optional.empty()));
      } else if (!fresh.containsKey(id)) {
        int seq = mine.stream().mapToInt(Enrolment::sequence).max().orElse(0) + 1;
        fresh.put(id, Enrolment.start(j, id, seq, source, now));
      }
    }
    Map<LeadId, Enrolment> stored = new HashMap<>();
    List<Timer> due = new ArrayList<>();
    fresh.values().forEach(e -> e.dueAt().ifPresent(at -> due.add(timerOf(e, at))));
    timerFirst(due);
    List<Timer> inserted = new ArrayList<>();
    for (Enrolment e : store.insertAll(new ArrayList<>(fresh.values()))) {
      stored.put(e.lead(), e);
      started(e, now);
      e.dueAt().ifPresent(at -> inserted.add(timerOf(e, at)));
    }
    if (kit().stores().durable()) {
      timers.scheduleAll(inserted);
    }
    List<EnrolResult> out = new ArrayList<>(batch.size());
    for (LeadId id : batch) {
      Enrolment e = stored.get(id);
      if (e != null) {
        out.add(new EnrolResult(EnrolResult.Outcome.ENROLLED, Optional.of(e)));
      } else if (refused.containsKey(id)) {
        out.add(refused.get(id));
      } else {
        out.add(new EnrolResult(EnrolResult.Outcome.ALREADY_ENROLLED,
            store.findLive(j.id(), id)));
      }
    }
    return out;
  }

  @Override
  public List<EnrolResult> segmentEntered(SegmentId segment, LeadId lead) {
    Checks.named(segment, "segment");
    Checks.named(lead, "lead");
    List<EnrolResult> out = new ArrayList<>();
    for (Journey j : latestJourneys()) {
      for (Trigger t : j.triggers()) {
        if (t instanceof Trigger.SegmentEntered s && s.segment().equals(segment)) {
          out.add(enrolIn(j, lead, "segment:" + segment.value(), null, true));
          break;
        }
      }
    }
    return out;
  }

  private static boolean unsubscribed(Lead lead) {
    return lead.consent(Channel.EMAIL).map(c -> c.status() == ConsentStatus.UNSUBSCRIBED)
        .orElse(false);
  }

  private boolean reEntryRefused(Journey j, List<Enrolment> previous, Instant now) {
    Optional<Instant> lastExit = previous.stream().flatMap(e -> e.exitedAt().stream())
        .max(Instant::compareTo);
    if (lastExit.isEmpty()) {
      return false;
    }
    return switch (j.reEntry().kind()) {
      case NEVER -> true;
      case ALWAYS -> false;
      case AFTER_COOL_DOWN -> lastExit.get().plus(j.reEntry().coolDown().orElseThrow())
          .isAfter(now);
    };
  }

  private EnrolResult enrolIn(Journey j, LeadId leadId, String source,
      @Nullable Touchpoint trigger, boolean runNow) {
    Instant now = now();
    Optional<Lead> lead = kit().lead(leadId);
    if (lead.isEmpty()) {
      return new EnrolResult(EnrolResult.Outcome.UNKNOWN_LEAD, Optional.empty());
    }
    if (unsubscribed(lead.get())) {
      return new EnrolResult(EnrolResult.Outcome.UNSUBSCRIBED, Optional.empty());
    }
    if (j.goal().isPresent() && test(j.goal().get(), lead.get(), now)) {
      return new EnrolResult(EnrolResult.Outcome.GOAL_ALREADY_MET, Optional.empty());
    }
    List<Enrolment> mine = store.findByLead(leadId).stream()
        .filter(e -> e.journey().equals(j.id())).toList();
    Optional<Enrolment> live = mine.stream().filter(Enrolment::isLive).findFirst();
    if (live.isPresent()) {
      return new EnrolResult(EnrolResult.Outcome.ALREADY_ENROLLED, live);
    }
    if (reEntryRefused(j, mine, now)) {
      return new EnrolResult(EnrolResult.Outcome.RE_ENTRY_REFUSED, Optional.empty());
    }
    int seq = mine.stream().mapToInt(Enrolment::sequence).max().orElse(0) + 1;
    Enrolment e = Enrolment.start(j, leadId, seq, source, now);
    if (trigger != null) {
      e = e.withState(STATE_TRIGGER, trigger.id().value());
    }
    timerFirst(List.of(timerOf(e, runNow ? now.plus(lease) : e.dueAt().orElse(now))));
    Optional<Enrolment> stored = store.insert(e);
    if (stored.isEmpty()) {
      return new EnrolResult(EnrolResult.Outcome.ALREADY_ENROLLED, store.findLive(j.id(), leadId));
    }
    started(stored.get(), now);
    if (runNow) {
      runNow(stored.get(), now);
    } else {
      syncTimer(stored.get());
    }
    return new EnrolResult(EnrolResult.Outcome.ENROLLED,
        Optional.of(store.find(stored.get().id()).orElse(stored.get())));
  }

  private EnrolResult scheduleIn(Journey j, Lead lead, Instant at, String source) {
    Instant now = now();
    if (unsubscribed(lead)) {
      return new EnrolResult(EnrolResult.Outcome.UNSUBSCRIBED, Optional.empty());
    }
    List<Enrolment> mine = store.findByLead(lead.id()).stream()
        .filter(e -> e.journey().equals(j.id())).toList();
    Optional<Enrolment> live = mine.stream().filter(Enrolment::isLive).findFirst();
    if (live.isPresent()) {
      Enrolment l = live.get();
      if (l.status() == EnrolmentStatus.SCHEDULED && !l.dueAt().equals(Optional.of(at))
          && !l.leasedAt(now) && !busy(l, now)) {
        Optional<Enrolment> moved = store.update(l.due(Optional.of(at), now));
        moved.ifPresent(this::syncTimer);
        return new EnrolResult(EnrolResult.Outcome.SCHEDULED, moved);
      }
      return new EnrolResult(l.status() == EnrolmentStatus.SCHEDULED
          ? EnrolResult.Outcome.SCHEDULED : EnrolResult.Outcome.ALREADY_ENROLLED, live);
    }
    if (reEntryRefused(j, mine, now)) {
      return new EnrolResult(EnrolResult.Outcome.RE_ENTRY_REFUSED, Optional.empty());
    }
    int seq = mine.stream().mapToInt(Enrolment::sequence).max().orElse(0) + 1;
    Enrolment scheduled = Enrolment.schedule(j, lead.id(), seq, source, at, now);
    timerFirst(List.of(timerOf(scheduled, at)));
    Optional<Enrolment> stored = store.insert(scheduled);
    stored.ifPresent(this::syncTimer);
    return stored.isPresent()
        ? new EnrolResult(EnrolResult.Outcome.SCHEDULED, stored)
        : new EnrolResult(EnrolResult.Outcome.ALREADY_ENROLLED, store.findLive(j.id(), lead.id()));
  }

  @Override
  public int scheduleDateTriggers() {
    int n = 0;
    Instant now = now();
    List<Journey> dated = latestJourneys().stream().filter(j -> j.triggers().stream()
        .anyMatch(t -> t instanceof Trigger.DateReached)).toList();
    if (dated.isEmpty()) {
      return 0;
    }
    LeadId after = null;
    while (true) {
      List<Lead> page = kit().leadStore().page(after, 500);
      for (Lead l : page) {
        for (Journey j : dated) {
          for (Trigger t : j.triggers()) {
            if (t instanceof Trigger.DateReached d) {
              Optional<Instant> at = d.date().resolve(l, gateway().zoneOf(l));
              if (at.isPresent() && at.get().isAfter(now)
                  && scheduleIn(j, l, at.get(), "date").outcome()
                      == EnrolResult.Outcome.SCHEDULED) {
                n++;
              } else if (at.isPresent() && lateButValid(d, l, now)
                  && enrolIn(j, l.id(), "date:late", null, true).accepted()) {
                n++;
              }
            }
          }
        }
      }
      if (page.size() < 500) {
        return n;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /**
   * A date trigger whose time has passed but whose attribute date has not (a lead that
   * arrives 70 days before its renewal): it enters at once rather than never.
   */
  private boolean lateButValid(Trigger.DateReached d, Lead lead, Instant now) {
    Optional<Instant> at = d.date().resolve(lead, gateway().zoneOf(lead));
    if (at.isEmpty() || at.get().isAfter(now) || d.date().offsetDays() >= 0) {
      return false;
    }
    DateExpression base = new DateExpression(d.date().attribute(), 0, d.date().timeOfDay());
    return base.resolve(lead, gateway().zoneOf(lead)).map(t -> t.isAfter(now)).orElse(false);
  }

  @Override
  public boolean exit(JourneyId journey, LeadId lead, ExitReason reason) {
    Checks.named(journey, "journey");
    Checks.named(lead, "lead");
    Checks.named(reason, "reason");
    latest(journey);
    Optional<Enrolment> live = store.findLive(journey, lead);
    return live.isPresent()
        && kit().inTransaction(() -> exitOutside(live.get(), reason));
  }

  @Override
  public int leadErased(LeadId lead) {
    Checks.named(lead, "lead");
    return exitAll(lead, ExitReason.ERASED);
  }

  @Override
  public int leadMerged(LeadId mergedAway, LeadId into) {
    Checks.named(mergedAway, "mergedAway");
    Checks.named(into, "into");
    return exitAll(mergedAway, ExitReason.MERGED);
  }

  private int exitAll(LeadId lead, ExitReason reason) {
    int n = 0;
    for (Enrolment e : store.findByLead(lead)) {
      if (e.isLive() && exitOutside(e, reason)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public List<Enrolment> enrolments(LeadId lead) {
    Checks.named(lead, "lead");
    return store.findByLead(lead);
  }

  // ------------------------------------------------------------------ reactions

  /**
   * Reacts to one input of one lead: enrols it in the journeys of the segments it entered in
   * this input (the segments decider ran before), then reacts to the lead's change (goals,
   * condition and date triggers), then to the touchpoint (wake-ups, touchpoint and condition
   * triggers).
   */
  private void decide(LeadState st) {
    for (LeadkitEvent e : st.emitted()) {
      if (e instanceof SegmentEntered entered) {
        segmentEntered(entered.segment(), entered.lead());
      }
    }
    if (st.leadChanged()) {
      onLeadChange(st.before(), st.lead());
    }
    st.touchpoint().ifPresent(this::onTouchpoint);
  }

  private void onTouchpoint(Touchpoint tp) {
    if (tp.lead().isEmpty()) {
      return;
    }
    LeadId lead = tp.lead().get();
    Instant now = now();
    if (tp.type().equals(TouchpointType.EMAIL_OPENED)
        || tp.type().equals(TouchpointType.EMAIL_CLICKED)) {
      tp.property(PropertyKey.MESSAGE_KEY).flatMap(k -> {
        try {
          return sendLog.find(MessageKey.of(k));
        } catch (LeadkitException bad) {
          return Optional.empty();
        }
      }).ifPresent(r -> {
        String metric = tp.type().equals(TouchpointType.EMAIL_OPENED) ? "opened" : "clicked";
        counters.add(Map.of(CounterKey.of(r.journey(), metric), 1L,
            CounterKey.of(r.journey(), r.step(), metric), 1L));
      });
    }
    // wake enrolments that were waiting for this touchpoint before it arrived
    for (Enrolment e : store.findByLead(lead)) {
      if (e.status() != EnrolmentStatus.WAITING || e.step().isEmpty()
          || tp.id().value().equals(e.state().get(STATE_TRIGGER))) {
        continue;
      }
      Optional<Step> s = journey(e.journey(), e.version()).flatMap(j -> j.step(e.step().get()));
      if (s.isPresent() && s.get() instanceof Step.WaitForEvent w && w.filter().matches(tp)) {
        wake(e, now);
      }
    }
    // then enrol on touchpoint triggers, and on conditions this touchpoint may have met
    Lead current = null;
    for (Journey j : latestJourneys()) {
      for (Trigger t : j.triggers()) {
        if (t instanceof Trigger.ConditionMet c
            && compiled(c.predicate()).dependencies().readsTouchpoints(tp.type())
            && !OWN_TYPES.contains(tp.type())) {
          current = current != null ? current : kit().lead(lead).orElse(null);
          if (current != null && test(c.predicate(), current, now)) {
            enrolIn(j, lead, "condition", tp, true);
            break;
          }
        }
        if (t instanceof Trigger.TouchpointReceived r && r.filter().matches(tp)
            && !(r.filter().anyType() && OWN_TYPES.contains(tp.type()))) {
          enrolIn(j, lead, "touchpoint:" + tp.type().name(), tp, true);
          break;
        }
      }
    }
  }

  private void onLeadChange(@Nullable Lead before, Lead after) {
    Instant now = now();
    List<Enrolment> live = store.findByLead(after.id()).stream().filter(Enrolment::isLive)
        .toList();
    if (unsubscribed(after)) {
      if (before == null || !unsubscribed(before)) {
        live.forEach(e -> exitOutside(e, ExitReason.UNSUBSCRIBED));
      }
      return;
    }
    for (Enrolment e : live) {
      Optional<Journey> j = journey(e.journey(), e.version());
      if (j.isPresent() && j.get().goal().isPresent() && test(j.get().goal().get(), after, now)) {
        exitOutside(e, ExitReason.GOAL);
      }
    }
    for (Journey j : latestJourneys()) {
      for (Trigger t : j.triggers()) {
        if (t instanceof Trigger.LeadCreated lc && before == null
            && (lc.where().isEmpty() || test(lc.where().get(), after, now))) {
          enrolIn(j, after.id(), "created", null, true);
          break;
        }
        if (t instanceof Trigger.ConditionMet c && test(c.predicate(), after, now)
            && (before == null || levelTriggered(c.predicate())
                || !test(c.predicate(), before, now))) {
          enrolIn(j, after.id(), "condition", null, true);
          break;
        }
        if (t instanceof Trigger.DateReached d) {
          Optional<Instant> at = d.date().resolve(after, gateway().zoneOf(after));
          Optional<Instant> was = before == null ? Optional.empty()
              : d.date().resolve(before, gateway().zoneOf(before));
          if (at.isPresent() && !at.equals(was) && at.get().isAfter(now)) {
            scheduleIn(j, after, at.get(), "date");
          } else if (at.isPresent() && !at.equals(was) && lateButValid(d, after, now)) {
            enrolIn(j, after.id(), "date:late", null, true);
          } else if (at.isEmpty() && was.isPresent()) {
            // the date was removed: a scheduled start no longer has a reason
            store.findLive(j.id(), after.id())
                .filter(e -> e.status() == EnrolmentStatus.SCHEDULED)
                .ifPresent(e -> exitOutside(e, ExitReason.DATE_MISSING));
          }
        }
      }
    }
  }

  private void onMessageSent(MessageSent sent) {
    OutboundMessage m = sent.message();
    String journey = m.data().get(SendGateway.DATA_JOURNEY);
    if (journey == null) {
      return;
    }
    String step = m.data().getOrDefault(SendGateway.DATA_STEP, "");
    TouchpointType type = m.channel().equals(Channel.EMAIL)
        ? TouchpointType.EMAIL_SENT : MESSAGE_SENT;
    Touchpoint tp = Touchpoint.forLead(m.lead(), type, sent.at())
        .id(Keys.stable("sent:" + m.key().value(), 128, "sent:"))
        .channel(m.channel())
        .property(PropertyKey.JOURNEY, journey)
        .property(PropertyKey.STEP, step)
        .property(PropertyKey.TEMPLATE, m.template())
        .property(PropertyKey.MESSAGE_KEY, m.key().value())
        .build();
    try {
      if (kit().track(tp).recorded()) {
        counters.add(Map.of(CounterKey.of(journey, "sent"), 1L,
            CounterKey.of(journey, step, "sent"), 1L));
      }
    } catch (UnknownLeadException gone) {
      LOG.debug("lead {} is gone; no sent touchpoint for {}", m.lead(), m.key());
    }
  }

  // ------------------------------------------------------------------ time-driven work

  @Override
  public int runDue(Instant now) {
    Checks.named(now, "now");
    return runDueWithin(now, items -> true);
  }

  private int runDueWithin(Instant now, Hooks.DueBudget budget) {
    kit();
    int n = 0;
    for (int round = 0; round < 100_000; round++) {
      // each claim takes its lease from the clock at the moment of the claim: a long run must
      // not hand out leases that are already (nearly) expired
      Instant at = now();
      if (at.isBefore(now)) {
        at = now;
      }
      List<Timer> batch = claimWithRetry(at);
      if (!batch.isEmpty()) {
        fireBatch(batch, at);
        n += batch.size();
        if (!budget.batchDone(batch.size())) {
          break;
        }
      }
      if (batch.size() < batchSize) {
        break;
      }
    }
    List<Enrolment> overdue = store.findOverdue(now.minus(stuckAfter), 1);
    if (!overdue.isEmpty()) {
      LOG.warn("journey enrolments are stuck (e.g. {}, ready since {}); see Journeys.stuck()",
          overdue.get(0).id(), overdue.get(0).readyAt().orElse(null));
    }
    return n;
  }

  /** A claim; a transient failure (the database lost a race) is retried a few times. */
  private List<Timer> claimWithRetry(Instant at) {
    for (int attempt = 1; ; attempt++) {
      try {
        return timers.claimDue(at, batchSize, lease, holder);
      } catch (TransactionConflictException e) {
        if (attempt >= CLAIM_ATTEMPTS) {
          throw e;
        }
        LOG.debug("claiming due timers lost a race (attempt {}); trying again", attempt, e);
      }
    }
  }

  /**
   * Fires a claimed batch as one unit of work: the steps, their messages, bookkeeping
   * touchpoints, counters, the enrolment writes and the timers' completion commit together or
   * not at all. A unit that lost a race is run again at once from a fresh read; a batch that
   * fails otherwise is rolled back and its timers run one by one, each in its own unit, so that
   * one failing step does not hold back the others; a timer that fails alone is released with a
   * back-off rather than left leased.
   */
  private void fireBatch(List<Timer> batch, Instant at) {
    try {
      fireInUnit(batch, at);
      return;
    } catch (RuntimeException ex) {
      if (batch.size() == 1) {
        releaseFailed(batch.get(0), at, ex);
        return;
      }
      LOG.warn("a batch of {} due journey timers failed{}; running them one by one",
          batch.size(), kit().stores().durable() ? " and was rolled back" : "", ex);
    }
    for (Timer t : batch) {
      try {
        fireInUnit(List.of(t), at);
      } catch (RuntimeException one) {
        releaseFailed(t, at, one);
      }
    }
  }

  private void fireInUnit(List<Timer> batch, Instant at) {
    for (int attempt = 1; ; attempt++) {
      try {
        kit().inTransaction(() -> {
          fire(batch, at);
          return null;
        });
        List<Instant> dues = new ArrayList<>(batch.size());
        for (Timer t : batch) {
          if (t.kind().equals(TIMER_KIND)) {
            dues.add(t.due());
          }
        }
        kit().timersFired(TIMER_KIND, dues, at);
        return;
      } catch (TransactionConflictException e) {
        if (attempt >= CLAIM_ATTEMPTS || !kit().stores().durable()) {
          throw e;
        }
        LOG.debug("a unit of {} due journey timers lost a race (attempt {}); running it again",
            batch.size(), attempt, e);
      }
    }
  }

  /**
   * On stores that cannot roll back (in memory), a new enrolment's timer is written before the
   * enrolment, so that a crash between the two leaves a timer without an enrolment (which fires
   * and finds nothing) rather than due work without a timer. A unit of work on durable stores
   * writes both atomically, so there the timer is written once, after.
   */
  private void timerFirst(List<Timer> guards) {
    if (!guards.isEmpty() && !kit().stores().durable()) {
      timers.scheduleAll(guards);
    }
  }

  /** True if a due worker holds {@code e}'s timer under a lease running at {@code now}. */
  private boolean busy(Enrolment e, Instant now) {
    return timers.find(TIMER_KIND, e.id().value())
        .flatMap(Timer::lease).map(l -> l.until().isAfter(now)).orElse(false);
  }

  /** Puts a timer whose firing failed back for a retry later, the later the more it failed. */
  private void releaseFailed(Timer t, Instant at, RuntimeException cause) {
    Duration backoff = RETRY_BASE.multipliedBy(1L << Math.min(t.attempts(), 12));
    Instant retryAt = at.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    LOG.error("due journey timer {} failed (attempt {}); retried at {}", t.id(),
        t.attempts() + 1, retryAt, cause);
    try {
      if (!timers.release(t, t.token(), retryAt)) {
        LOG.info("timer {} was taken over or changed meanwhile; not released", t.id());
      }
    } catch (RuntimeException again) {
      LOG.error("releasing timer {} failed; it is retried when its lease ends", t.id(), again);
    }
  }

  /**
   * Fires a claimed batch (inside a unit of work): loads the enrolments and their leads once,
   * runs each due enrolment, then writes the enrolments that changed, the counters, and
   * completes or moves the timers, conditionally on the claim's token.
   */
  private void fire(List<Timer> batch, Instant at) {
    String token = batch.get(0).token();
    List<EnrolmentId> ids = new ArrayList<>(batch.size());
    List<Timer> foreign = new ArrayList<>();
    for (Timer t : batch) {
      if (t.kind().equals(TIMER_KIND)) {
        ids.add(new EnrolmentId(t.key()));
      } else {
        foreign.add(t);
      }
    }
    Map<EnrolmentId, Enrolment> loaded = store.findAll(ids);
    BatchWrites writes = new BatchWrites(kit().leadStore().findAllById(loaded.values().stream()
        .filter(Enrolment::isLive).map(Enrolment::lead).distinct().toList()));
    for (Timer t : batch) {
      if (!t.kind().equals(TIMER_KIND)) {
        continue;
      }
      Enrolment e = loaded.get(new EnrolmentId(t.key()));
      if (e == null || !e.isLive() || e.dueAt().isEmpty() || e.dueAt().get().isAfter(at)) {
        // gone, exited, waiting only for an event, or due later: the timer follows the enrolment
        continue;
      }
      process(e, at, writes);
    }
    flush(writes);
    List<Timer> done = new ArrayList<>();
    List<Timer> moved = new ArrayList<>();
    for (Timer t : batch) {
      if (!t.kind().equals(TIMER_KIND)) {
        continue;
      }
      EnrolmentId id = new EnrolmentId(t.key());
      Enrolment last = writes.last.containsKey(id) ? writes.last.get(id) : loaded.get(id);
      Optional<Instant> due = last == null || !last.isLive() ? Optional.empty() : last.dueAt();
      if (due.isPresent()) {
        moved.add(t.movedTo(due.get(), t.payload()));
      } else {
        done.add(t);
      }
    }
    int held = (done.isEmpty() ? 0 : timers.completeAll(done, token).size())
        + (moved.isEmpty() ? 0 : timers.reschedule(moved, token).size());
    if (held < done.size() + moved.size()) {
      // someone took a timer over (our lease ran out) or a wake-up moved it: its step is theirs
      throw new TransactionConflictException("completing " + (done.size() + moved.size())
          + " due journey timers: " + (done.size() + moved.size() - held) + " are no longer"
          + " held under this claim", new IllegalStateException("timer lease lost"));
    }
    for (Timer t : foreign) {
      LOG.warn("timer {} is of a kind the journey engine does not fire; released", t.id());
      timers.release(t, token, at.plus(lease));
    }
  }

  @Override
  public List<StuckEnrolment> stuck(Duration olderThan) {
    Checks.named(olderThan, "olderThan");
    Instant now = now();
    List<StuckEnrolment> out = new ArrayList<>();
    for (Enrolment e : store.findOverdue(now.minus(olderThan), 10_000)) {
      String why;
      Optional<Timer> t = timers.find(TIMER_KIND, e.id().value());
      if (journey(e.journey(), e.version()).isEmpty()) {
        why = "journey " + e.journey() + " version " + e.version() + " is not published";
      } else if (t.isPresent() && t.get().lease().isPresent()) {
        why = "lease expired at " + t.get().lease().get().until();
      } else if (t.isPresent() && t.get().attempts() > 0) {
        why = "failed " + t.get().attempts() + " times; retried at " + t.get().due();
      } else if (e.leaseUntil().isPresent()) {
        why = "lease expired at " + e.leaseUntil().get();
      } else {
        why = "due since " + e.dueAt().orElseThrow();
      }
      out.add(new StuckEnrolment(e, why));
    }
    return out;
  }

  @Override
  public SendDecision send(ManualMessage message) {
    Checks.named(message, "message");
    kit().templates().check(message.template(), "in a manual message");
    Lead lead = kit().require(message.lead());
    MessageKey key = MessageKey.of(Keys.stable("manual:" + lead.id().value() + ":"
        + message.label(), 200, "manual:"));
    return gateway().decide(lead, message.channel(), message.template(), message.sender(),
        message.operational(), key, "manual", message.label(), now());
  }

  // ------------------------------------------------------------------ processing

  /** What executing one step produced. */
  private sealed interface Result {}

  private record Next(Enrolment enrolment, Optional<StepId> next, Instant enteredAt,
      String outcome, boolean leadChanged) implements Result {}

  private record Sleep(Enrolment enrolment, Optional<Instant> until) implements Result {}

  private record Leave(Enrolment enrolment, ExitReason reason, Optional<JourneyId> moveTo,
      String outcome) implements Result {}

  /**
   * What the due loop writes once per claimed batch rather than once per enrolment: the step
   * counters (summed) and the enrolments that went to sleep. The leads of the batch are read
   * once, up front; a step that changes its lead drops it from here, so later enrolments of the
   * same lead read it again. {@code last} is each processed enrolment's latest state (stored or
   * pending), from which its timer is set.
   */
  private static final class BatchWrites {
    final Map<LeadId, Lead> leads;
    final Map<CounterKey, Long> counters = new HashMap<>();
    final List<Enrolment> sleeping = new ArrayList<>();
    final Map<EnrolmentId, Enrolment> last = new HashMap<>();

    BatchWrites(Map<LeadId, Lead> leads) {
      this.leads = new HashMap<>(leads);
    }

    void sleep(Enrolment e) {
      sleeping.add(e);
      last.put(e.id(), e);
    }
  }

  /**
   * Writes the enrolments that went to sleep (compare-and-set on their revision, in one
   * statement where the store can) and the batch's step counters. Inside the caller's unit of
   * work, so they commit with the steps.
   */
  private void flush(BatchWrites writes) {
    if (!writes.sleeping.isEmpty()) {
      List<Enrolment> stored = store.updateAll(writes.sleeping);
      if (stored.size() < writes.sleeping.size()) {
        Set<EnrolmentId> ok = new HashSet<>();
        stored.forEach(e -> ok.add(e.id()));
        for (Enrolment e : writes.sleeping) {
          if (!ok.contains(e.id())) {
            changedMeanwhile(e, writes);
          }
        }
      }
      stored.forEach(e -> writes.last.put(e.id(), e));
    }
    if (!writes.counters.isEmpty()) {
      counters.add(writes.counters);
    }
  }

  /**
   * An enrolment write lost to a concurrent change (another engine, a wake-up, an exit). On
   * durable stores the unit of work is rolled back and run again from a fresh read; in memory,
   * where nothing can be rolled back, this run stops here and its timer follows the enrolment's
   * fresh state.
   */
  private void changedMeanwhile(Enrolment e, BatchWrites writes) {
    if (kit().stores().durable()) {
      throw new TransactionConflictException("writing enrolment " + e.id() + " (revision "
          + e.revision() + ")", new IllegalStateException("the enrolment was changed meanwhile"));
    }
    LOG.info("enrolment {} was changed by someone else; stopping here", e.id());
    store.find(e.id()).ifPresentOrElse(fresh -> writes.last.put(e.id(), fresh),
        () -> writes.last.remove(e.id()));
  }

  /** Steps without effects outside the enrolment: no need to store it before the next one. */
  private static boolean internal(Step step) {
    return step instanceof Step.Wait || step instanceof Step.WaitUntil
        || step instanceof Step.WaitForEvent || step instanceof Step.Branch;
  }

  /** The timer that stands for {@code e}'s due time. */
  private static Timer timerOf(Enrolment e, Instant due) {
    return Timer.of(TIMER_KIND, e.id().value(), e.lead(), due, "");
  }

  /**
   * Makes {@code e}'s timer match its stored state: scheduled at its due time while it is live
   * and due at some time, else cancelled. Called after every enrolment write outside the due
   * loop, in the same unit of work.
   */
  private void syncTimer(Enrolment e) {
    if (e.isLive() && e.dueAt().isPresent()) {
      timers.schedule(timerOf(e, e.dueAt().get()));
    } else {
      timers.cancel(TIMER_KIND, e.id().value());
    }
  }

  /**
   * Runs an enrolment at once, outside the due loop (just enrolled, or woken by a touchpoint),
   * and sets its timer from where it ended. If it fails, its timer is set to retry after the
   * lease (in memory, where nothing is rolled back; on a database the unit of work rolls it
   * back with everything else) and the failure propagates.
   */
  private void runNow(Enrolment e, Instant now) {
    BatchWrites writes = new BatchWrites(Map.of());
    try {
      process(e, now, writes);
      flush(writes);
    } catch (RuntimeException ex) {
      timers.schedule(timerOf(e, now.plus(lease)));
      throw ex;
    }
    Enrolment last = writes.last.get(e.id());
    if (last != null) {
      syncTimer(last);
    } else if (e.dueAt().isPresent() && e.isLive()) {
      syncTimer(e);
    }
  }

  /**
   * A touchpoint a waiting enrolment waited for arrived: run it now, in the touchpoint's unit
   * of work, unless a due worker holds its timer at this moment (that worker sees the
   * enrolment as it finds it). Its timer is moved or cancelled in the same unit.
   */
  private void wake(Enrolment e, Instant now) {
    if (!busy(e, now)) {
      runNow(e, now);
    }
  }

  /**
   * Runs {@code e} (live and due) until it sleeps or exits. Every write of the enrolment is a
   * compare-and-set on its revision; a lost one is handled by {@link #changedMeanwhile}.
   */
  private void process(Enrolment start, Instant now, BatchWrites writes) {
    Enrolment e = start;
    Optional<Journey> jo = journey(e.journey(), e.version());
    if (jo.isEmpty()) {
      throw new LeadkitException("enrolment " + e.id() + " is on journey " + e.journey()
          + " version " + e.version() + ", which is not published; its timer is retried later");
    }
    Journey j = jo.get();
    Optional<Lead> lo = writes.leads.containsKey(e.lead())
        ? Optional.of(writes.leads.get(e.lead())) : kit().lead(e.lead());
    if (lo.isEmpty()) {
      finish(e, ExitReason.ERASED, Optional.empty(), now, writes);
      return;
    }
    Lead lead = lo.get();
    if (e.status() == EnrolmentStatus.SCHEDULED) {
      Optional<Enrolment> begun = save(e.begin(j.firstStep().id(), now), writes);
      if (begun.isEmpty()) {
        return;
      }
      e = begun.get();
      started(e, now);
    } else if (e.status() == EnrolmentStatus.WAITING) {
      e = e.withStatus(EnrolmentStatus.ACTIVE, now);
    }
    for (int guard = 0; ; guard++) {
      if (guard >= MAX_CHAIN) {
        LOG.warn("enrolment {} ran {} steps without waiting; pausing it a minute", e.id(),
            MAX_CHAIN);
        writes.sleep(e.sleep(Optional.of(now.plus(Duration.ofMinutes(1))), now));
        return;
      }
      Optional<ExitReason> exit = exitRule(j, e, lead, now);
      if (exit.isPresent()) {
        finish(e, exit.get(), Optional.empty(), now, writes);
        return;
      }
      StepId at = e.step().orElseThrow();
      Optional<Step> step = j.step(at);
      if (step.isEmpty()) {
        throw new LeadkitException("enrolment " + e.id() + " stands on step " + at
            + " unknown to journey " + j.id() + " v" + j.version()
            + "; its timer is retried later");
      }
      Result r = execute(j, step.get(), e, lead, now);
      if (r instanceof Sleep s) {
        writes.sleep(s.enrolment().sleep(deadline(j, s.enrolment(), s.until()), now));
        return;
      }
      if (r instanceof Leave l) {
        stepDone(j, l.enrolment(), at, l.outcome(), now, writes);
        finish(l.enrolment(), l.reason(), l.moveTo(), now, writes);
        return;
      }
      Next n = (Next) r;
      stepDone(j, n.enrolment(), at, n.outcome(), now, writes);
      if (n.next().isEmpty()) {
        boolean exhausted = j.exhaustion().isPresent()
            && !responded(n.enrolment(), j.exhaustion().get());
        finish(n.enrolment(), exhausted ? ExitReason.EXHAUSTED : ExitReason.COMPLETED,
            Optional.empty(), now, writes);
        return;
      }
      Enrolment entered = n.enrolment().enter(n.next().get(), n.enteredAt(), now);
      if (internal(step.get())) {
        // nothing left the enrolment: it is stored when it sleeps or exits
        e = entered;
        continue;
      }
      Optional<Enrolment> saved = save(entered, writes);
      if (saved.isEmpty()) {
        return;
      }
      e = saved.get();
      if (n.leadChanged()) {
        writes.leads.remove(e.lead());
        Optional<Lead> fresh = kit().lead(e.lead());
        if (fresh.isEmpty()) {
          finish(e, ExitReason.ERASED, Optional.empty(), now, writes);
          return;
        }
        lead = fresh.get();
      }
    }
  }

  /** Stores {@code e} now (compare-and-set); empty if it was changed meanwhile (in memory). */
  private Optional<Enrolment> save(Enrolment e, BatchWrites writes) {
    Optional<Enrolment> saved = store.update(e);
    if (saved.isEmpty()) {
      changedMeanwhile(e, writes);
      return Optional.empty();
    }
    writes.last.put(e.id(), saved.get());
    return saved;
  }

  private Optional<Instant> deadline(Journey j, Enrolment e, Optional<Instant> until) {
    if (j.exhaustion().isEmpty()) {
      return until;
    }
    Instant end = e.enrolledAt().plus(j.exhaustion().get().within());
    return Optional.of(until.filter(u -> u.isBefore(end)).orElse(end));
  }

  private Optional<ExitReason> exitRule(Journey j, Enrolment e, Lead lead, Instant now) {
    if (unsubscribed(lead)) {
      return Optional.of(ExitReason.UNSUBSCRIBED);
    }
    if (j.goal().isPresent() && test(j.goal().get(), lead, now)) {
      return Optional.of(ExitReason.GOAL);
    }
    if (j.exhaustion().isPresent()) {
      Exhaustion x = j.exhaustion().get();
      if (!now.isBefore(e.enrolledAt().plus(x.within())) && !responded(e, x)) {
        return Optional.of(ExitReason.EXHAUSTED);
      }
    }
    return Optional.empty();
  }

  private boolean responded(Enrolment e, Exhaustion x) {
    String trigger = e.state().get(STATE_TRIGGER);
    TouchpointQuery q = new TouchpointQuery(x.response().types(), Optional.of(e.enrolledAt()),
        Optional.empty());
    return kit().touchpointLog().findByLead(e.lead(), q).stream()
        .anyMatch(t -> x.response().matches(t) && !t.id().value().equals(trigger));
  }

  private CompiledPredicate compiled(Predicate p) {
    return compiled.computeIfAbsent(p, Predicate::compile);
  }

  /**
   * Conditions on behaviour or on time cannot be seen to become true by comparing the lead
   * before and after a change; they fire whenever checked true (the re-entry policy decides
   * about repeats).
   */
  private boolean levelTriggered(Predicate p) {
    var d = compiled(p).dependencies();
    return d.timeDependent() || d.readsTouchpoints();
  }

  private boolean test(Predicate p, Lead lead, Instant now) {
    CompiledPredicate c = compiled(p);
    TouchpointHistory h = c.historyQuery(now)
        .map(q -> TouchpointHistory.lazy(kit().touchpointLog(), lead.id(), q))
        .orElse(TouchpointHistory.empty());
    EvaluationInput in = EvaluationInput.of(lead, h, now)
        .withLists(l -> inList(lead.id(), l))
        .withSegments(s -> inSegment(lead.id(), s));
    return c.test(in);
  }

  private MessageKey messageKey(Journey j, Enrolment e, String step) {
    String raw = j.id().value() + ":" + j.version() + ":" + e.lead().value() + ":" + step + ":"
        + e.sequence() + "." + e.stepCount();
    return MessageKey.of(Keys.stable(raw, 200, j.id().value() + ":" + j.version() + ":"));
  }

  private boolean overBudget(Journey j, int used, boolean messages) {
    return j.exhaustion().map(x -> used >= (messages ? x.maxMessages() : x.maxTasks()))
        .orElse(false);
  }

  private Result execute(Journey j, Step step, Enrolment e, Lead lead, Instant now) {
    if (step instanceof Step.Send s) {
      if (overBudget(j, e.messages(), true)) {
        return new Next(e, s.next(), now, "over_budget", false);
      }
      SendDecision d = gateway().decide(lead, s.channel(), s.template(), s.sender(),
          s.operational(), messageKey(j, e, s.id().value()), j.id().value(), s.id().value(),
          now);
      return new Next(d.queued() ? e.counted(1, 0) : e, s.next(), now,
          d.queued() ? "queued" : "suppressed:" + d.reason().orElse(""), false);
    } else if (step instanceof Step.Wait w) {
      Instant due = e.stepEnteredAt().plus(w.duration());
      return now.isBefore(due) ? new Sleep(e, Optional.of(due))
          : new Next(e, w.next(), due, "waited", false);
    } else if (step instanceof Step.WaitUntil w) {
      Optional<Instant> due = w.date().resolve(lead, gateway().zoneOf(lead));
      if (due.isEmpty()) {
        return new Leave(e, ExitReason.DATE_MISSING, Optional.empty(), "date_missing");
      }
      return now.isBefore(due.get()) ? new Sleep(e, due)
          : new Next(e, w.next(), now, "waited", false);
    } else if (step instanceof Step.WaitForEvent w) {
      String trigger = e.state().get(STATE_TRIGGER);
      TouchpointQuery q = new TouchpointQuery(w.filter().types(),
          Optional.of(e.stepEnteredAt()), Optional.empty());
      boolean happened = kit().touchpointLog().findByLead(lead.id(), q).stream()
          .anyMatch(t -> w.filter().matches(t) && !t.id().value().equals(trigger));
      if (happened) {
        return new Next(e, w.onEvent(), now, "event", false);
      }
      Instant timeout = e.stepEnteredAt().plus(w.timeout());
      return now.isBefore(timeout) ? new Sleep(e, Optional.of(timeout))
          : new Next(e, w.onTimeout(), timeout, "timeout", false);
    } else if (step instanceof Step.Branch b) {
      boolean yes = test(b.condition(), lead, now);
      return new Next(e, yes ? b.ifTrue() : b.ifFalse(), now, yes ? "true" : "false", false);
    } else if (step instanceof Step.Split s) {
      int total = s.arms().stream().mapToInt(Step.Arm::weight).sum();
      int pick = Keys.bucket(total, j.id().value(), s.id().value(), lead.id().value());
      for (Step.Arm a : s.arms()) {
        if (pick < a.weight()) {
          counters.add(Map.of(CounterKey.of(j.id().value(), s.id().value(), "arm." + a.name()),
              1L));
          return new Next(e, a.next(), now, "arm:" + a.name(), false);
        }
        pick -= a.weight();
      }
      throw new IllegalStateException("split bucket out of range");
    } else if (step instanceof Step.SetStage s) {
      try {
        kit().changeStage(lead.id(), s.stage(), "journey " + j.id() + "/" + s.id());
        return new Next(e, s.next(), now, "stage:" + s.stage(), true);
      } catch (IllegalStageTransitionException illegal) {
        LOG.warn("journey {} step {}: {}", j.id(), s.id(), illegal.getMessage());
        return new Next(e, s.next(), now, "illegal_stage", false);
      }
    } else if (step instanceof Step.CreateTask t) {
      if (overBudget(j, e.tasks(), false)) {
        return new Next(e, t.next(), now, "over_budget", false);
      }
      String key = messageKey(j, e, t.id().value()).value();
      kit().events().publish(new SalesTaskCreated(key, lead.id(), lead.owner(), t.kind(),
          t.title(), now.plus(t.dueIn()), j.id().value(), t.id().value(), now));
      counters.add(Map.of(CounterKey.of(j.id().value(), "tasks"), 1L,
          CounterKey.of(j.id().value(), t.id().value(), "tasks"), 1L));
      return new Next(e.counted(0, 1), t.next(), now, "task:" + t.kind(), false);
    } else if (step instanceof Step.NotifyOwner n) {
      String key = messageKey(j, e, n.id().value()).value();
      kit().events().publish(new OwnerNotified(key, lead.id(), lead.owner(), n.message(),
          j.id().value(), n.id().value(), now));
      return new Next(e, n.next(), now, "notified", false);
    } else if (step instanceof Step.ChangeList c) {
      applyListChange(c.list(), lead.id(), c.add());
      String key = messageKey(j, e, c.id().value()).value();
      kit().events().publish(new ListChangeRequested(key, c.list(), lead.id(), c.add(),
          j.id().value(), c.id().value(), now));
      return new Next(e, c.next(), now, (c.add() ? "added:" : "removed:") + c.list(), false);
    } else if (step instanceof Step.MoveTo m) {
      return new Leave(e, ExitReason.MOVED, Optional.of(m.journey()), "moved:" + m.journey());
    } else if (step instanceof Step.Exit x) {
      return new Leave(e, x.reason(), Optional.empty(), "exit:" + x.reason());
    } else if (step instanceof Step.FromStream f) {
      return stream(j, f, e, lead, now);
    }
    throw new IllegalStateException("unhandled step " + step);
  }

  private static Set<String> splitSet(@Nullable String csv) {
    return csv == null || csv.isEmpty() ? new LinkedHashSet<>()
        : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
  }

  private Result stream(Journey j, Step.FromStream f, Enrolment e, Lead lead, Instant now) {
    Optional<Instant> next = Optional.ofNullable(e.state().get(STATE_STREAM_NEXT))
        .map(Instant::parse);
    if (next.isPresent() && now.isBefore(next.get())) {
      return new Sleep(e, next);
    }
    ContentStream cs = streams.get(f.stream());
    if (cs == null) {
      LOG.warn("journey {} step {} uses stream {}, which is not published", j.id(), f.id(),
          f.stream());
      return new Sleep(e, Optional.empty());
    }
    Set<String> sent = splitSet(e.state().get(STATE_STREAM_SENT));
    List<Touchpoint> history = kit().touchpointLog().findByLead(lead.id(),
        TouchpointQuery.all());
    Set<String> consumed = new HashSet<>();
    for (Touchpoint t : history) {
      if (!OWN_TYPES.contains(t.type())) {
        t.property(PropertyKey.ASSET).ifPresent(consumed::add);
      }
    }
    Set<String> templatesSent = new HashSet<>();
    for (SendRecord r : sendLog.forLead(lead.id(), Instant.EPOCH)) {
      templatesSent.add(r.template());
    }
    boolean idle = cs.idleAlternation().isPresent() && history.stream().noneMatch(
        t -> !OWN_TYPES.contains(t.type())
            && t.at().isAfter(now.minus(cs.idleAlternation().get())));
    ContentPiece.Kind want = idle && ContentPiece.Kind.GENERIC.name()
        .equals(e.state().get(STATE_STREAM_KIND))
        ? ContentPiece.Kind.PERSONAL : ContentPiece.Kind.GENERIC;
    ContentPiece pick = null;
    ContentPiece fallback = null;
    for (ContentPiece p : cs.pieces()) {
      // a re-run of this very occurrence (after a crash) takes the piece it decided before
      if (sendLog.find(messageKey(j, e, f.id().value() + "." + p.id())).isPresent()) {
        pick = p;
        break;
      }
    }
    for (ContentPiece p : pick != null ? List.<ContentPiece>of() : cs.pieces()) {
      boolean fresh = !sent.contains(p.id()) && !templatesSent.contains(p.template())
          && (p.asset().isEmpty() || !consumed.contains(p.asset().get()));
      if (!fresh) {
        continue;
      }
      if (p.kind() == want && pick == null) {
        pick = p;
      }
      if (fallback == null && (idle || p.kind() == ContentPiece.Kind.GENERIC)) {
        fallback = p;
      }
    }
    if (pick == null) {
      pick = fallback;
    }
    if (pick == null) {
      Enrolment out = e;
      if (!"true".equals(e.state().get(STATE_STREAM_EXHAUSTED))) {
        kit().events().publish(new StreamExhausted(cs.id(), lead.id(), e.id(), now));
        counters.add(Map.of(CounterKey.of(j.id().value(), f.id().value(), "stream_exhausted"),
            1L));
        out = e.withState(STATE_STREAM_EXHAUSTED, "true");
      }
      return new Sleep(out, Optional.empty());
    }
    SendDecision d = gateway().decide(lead, cs.channel(), pick.template(),
        pick.kind() == ContentPiece.Kind.PERSONAL ? Sender.OWNER : Sender.COMPANY, false,
        messageKey(j, e, f.id().value() + "." + pick.id()), j.id().value(), f.id().value(),
        now);
    sent.add(pick.id());
    Enrolment out = e.withState(STATE_STREAM_SENT, String.join(",", sent))
        .withState(STATE_STREAM_KIND, pick.kind().name())
        .withState(STATE_STREAM_NEXT, now.plus(cs.cadence()).toString())
        .withState(STATE_STREAM_EXHAUSTED, null);
    return new Next(d.queued() ? out.counted(1, 0) : out, Optional.of(f.id()), now,
        "piece:" + pick.id(), false);
  }

  private void stepDone(Journey j, Enrolment e, StepId step, String outcome, Instant now,
      BatchWrites writes) {
    writes.counters.merge(CounterKey.of(j.id().value(), step.value(), "entered"), 1L,
        Long::sum);
    kit().events().publish(new StepExecuted(e.id(), j.id(), j.version(), e.lead(), step,
        outcome, now));
  }

  private void started(Enrolment e, Instant now) {
    if (e.status() == EnrolmentStatus.SCHEDULED) {
      return;
    }
    counters.add(Map.of(CounterKey.of(e.journey().value(), "enrolled"), 1L));
    kit().events().publish(new EnrolmentStarted(e, now));
  }

  /** Exits an enrolment nobody here holds: compare-and-set, retried on a fresh read. */
  private boolean exitOutside(Enrolment e, ExitReason reason) {
    Enrolment current = e;
    for (int i = 0; i < MAX_EXIT_RETRIES; i++) {
      if (!current.isLive()) {
        return false;
      }
      if (finish(current, reason, Optional.empty(), now(), null)) {
        timers.cancel(TIMER_KIND, current.id().value());
        return true;
      }
      Optional<Enrolment> fresh = store.find(e.id());
      if (fresh.isEmpty()) {
        return false;
      }
      current = fresh.get();
    }
    LOG.warn("could not exit enrolment {} ({}) after {} attempts", e.id(), reason,
        MAX_EXIT_RETRIES);
    return false;
  }

  /**
   * Exits {@code e}: enters the move target first, then writes the exit (compare-and-set),
   * counts it and records the exit touchpoint. With {@code writes} (the due loop or a run at
   * once) the counters join the batch's and a lost write is {@link #changedMeanwhile}; without,
   * a lost write returns false for the caller to retry on a fresh read. Timers are the caller's.
   */
  private boolean finish(Enrolment e, ExitReason reason, Optional<JourneyId> moveTo,
      Instant now, @Nullable BatchWrites writes) {
    String journey = e.journey().value();
    Optional<JourneyId> target = moveTo;
    if (reason.equals(ExitReason.EXHAUSTED)) {
      target = journey(e.journey(), e.version()).flatMap(Journey::exhaustion)
          .flatMap(Exhaustion::then);
    }
    // enter the target first: after a crash the step re-runs and the target refuses a second
    // live enrolment, whereas exiting first could lose the move
    target.ifPresent(t -> {
      Optional<Journey> tj = journey(t);
      if (tj.isEmpty()) {
        LOG.warn("enrolment {} should move to journey {}, which is not published", e.id(), t);
      } else if (!tj.get().id().equals(e.journey())) {
        enrolIn(tj.get(), e.lead(), "moved:" + journey, null, true);
      }
    });
    Enrolment x = e.status() == EnrolmentStatus.EXITED ? e : e.exit(reason, now);
    Optional<Enrolment> stored = store.update(x);
    if (stored.isEmpty()) {
      if (writes != null) {
        changedMeanwhile(x, writes);
      }
      return false;
    }
    Map<CounterKey, Long> deltas = new HashMap<>();
    deltas.put(CounterKey.of(journey, "exited." + reason.code()), 1L);
    if (reason.equals(ExitReason.GOAL)) {
      deltas.put(CounterKey.of(journey, "converted"), 1L);
    }
    if (writes != null) {
      writes.last.put(x.id(), stored.get());
      deltas.forEach((k, v) -> writes.counters.merge(k, v, Long::sum));
    } else {
      counters.add(deltas);
    }
    kit().events().publish(new EnrolmentExited(stored.get(), reason, now));
    if (!reason.equals(ExitReason.ERASED) && !reason.equals(ExitReason.MERGED)) {
      Touchpoint.Builder tb = Touchpoint.forLead(e.lead(), TouchpointType.JOURNEY_EXITED, now)
          .id(Keys.stable("jx:" + e.id().value(), 128, "jx:"))
          .channel(Channel.of("journey"))
          .property(PropertyKey.JOURNEY, journey)
          .property(PropertyKey.REASON, reason.code());
      e.step().ifPresent(st -> tb.property(PropertyKey.STEP, st.value()));
      try {
        kit().track(tb.build());
      } catch (UnknownLeadException gone) {
        LOG.debug("lead {} is gone; no exit touchpoint", e.lead());
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public JourneyStats stats(JourneyId journey) {
    Checks.named(journey, "journey");
    latest(journey);
    Map<CounterKey, Long> snap = counters.snapshot(journey.value());
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> exits = new HashMap<>();
    Map<String, Map<String, Long>> steps = new HashMap<>();
    snap.forEach((k, v) -> {
      if (k.step().isPresent()) {
        steps.computeIfAbsent(k.step().get(), s -> new HashMap<>()).merge(k.metric(), v,
            Long::sum);
      } else if (k.metric().startsWith("exited.")) {
        exits.merge(k.metric().substring("exited.".length()), v, Long::sum);
      } else {
        total.merge(k.metric(), v, Long::sum);
      }
    });
    Map<EnrolmentStatus, Long> byStatus = store.countByStatus(journey);
    long active = byStatus.getOrDefault(EnrolmentStatus.ACTIVE, 0L)
        + byStatus.getOrDefault(EnrolmentStatus.WAITING, 0L);
    Map<String, Map<String, Long>> frozen = new HashMap<>();
    steps.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
    return new JourneyStats(journey, total.getOrDefault("enrolled", 0L), active,
        total.getOrDefault("sent", 0L), total.getOrDefault("opened", 0L),
        total.getOrDefault("clicked", 0L), total.getOrDefault("converted", 0L),
        total.getOrDefault("suppressed", 0L), exits, frozen);
  }

  @Override
  public EnrolmentStore enrolmentStore() {
    return store;
  }

  @Override
  public SendLog sendLog() {
    return sendLog;
  }

  @Override
  public Subscription onEnrolmentStarted(Consumer<? super EnrolmentStarted> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(EnrolmentStarted.class, listener);
  }

  @Override
  public Subscription onEnrolmentExited(Consumer<? super EnrolmentExited> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(EnrolmentExited.class, listener);
  }

  @Override
  public Subscription onStepExecuted(Consumer<? super StepExecuted> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(StepExecuted.class, listener);
  }

  @Override
  public Subscription onMessageQueued(Consumer<? super MessageQueued> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(MessageQueued.class, listener);
  }

  @Override
  public Subscription onMessageSuppressed(Consumer<? super MessageSuppressed> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(MessageSuppressed.class, listener);
  }

  @Override
  public Subscription onSalesTaskCreated(Consumer<? super SalesTaskCreated> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(SalesTaskCreated.class, listener);
  }

  @Override
  public Subscription onOwnerNotified(Consumer<? super OwnerNotified> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(OwnerNotified.class, listener);
  }

  @Override
  public Subscription onListChangeRequested(Consumer<? super ListChangeRequested> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(ListChangeRequested.class, listener);
  }

  @Override
  public Subscription onStreamExhausted(Consumer<? super StreamExhausted> listener) {
    Checks.named(listener, "listener");
    return kit().events().on(StreamExhausted.class, listener);
  }
}
