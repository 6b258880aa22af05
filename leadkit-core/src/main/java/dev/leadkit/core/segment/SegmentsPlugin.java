package dev.leadkit.core.segment;

import dev.leadkit.core.Hooks;
import dev.leadkit.core.LeadState;
import dev.leadkit.core.StatePart;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.identity.LeadErased;
import dev.leadkit.core.internal.ProcessLocal;
import dev.leadkit.core.identity.LeadsMerged;
import dev.leadkit.core.identity.MergeUndone;
import dev.leadkit.core.identity.VisitorReassigned;
import dev.leadkit.core.identity.VisitorStitched;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.internal.TimeDirection;
import dev.leadkit.core.internal.Definitions;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Explanation;
import dev.leadkit.core.predicate.PredicateDependencies;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.segment.json.SegmentJson;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments for a {@link LeadKit}: definitions, maintained membership, enter and exit events,
 * static lists and explanations.
 *
 * <pre>{@code
 * SegmentsPlugin segments = SegmentsPlugin.inMemory();
 * LeadKit kit = LeadKit.builder().install(segments).build();
 * segments.define(SegmentDefinition.parse("erp-interest", "ERP interest",
 *     "count(page_view where url ~ \"/products/erp/**\", last 90d) >= 5"));
 * segments.onEntered(e -> crm.addToCampaign(e.lead(), e.segment()));
 * }</pre>
 *
 * <h2>How membership is kept current</h2>
 *
 * <ul>
 *   <li><b>Definition.</b> {@link #define} evaluates the segment over every lead in the store,
 *       page by page, and publishes the difference to the stored membership.
 *   <li><b>Touchpoints</b> (in the {@link Hooks.Phase#SEGMENTS} phase) re-check only the
 *       segments with a count or recency condition whose filter (type and properties, e.g.
 *       the URL pattern) the touchpoint passes; other touchpoints cost one filter test.
 *   <li><b>Lead changes</b> re-check only the segments that read what changed: the attribute
 *       keys, the stage, the consent channels, the owner or the score models. A new lead is
 *       checked against every segment.
 *   <li><b>Static lists</b> changed through {@link #lists()} re-check the segments that read
 *       the list, for the leads added or removed.
 *   <li><b>References.</b> When a lead enters or leaves a segment, the segments that reference
 *       it are re-checked for that lead, in dependency order.
 *   <li><b>Identity.</b> When leads are merged (or a merge is undone) the survivor (and the
 *       restored lead) are re-checked against every segment and the merged lead leaves every
 *       segment; when a visitor's touchpoints move to or from a lead, its behaviour segments
 *       are re-checked; an erased lead leaves every segment.
 *   <li><b>Time.</b> After each check of a time-dependent segment (sliding windows, recency,
 *       dates relative to today) the lead's next possible change is stored in the {@link
 *       SegmentMembershipStore} schedule; {@link LeadKit#runDue()} re-checks exactly the due
 *       (segment, lead) pairs. There is no periodic rebuild.
 * </ul>
 *
 * <h2>Thread safety</h2>
 *
 * <p>Thread-safe. Every change of definitions or membership made by one instance (defining,
 * removing, and the upkeep after each touchpoint, lead change, list change, identity change
 * and due check) runs under one lock of that instance, so two threads never interleave their
 * membership changes; a full evaluation ({@link #define}, {@link #evaluate}) takes the lock
 * page by page, so other work goes on between its pages. Reads ({@link #definition}, {@link #isMember},
 * {@link #members}, ...) take no lock and go straight to the thread-safe registry and
 * membership store. Events are published on the engine's bus after the membership is stored,
 * on the calling thread, outside the lock. The lock is per instance: engines on other nodes
 * that share the membership store are not serialised against this one. Share the plugin with
 * other threads only after the engine it is installed in has been built.
 *
 * <h2>Stored definitions, several engines</h2>
 *
 * <p>When the engine's stores provide a {@link DefinitionStore} (the in-memory stores and
 * {@code JdbcStores} do), {@link #define} also publishes the definition there as JSON ({@link
 * SegmentJson}), kind {@value DefinitionStore#SEGMENT}, as a new version when its content
 * changed; a definition that is refused (unknown segment, cycle, vocabulary) is never stored,
 * and one the store refuses ({@link dev.leadkit.core.port.DefinitionConflictException}, another
 * engine published that version first) is not defined. Definitions that other engines published
 * are loaded when the plugin is installed and again whenever the store's {@linkplain
 * DefinitionStore#revision() revision} changed, checked (one small query) at each {@link
 * #define}, {@link #definitions()} and due run ({@link LeadKit#runDue()}). Loading adds the
 * definition only: the engine that defined it evaluated it into the shared membership store.
 * {@link #remove} is local to this engine and is not stored; a removed segment comes back only
 * when a newer version of it is published.
 */
public final class SegmentsPlugin implements LeadKitPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentsPlugin.class);
  private static final int PAGE = 500;
  /**
   * Lead ids asked of a {@link PredicateQuery} at once: a store answers each page with one
   * set-based query, so large pages mean few queries.
   */
  private static final int MATCH_PAGE = 20_000;

  private final SegmentRegistry registry = new SegmentRegistry();
  // from the builder, else from the engine's stores when installed (in-memory placeholders until
  // then)
  private volatile StaticListStore listStore;
  private volatile SegmentMembershipStore memberships;
  private volatile @Nullable PredicateQuery predicateQuery;
  private volatile @Nullable DefinitionStore definitionStore;
  // the stored version of each segment this engine defined or loaded, and the store's revision
  // at the last load
  private final Map<SegmentId, Integer> storedVersions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long seenRevision = -1;
  private final boolean listStoreGiven;
  private final boolean membershipsGiven;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile StaticLists lists;
  private volatile Index index = Index.build(new SegmentRegistry());
  private final @Nullable Boolean touchpointCacheSetting;
  private final RecentTouchpoints recent = new RecentTouchpoints();
  private boolean cacheOn;
  private @Nullable LeadKit kit;

  private SegmentsPlugin(@Nullable StaticListStore listStore,
      @Nullable SegmentMembershipStore memberships, @Nullable PredicateQuery predicateQuery,
      @Nullable Boolean touchpointCache) {
    this.listStoreGiven = listStore != null;
    this.membershipsGiven = memberships != null;
    this.listStore = listStore != null ? listStore : InMemory.staticListStore();
    this.memberships = memberships != null ? memberships : InMemory.segmentMembershipStore();
    this.predicateQuery = predicateQuery;
    this.touchpointCacheSetting = touchpointCache;
    this.lists = new StaticLists(this, this.listStore);
  }

  /** A plugin on in-memory list and membership stores. */
  public static SegmentsPlugin inMemory() {
    return builder().build();
  }

  /** Starts building a plugin; every store defaults to in memory. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "segments";
  }

  @Override
  public void install(LeadKit engine, Hooks hooks) {
    Args.notNull(engine, "engine");
    Args.notNull(hooks, "hooks");
    if (kit != null) {
      throw new LeadkitException("the segments plugin is already installed in an engine");
    }
    Stores stores = engine.stores();
    if (!listStoreGiven) {
      listStore = stores.portFor(name(), StaticListStore.class, InMemory::staticListStore);
      lists = new StaticLists(this, listStore);
    }
    if (!membershipsGiven) {
      memberships = stores.portFor(name(), SegmentMembershipStore.class,
          InMemory::segmentMembershipStore);
    }
    if (predicateQuery == null) {
      predicateQuery = stores.port(PredicateQuery.class).orElse(null);
    }
    definitionStore = stores.port(DefinitionStore.class).orElse(null);
    this.kit = engine;
    this.cacheOn = touchpointCacheSetting != null ? touchpointCacheSetting
        : engine.touchpointLog() instanceof ProcessLocal;
    hooks.personalData(SegmentPersonalData.memberships(memberships));
    hooks.personalData(SegmentPersonalData.lists(listStore));
    hooks.decide(Hooks.Phase.SEGMENTS, this::decide);
    hooks.onDue("segments", now -> {
      refreshDefinitions();
      return runDue(now);
    });
    hooks.onEvent(LeadsMerged.class, e -> {
      forget(List.of(e.record().merged()), e.at());
      recheckAll(e.record().survivor(), false);
    });
    hooks.onEvent(MergeUndone.class, e -> {
      recheckAll(e.survivor().id(), false);
      recheckAll(e.restored().id(), false);
    });
    hooks.onEvent(LeadErased.class, e -> {
      List<LeadId> gone = new ArrayList<>(e.mergedIds());
      gone.add(e.lead());
      forget(gone, e.at());
    });
    hooks.onEvent(VisitorStitched.class, e -> {
      if (!e.attributed().isEmpty()) {
        recheckAll(e.lead(), true);
      }
    });
    hooks.onEvent(VisitorReassigned.class, e -> {
      recheckAll(e.from(), true);
      e.to().ifPresent(to -> recheckAll(to, true));
    });
    refreshDefinitions();
  }

  /**
   * Loads the segment definitions other engines published to the definition store since the
   * last load (newer than the version this engine knows), if its revision changed. A stored
   * definition that cannot be loaded here (unreadable, outside this engine's vocabulary, or
   * referencing a segment that cannot be loaded) is skipped with a warning.
   */
  private void refreshDefinitions() {
    DefinitionStore ds = definitionStore;
    if (ds == null || kit == null) {
      return;
    }
    long revision = ds.revision();
    if (revision == seenRevision) {
      return;
    }
    List<StoredDefinition> newer = new ArrayList<>();
    for (StoredDefinition d : ds.all(DefinitionStore.SEGMENT)) {
      Integer known = storedVersions.get(SegmentId.of(d.id()));
      if (known == null || d.version() > known) {
        newer.add(d);
      }
    }
    lock.lock();
    try {
      int loaded = 0;
      boolean progress = true;
      while (progress && !newer.isEmpty()) {
        progress = false;
        for (java.util.Iterator<StoredDefinition> it = newer.iterator(); it.hasNext(); ) {
          StoredDefinition d = it.next();
          try {
            SegmentDefinition def = SegmentJson.read(d.json());
            kit().vocabulary().check(def.predicate(), "stored segment \"" + d.id() + "\"");
            registry.define(def);
            storedVersions.put(def.id(), d.version());
            loaded++;
            progress = true;
            it.remove();
          } catch (UnknownSegmentException e) {
            // may reference one loaded later in this pass: tried again while others load
          } catch (LeadkitException e) {
            LOG.warn("stored segment {} version {} is not loaded: {}", d.id(), d.version(),
                e.getMessage());
            storedVersions.put(SegmentId.of(d.id()), d.version());
            it.remove();
          }
        }
      }
      for (StoredDefinition d : newer) {
        LOG.warn("stored segment {} version {} is not loaded: it references a segment that is"
            + " not defined", d.id(), d.version());
      }
      if (loaded > 0) {
        index = Index.build(registry);
        recent.clear();
        needsFor = null;
        LOG.debug("loaded {} segment definitions from the definition store", loaded);
      }
      seenRevision = revision;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Publishes {@code definition} to the definition store (if any) as a new version, unless the
   * latest stored version has the same content.
   */
  private void storeDefinition(SegmentDefinition definition, LeadKit k) {
    DefinitionStore ds = definitionStore;
    if (ds == null) {
      return;
    }
    String json = SegmentJson.write(definition);
    String id = definition.id().value();
    Optional<StoredDefinition> latest = ds.latest(DefinitionStore.SEGMENT, id);
    if (latest.isPresent() && Definitions.sameContent(latest.get().json(), json)) {
      storedVersions.put(definition.id(), latest.get().version());
      return;
    }
    int version = latest.map(d -> d.version() + 1).orElse(1);
    ds.publish(DefinitionStore.SEGMENT, id, version, json, k.clock().instant());
    storedVersions.put(definition.id(), version);
  }

  /**
   * Re-checks every segment (or only those reading touchpoints) for {@code lead} after its
   * identity changed.
   */
  private void recheckAll(LeadId lead, boolean touchpointsOnly) {
    lock.lock();
    try {
      recent.forget(lead); // its touchpoints moved: rebuild the behaviour cache from the log
    } finally {
      lock.unlock();
    }
    Optional<Lead> l = kit().lead(lead);
    if (l.isEmpty()) {
      return;
    }
    Set<SegmentId> candidates = new HashSet<>();
    for (SegmentId s : registry.ordered()) {
      if (!touchpointsOnly || registry.compiled(s).orElseThrow().dependencies()
          .readsTouchpoints()) {
        candidates.add(s);
      }
    }
    if (!candidates.isEmpty()) {
      recheckAndPublish(l.get(), candidates, MembershipCause.IDENTITY);
    }
  }

  /** Leads that no longer exist leave every segment (with exit events) and the schedule. */
  private void forget(List<LeadId> leads, Instant at) {
    List<LeadkitEvent> events = new ArrayList<>();
    lock.lock();
    try {
      for (LeadId id : leads) {
        List<SegmentMembershipStore.Change> changes = new ArrayList<>();
        for (SegmentId s : memberships.segmentsOf(id)) {
          changes.add(new SegmentMembershipStore.Change(s, id, false, at));
          events.add(new SegmentExited(s, id, MembershipCause.IDENTITY, at));
        }
        memberships.apply(changes);
        memberships.forgetLead(id);
        recent.forget(id);
      }
    } finally {
      lock.unlock();
    }
    events.sort(java.util.Comparator.comparing(e -> registry.rank(((SegmentExited) e).segment())));
    publish(events);
  }

  private LeadKit kit() {
    LeadKit k = kit;
    if (k == null) {
      throw new LeadkitException("the segments plugin is not installed in an engine yet");
    }
    return k;
  }

  // ------------------------------------------------------------------ definitions

  /**
   * Defines (or redefines) a segment and evaluates it over every lead, publishing entries and
   * exits with cause {@link MembershipCause#DEFINITION}. References to undefined segments and
   * reference cycles are refused before anything changes, and so are touchpoint types,
   * attribute keys and property keys outside the engine's {@link LeadKit#vocabulary()}
   * ({@link dev.leadkit.core.UnknownVocabularyException}). The plugin must be installed in a
   * built engine. A redefinition keeps the stored membership and publishes only the
   * difference. With a definition store, the definition is published there before it is
   * evaluated (see the class comment); a refused definition is never stored.
   */
  public EvaluationReport define(SegmentDefinition definition) {
    Args.notNull(definition, "definition");
    LeadKit k = kit();
    if (definition == null) {
      throw new InvalidValueException("segment definition must not be null");
    }
    k.vocabulary().check(definition.predicate(), "segment \"" + definition.id() + "\"");
    refreshDefinitions();
    lock.lock();
    try {
      Optional<SegmentDefinition> old = registry.define(definition);
      try {
        storeDefinition(definition, k);
      } catch (RuntimeException e) {
        if (old.isPresent()) {
          registry.define(old.get());
        } else {
          registry.remove(definition.id());
        }
        throw e;
      }
      index = Index.build(registry);
      recent.clear();
      needsFor = null;
    } finally {
      lock.unlock();
    }
    return evaluate(definition.id());
  }

  /**
   * Removes a segment and its stored membership (no exit events). Refused with {@link
   * SegmentInUseException} while another segment references it.
   */
  public boolean remove(SegmentId id) {
    Args.notNull(id, "id");
    lock.lock();
    try {
      Optional<SegmentDefinition> removed = registry.remove(id);
      index = Index.build(registry);
      recent.clear();
      needsFor = null;
      memberships.clearSegment(id);
      return removed.isPresent();
    } finally {
      lock.unlock();
    }
  }

  /** The definition of {@code id}. */
  public Optional<SegmentDefinition> definition(SegmentId id) {
    Args.notNull(id, "id");
    return registry.find(id);
  }

  /**
   * Every definition, each after the segments it references; first loads those that other
   * engines published to the definition store since the last look.
   */
  public List<SegmentDefinition> definitions() {
    refreshDefinitions();
    return registry.definitions();
  }

  /**
   * Evaluates segment {@code id} over every lead in the store, page by page, and publishes the
   * difference to the stored membership. Use after changes that bypassed the engine.
   */
  public EvaluationReport evaluate(SegmentId id) {
    Args.notNull(id, "id");
    LeadKit k = kit();
    if (registry.find(id).isEmpty()) {
      throw new UnknownSegmentException(id, "");
    }
    Instant start = k.clock().instant();
    CompiledPredicate compiled = registry.compiled(id).orElse(null);
    if (predicateQuery != null && compiled != null && predicateQuery.supports(compiled.source())) {
      TimeDirection direction = TimeDirection.of(compiled.source());
      if (direction == TimeDirection.NONE || direction == TimeDirection.LEAVES) {
        return evaluateSetBased(k, id, compiled, predicateQuery, start,
            direction == TimeDirection.LEAVES);
      }
    }
    long scanned = 0;
    long[] moves = new long[2]; // entered, exited
    LeadId after = null;
    while (true) {
      List<Lead> page = k.leadStore().page(after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      List<LeadkitEvent> events = new ArrayList<>();
      lock.lock();
      try {
        Instant now = k.clock().instant();
        Writes writes = new Writes();
        Set<SegmentId> only = Set.of(id);
        if (after == null) {
          // a full evaluation reads the log (so it also sees writes that bypassed the engine);
          // the behaviour cache is rebuilt from the log afterwards, lead by lead, when needed
          recent.clear();
        }
        boolean timeDependent = compiled != null && compiled.dependencies().timeDependent();
        Supplier<Optional<TouchpointQuery>> needs = () -> historyNeeds(only, now);
        for (Lead lead : page) {
          // fast path: test, and if the membership does not change only refresh the schedule;
          // a change goes through the full re-check (events, cascade to dependent segments)
          EvaluationInput in = compiled == null ? null
              : input(lead, needs, now, Map.of(), false, null);
          if (compiled != null && in != null
              && compiled.test(in) == memberships.isMember(id, lead.id())) {
            if (timeDependent) {
              Optional<Instant> next = compiled.nextChange(in);
              if (!next.equals(memberships.scheduled(id, lead.id()))) {
                writes.schedules.add(new SegmentMembershipStore.Reschedule(id, lead.id(), next));
              }
            }
            continue;
          }
          events.addAll(recheck(lead, only, now, Map.of(), MembershipCause.DEFINITION, false,
              writes));
        }
        writes.flush(memberships);
      } finally {
        lock.unlock();
      }
      tally(events, id, moves);
      publish(events);
      scanned += page.size();
      after = page.get(page.size() - 1).id();
    }
    EvaluationReport report = new EvaluationReport(id, scanned, moves[0], moves[1],
        memberships.count(id), java.time.Duration.between(start, k.clock().instant()));
    LOG.debug("evaluated segment {}: {}", id, report);
    return report;
  }

  /** Adds to {@code moves} the leads of {@code events} that entered (0) and left (1) {@code id}. */
  private static void tally(List<LeadkitEvent> events, SegmentId id, long[] moves) {
    for (LeadkitEvent e : events) {
      if (e instanceof SegmentEntered se && se.segment().equals(id)) {
        moves[0]++;
      } else if (e instanceof SegmentExited se && se.segment().equals(id)) {
        moves[1]++;
      }
    }
  }

  /**
   * Full evaluation through the store's {@link PredicateQuery}: the matching leads come from the
   * store as a set, are compared with the stored membership, and only the leads whose
   * membership differs are read and re-checked (which also applies the change and cascades to
   * dependent segments, as a lead-by-lead evaluation would).
   *
   * <p>For a segment that time alone can only leave ({@link TimeDirection#LEAVES}, e.g. "at
   * least 5 visits in the last 90 days"), every lead that matches or was a member is re-checked
   * as well, which gives each member its time-based re-check; a lead that matches nothing now
   * cannot enter before its data changes, so it needs no schedule and is never read.
   */
  private EvaluationReport evaluateSetBased(LeadKit k, SegmentId id, CompiledPredicate compiled,
      PredicateQuery query, Instant start, boolean recheckMembers) {
    Instant at = k.clock().instant();
    Set<LeadId> matching = new HashSet<>();
    LeadId cursor = null;
    do {
      PredicateQuery.Page page = query.matching(compiled.source(), at, cursor, MATCH_PAGE);
      matching.addAll(page.leads());
      cursor = page.next().orElse(null);
    } while (cursor != null);
    Set<LeadId> differ = new LinkedHashSet<>();
    Set<LeadId> stored = new HashSet<>();
    cursor = null;
    while (true) {
      List<LeadId> page = memberships.members(id, cursor, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (LeadId l : page) {
        stored.add(l);
        if (!matching.contains(l)) {
          differ.add(l);
        }
      }
      cursor = page.get(page.size() - 1);
    }
    for (LeadId l : matching) {
      if (recheckMembers || !stored.contains(l)) {
        differ.add(l);
      }
    }
    if (recheckMembers) {
      differ.addAll(stored);
    }
    List<LeadId> todo = new ArrayList<>(differ);
    long read = 0;
    long[] moves = new long[2]; // entered, exited
    for (int from = 0; from < todo.size(); from += PAGE) {
      List<LeadId> chunk = todo.subList(from, Math.min(todo.size(), from + PAGE));
      Map<LeadId, Lead> leads = k.leadStore().findAllById(chunk);
      read += leads.size();
      List<LeadkitEvent> events = new ArrayList<>();
      lock.lock();
      try {
        Instant now = k.clock().instant();
        Writes writes = new Writes();
        for (LeadId l : chunk) {
          Lead lead = leads.get(l);
          if (lead != null) {
            recent.forget(l);
            events.addAll(recheck(lead, Set.of(id), now, Map.of(), MembershipCause.DEFINITION,
                false, writes));
          }
        }
        writes.flush(memberships);
      } finally {
        lock.unlock();
      }
      tally(events, id, moves);
      publish(events);
    }
    EvaluationReport report = new EvaluationReport(id, read, moves[0], moves[1],
        memberships.count(id), java.time.Duration.between(start, k.clock().instant()));
    LOG.debug("evaluated segment {} set-based ({} matching, {} differing): {}", id,
        matching.size(), differ.size(), report);
    return report;
  }

  // ------------------------------------------------------------------ reads

  /**
   * The store that keeps this plugin's segment membership, so that an adapter can tell whether
   * it can read the members in its own database (set-based bulk work).
   */
  public SegmentMembershipStore membershipStore() {
    return memberships;
  }

  /**
   * True if {@code lead} is a member of {@code segment}; an undefined segment throws {@link
   * UnknownSegmentException}.
   */
  public boolean isMember(SegmentId segment, LeadId lead) {
    Args.notNull(segment, "segment");
    Args.notNull(lead, "lead");
    return memberships.isMember(requireDefined(segment), lead);
  }

  /**
   * Up to {@code limit} members of {@code segment} after {@code after}, ascending by id; an
   * undefined segment throws {@link UnknownSegmentException}.
   */
  public List<LeadId> members(SegmentId segment, @Nullable LeadId after, int limit) {
    Args.notNull(segment, "segment");
    return memberships.members(requireDefined(segment), after, limit);
  }

  /**
   * Number of members of {@code segment}; an undefined segment throws {@link
   * UnknownSegmentException}.
   */
  public long count(SegmentId segment) {
    Args.notNull(segment, "segment");
    return memberships.count(requireDefined(segment));
  }

  private SegmentId requireDefined(SegmentId segment) {
    if (segment == null) {
      throw new InvalidValueException("segment must not be null");
    }
    if (registry.find(segment).isEmpty()) {
      throw new UnknownSegmentException(segment, "");
    }
    return segment;
  }

  /** The segments {@code lead} is a member of. */
  public Set<SegmentId> segmentsOf(LeadId lead) {
    Args.notNull(lead, "lead");
    return memberships.segmentsOf(lead);
  }

  /** The static lists, whose changes re-check dependent segments. */
  public StaticLists lists() {
    return lists;
  }

  /**
   * Why {@code lead} is or is not in {@code segment} now: the definition evaluated against the
   * stored lead, its touchpoints and its list and segment membership, with observed values.
   */
  public Explanation explain(SegmentId segment, LeadId lead) {
    Args.notNull(segment, "segment");
    Args.notNull(lead, "lead");
    LeadKit k = kit();
    CompiledPredicate c = registry.compiled(segment)
        .orElseThrow(() -> new UnknownSegmentException(segment, ""));
    Lead l = k.require(lead);
    Instant now = k.clock().instant();
    EvaluationInput in = input(l, c.historyQuery(now), now, Map.of(), false);
    return c.explain(in);
  }

  /**
   * An input for evaluating {@code predicate} (e.g. a journey rule) for {@code lead} now, with
   * the touchpoints it needs read lazily from the engine's log and the stored static list and
   * segment membership.
   */
  public EvaluationInput input(Lead lead, CompiledPredicate predicate) {
    Args.notNull(lead, "lead");
    Args.notNull(predicate, "predicate");
    Instant now = kit().clock().instant();
    return input(lead, predicate.historyQuery(now), now, Map.of(), false);
  }

  /** True if {@code lead} satisfies {@code predicate} now (see {@link #input}). */
  public boolean test(CompiledPredicate predicate, LeadId lead) {
    Args.notNull(predicate, "predicate");
    Args.notNull(lead, "lead");
    return predicate.test(input(kit().require(lead), predicate));
  }

  // ------------------------------------------------------------------ events

  /** Registers a listener for {@link SegmentEntered} on the engine's bus. */
  public Subscription onEntered(Consumer<? super SegmentEntered> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(SegmentEntered.class, listener);
  }

  /** Registers a listener for {@link SegmentExited} on the engine's bus. */
  public Subscription onExited(Consumer<? super SegmentExited> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(SegmentExited.class, listener);
  }

  private void publish(List<LeadkitEvent> events) {
    for (LeadkitEvent e : events) {
      kit().events().publish(e);
    }
  }

  // ------------------------------------------------------------------ incremental

  private boolean isMember(@Nullable Writes batch, SegmentId s, LeadId lead) {
    Boolean known = batch == null ? null : batch.member(s, lead);
    return known != null ? known : memberships.isMember(s, lead);
  }

  /**
   * One lead's memberships while an input is decided: its segments read once, re-check times
   * read once per segment, and every change written once, when the input commits.
   */
  private final class Members extends Writes {
    private final LeadId lead;
    private final Set<SegmentId> in;
    private final Map<SegmentId, Optional<Instant>> times = new HashMap<>();
    private final Map<SegmentId, SegmentMembershipStore.Change> last = new LinkedHashMap<>();
    private final Map<SegmentId, SegmentMembershipStore.Reschedule> moved = new LinkedHashMap<>();
    private final Set<SegmentId> initially;

    Members(LeadId lead) {
      this.lead = lead;
      this.in = new HashSet<>(memberships.segmentsOf(lead));
      this.initially = Set.copyOf(in);
    }

    @Override
    @Nullable Boolean member(SegmentId s, LeadId l) {
      return l.equals(lead) ? in.contains(s) : null;
    }

    @Override
    @Nullable Optional<Instant> scheduled(SegmentId s, LeadId l) {
      if (!l.equals(lead)) {
        return null;
      }
      return times.computeIfAbsent(s, x -> memberships.scheduled(x, lead));
    }

    @Override
    void add(SegmentMembershipStore.Change c) {
      if (c.entered()) {
        in.add(c.segment());
      } else {
        in.remove(c.segment());
      }
      // only the net change is written: an entry and exit within one input cancel out
      if (initially.contains(c.segment()) == c.entered()) {
        last.remove(c.segment());
      } else {
        last.put(c.segment(), c);
      }
    }

    @Override
    void add(SegmentMembershipStore.Reschedule r) {
      times.put(r.segment(), r.at());
      moved.put(r.segment(), r);
    }

    @Override
    void flush(SegmentMembershipStore store) {
      if (!moved.isEmpty()) {
        store.scheduleAll(moved.values());
      }
      if (!last.isEmpty()) {
        store.apply(last.values());
      }
    }
  }

  private final StatePart<Members> membersPart = new StatePart<>() {
    @Override
    public Members load(LeadId lead) {
      return new Members(lead);
    }

    @Override
    public void commit(LeadId lead, Members value) {
      value.flush(memberships);
    }

    @Override
    public String toString() {
      return "segments";
    }
  };

  /**
   * Re-checks the segments an input may have changed for its lead: those reading what changed
   * on the lead (its new score, say), then those reading the touchpoint. Memberships are read
   * and written through the lead's state; entries and exits are emitted to the deciders after
   * this one (journeys) and to the host's listeners.
   */
  private void decide(LeadState st) {
    if (registry.ordered().isEmpty()) {
      return;
    }
    Lead before = st.before();
    Lead lead = st.lead();
    Set<SegmentId> changed = before == null ? new HashSet<>(registry.ordered())
        : before.sameContent(lead) ? Set.of() : index.forChange(before, lead);
    Touchpoint t = st.touchpoint().orElse(null);
    Set<SegmentId> touched = t == null ? Set.of() : index.forTouchpoint(t);
    if (changed.isEmpty() && touched.isEmpty()) {
      if (t != null && cacheOn) {
        lock.lock();
        try {
          recent.add(t);
        } finally {
          lock.unlock();
        }
      }
      return;
    }
    Members members = st.part(membersPart);
    List<LeadkitEvent> events = new ArrayList<>();
    lock.lock();
    try {
      if (!changed.isEmpty()) {
        events.addAll(recheck(lead, changed, st.now(), Map.of(), MembershipCause.LEAD_CHANGE,
            cacheOn, members));
      }
      if (t != null && cacheOn) {
        recent.add(t);
      }
      if (!touched.isEmpty()) {
        events.addAll(recheck(lead, touched, st.now(), Map.of(), MembershipCause.TOUCHPOINT,
            cacheOn, members));
      }
    } finally {
      lock.unlock();
    }
    st.changed(membersPart);
    for (LeadkitEvent e : events) {
      st.emit(e);
    }
  }

  /** Re-checks the segments that read {@code list} for {@code leads}. */
  void onListChanged(ListId list, Collection<LeadId> leads) {
    Set<SegmentId> candidates = index.forList(list);
    if (candidates.isEmpty() || leads.isEmpty()) {
      return;
    }
    List<LeadId> ids = new ArrayList<>(leads);
    for (int i = 0; i < ids.size(); i += PAGE) {
      Map<LeadId, Lead> found = kit().leadStore().findAllById(
          ids.subList(i, Math.min(ids.size(), i + PAGE)));
      for (Lead l : found.values()) {
        recheckAndPublish(l, candidates, MembershipCause.LIST);
      }
    }
  }

  /** Checks that every id names a stored lead. */
  void requireLeads(Collection<LeadId> leads) {
    List<LeadId> ids = new ArrayList<>(new java.util.LinkedHashSet<>(leads));
    for (int i = 0; i < ids.size(); i += PAGE) {
      List<LeadId> chunk = ids.subList(i, Math.min(ids.size(), i + PAGE));
      Map<LeadId, Lead> found = kit().leadStore().findAllById(chunk);
      for (LeadId id : chunk) {
        if (!found.containsKey(id)) {
          throw new UnknownLeadException(id);
        }
      }
    }
  }

  private void recheckAndPublish(Lead lead, Set<SegmentId> candidates, MembershipCause cause) {
    List<LeadkitEvent> events;
    lock.lock();
    try {
      events = recheck(lead, candidates, kit().clock().instant(), Map.of(), cause, cacheOn,
          null);
    } finally {
      lock.unlock();
    }
    publish(events);
  }

  /** Re-checks what time alone may have changed: the due (segment, lead) pairs. */
  private int runDue(Instant now) {
    int processed = 0;
    for (int round = 0; round < 1_000_000; round++) {
      List<SegmentMembershipStore.Check> due = memberships.due(now, PAGE);
      if (due.isEmpty()) {
        break;
      }
      Map<LeadId, Map<SegmentId, Instant>> byLead = new LinkedHashMap<>();
      for (SegmentMembershipStore.Check c : due) {
        byLead.computeIfAbsent(c.lead(), k -> new HashMap<>()).put(c.segment(), c.at());
      }
      Map<LeadId, Lead> leads = kit().leadStore().findAllById(byLead.keySet());
      List<LeadkitEvent> events = new ArrayList<>();
      lock.lock();
      try {
        for (Map.Entry<LeadId, Map<SegmentId, Instant>> e : byLead.entrySet()) {
          Lead lead = leads.get(e.getKey());
          if (lead == null) {
            memberships.forgetLead(e.getKey());
            continue;
          }
          for (SegmentId s : e.getValue().keySet()) {
            if (registry.find(s).isEmpty()) {
              memberships.schedule(s, lead.id(), Optional.empty());
            }
          }
          events.addAll(recheck(lead, e.getValue().keySet(), now, e.getValue(),
              MembershipCause.TIME, cacheOn, null));
        }
      } finally {
        lock.unlock();
      }
      // anything still due at or before now would loop forever: a compiler bug, so stop loudly
      for (SegmentMembershipStore.Check c : due) {
        Optional<Instant> again = memberships.scheduled(c.segment(), c.lead());
        if (again.isPresent() && !again.get().isAfter(now)) {
          memberships.schedule(c.segment(), c.lead(), Optional.empty());
          LOG.error("segment {} re-scheduled lead {} at {} which is not after {}; dropped",
              c.segment(), c.lead(), again.get(), now);
        }
      }
      publish(events);
      processed += due.size();
    }
    return processed;
  }

  /** Membership changes and schedule updates collected for one write (a page of leads). */
  private static class Writes {
    final List<SegmentMembershipStore.Change> changes = new ArrayList<>();
    final List<SegmentMembershipStore.Reschedule> schedules = new ArrayList<>();

    /** Whether {@code lead} is in {@code s}, as far as these writes know; null: ask the store. */
    @Nullable Boolean member(SegmentId s, LeadId lead) {
      return null;
    }

    /** The re-check time of {@code s} for {@code lead}, as far as these writes know. */
    @Nullable Optional<Instant> scheduled(SegmentId s, LeadId lead) {
      return null;
    }

    void add(SegmentMembershipStore.Change c) {
      changes.add(c);
    }

    void add(SegmentMembershipStore.Reschedule r) {
      schedules.add(r);
    }

    void flush(SegmentMembershipStore store) {
      if (!schedules.isEmpty()) {
        store.scheduleAll(schedules);
      }
      if (!changes.isEmpty()) {
        store.apply(changes);
      }
    }
  }

  /**
   * Re-evaluates {@code candidates} (and, on a change, the segments that reference them) for
   * one lead, stores the changes and schedules (or adds them to {@code batch}, which the caller
   * then writes), and returns the events to publish. With {@code cached}, counts and recency
   * read the behaviour cache. Caller holds the lock.
   */
  private List<LeadkitEvent> recheck(Lead lead, Set<SegmentId> candidates, Instant now,
      Map<SegmentId, Instant> dueAt, MembershipCause cause, boolean cached,
      @Nullable Writes batch) {
    if (candidates.size() == 1 && dueAt.isEmpty()) {
      // the common case (one segment, e.g. after a touchpoint): when the membership does not
      // change, only the schedule is refreshed, without the work queue and its collections
      SegmentId s = candidates.iterator().next();
      CompiledPredicate c = registry.rank(s) >= 0 ? registry.compiled(s).orElse(null) : null;
      if (c == null) {
        return List.of();
      }
      Set<SegmentId> only = Set.of(s);
      EvaluationInput in = input(lead, () -> historyNeeds(only, now), now, Map.of(), cached,
          batch);
      if (c.test(in) == isMember(batch, s, lead.id())) {
        PredicateDependencies deps = c.dependencies();
        if (deps.timeDependent() || cause == MembershipCause.TIME) {
          reschedule(s, lead.id(), deps.timeDependent() ? c.nextChange(in) : Optional.empty(),
              batch);
        }
        return List.of();
      }
    }
    PriorityQueue<SegmentId> work = new PriorityQueue<>(
        (a, b) -> Integer.compare(registry.rank(a), registry.rank(b)));
    Set<SegmentId> queued = new HashSet<>();
    for (SegmentId s : candidates) {
      if (registry.rank(s) >= 0 && queued.add(s)) {
        work.add(s);
      }
    }
    if (work.isEmpty()) {
      return List.of();
    }
    Map<SegmentId, Boolean> overlay = new HashMap<>();
    Map<SegmentId, Instant> inheritedAt = new HashMap<>(); // a cascade keeps its cause's time
    // due checks are replayed from their due time, so the history must reach back that far
    Instant since = now;
    for (Instant t : dueAt.values()) {
      since = t.isBefore(since) ? t : since;
    }
    Instant queryTime = since;
    EvaluationInput in = input(lead, () -> historyNeeds(queued, queryTime), now, overlay,
        cached, batch);
    List<SegmentMembershipStore.Change> changes = new ArrayList<>();
    List<LeadkitEvent> events = new ArrayList<>();
    while (!work.isEmpty()) {
      SegmentId s = work.poll();
      CompiledPredicate c = registry.compiled(s).orElse(null);
      if (c == null) {
        continue;
      }
      boolean now1 = c.test(in);
      boolean was = overlay.containsKey(s) ? overlay.get(s) : isMember(batch, s, lead.id());
      PredicateDependencies deps = c.dependencies();
      if (deps.timeDependent() || cause == MembershipCause.TIME) {
        reschedule(s, lead.id(), deps.timeDependent() ? c.nextChange(in) : Optional.empty(),
            batch);
      }
      if (now1 == was) {
        continue;
      }
      Instant at = dueAt.containsKey(s) ? flipTime(c, in, dueAt.get(s), was)
          : inheritedAt.getOrDefault(s, now);
      overlay.put(s, now1);
      changes.add(new SegmentMembershipStore.Change(s, lead.id(), now1, at));
      events.add(now1 ? new SegmentEntered(s, lead.id(), cause, at)
          : new SegmentExited(s, lead.id(), cause, at));
      for (SegmentId d : registry.dependents(s)) {
        inheritedAt.putIfAbsent(d, at);
        if (queued.add(d)) {
          work.add(d);
          in = input(lead, () -> historyNeeds(queued, queryTime), now, overlay, cached,
              batch);
        }
      }
    }
    if (batch != null) {
      changes.forEach(batch::add);
    } else if (!changes.isEmpty()) {
      memberships.apply(changes);
    }
    return events;
  }

  /** Stores {@code next} as the lead's re-check time unless it is already the stored one. */
  private void reschedule(SegmentId s, LeadId lead, Optional<Instant> next,
      @Nullable Writes batch) {
    Optional<Instant> known = batch == null ? null : batch.scheduled(s, lead);
    if (!next.equals(known != null ? known : memberships.scheduled(s, lead))) {
      if (batch != null) {
        batch.add(new SegmentMembershipStore.Reschedule(s, lead, next));
      } else {
        memberships.schedule(s, lead, next);
      }
    }
  }

  /**
   * When a time-driven change actually happened: the first of the announced change instants,
   * starting at the due time, at which the result differs from {@code was}. Change instants
   * are never late, so the first flip is among them.
   */
  private static Instant flipTime(CompiledPredicate c, EvaluationInput in, Instant due,
      boolean was) {
    Instant t = due;
    for (int i = 0; i < 10_000 && t != null && t.isBefore(in.now()); i++) {
      EvaluationInput then = in.at(t);
      if (c.test(then) != was) {
        return t;
      }
      t = c.nextChange(then).orElse(null);
    }
    return in.now();
  }

  /** The last {@link #historyNeeds} answer: a page of a full evaluation asks the same. */
  private @Nullable Set<SegmentId> needsFor;
  private @Nullable Instant needsAt;
  private Optional<TouchpointQuery> needsMemo = Optional.empty();

  /**
   * The union of the history needs of {@code segments} (and what references them). Caller
   * holds the lock.
   */
  private Optional<TouchpointQuery> historyNeeds(Set<SegmentId> segments, Instant now) {
    if (now.equals(needsAt) && segments.equals(needsFor)) {
      return needsMemo;
    }
    Optional<TouchpointQuery> q = computeHistoryNeeds(segments, now);
    needsFor = Set.copyOf(segments);
    needsAt = now;
    needsMemo = q;
    return q;
  }

  private Optional<TouchpointQuery> computeHistoryNeeds(Set<SegmentId> segments, Instant now) {
    Set<SegmentId> all = new HashSet<>();
    Deque<SegmentId> todo = new ArrayDeque<>(segments);
    while (!todo.isEmpty()) {
      SegmentId s = todo.pop();
      if (all.add(s)) {
        todo.addAll(registry.dependents(s));
      }
    }
    Optional<TouchpointQuery> union = Optional.empty();
    for (SegmentId s : all) {
      Optional<TouchpointQuery> q = registry.compiled(s).flatMap(c -> c.historyQuery(now));
      if (q.isPresent()) {
        union = Optional.of(union.map(u -> merge(u, q.get())).orElse(q.get()));
      }
    }
    return union;
  }

  private static TouchpointQuery merge(TouchpointQuery a, TouchpointQuery b) {
    Set<TouchpointType> types = new HashSet<>();
    if (!a.types().isEmpty() && !b.types().isEmpty()) {
      types.addAll(a.types());
      types.addAll(b.types());
    }
    Optional<Instant> from = a.from().isEmpty() || b.from().isEmpty() ? Optional.empty()
        : Optional.of(a.from().get().isBefore(b.from().get()) ? a.from().get() : b.from().get());
    return new TouchpointQuery(types, from, Optional.empty());
  }

  private EvaluationInput input(Lead lead, Optional<TouchpointQuery> needs, Instant now,
      Map<SegmentId, Boolean> overlay, boolean cached) {
    return input(lead, () -> needs, now, overlay, cached, null);
  }

  /**
   * An input whose history is read lazily: {@code needs} is only computed (and the log only
   * read) if a node asks for more than the behaviour cache holds.
   */
  private EvaluationInput input(Lead lead, Supplier<Optional<TouchpointQuery>> needs,
      Instant now, Map<SegmentId, Boolean> overlay, boolean cached, @Nullable Writes batch) {
    LeadId id = lead.id();
    TouchpointLog log = kit().touchpointLog();
    TouchpointHistory full = new TouchpointHistory() {
      private @Nullable TouchpointHistory loaded;

      private TouchpointHistory history() {
        TouchpointHistory h = loaded;
        if (h == null) {
          Optional<TouchpointQuery> q = needs.get();
          h = q.isEmpty() ? TouchpointHistory.empty() : TouchpointHistory.lazy(log, id, q.get());
          loaded = h;
        }
        return h;
      }

      @Override
      public List<Touchpoint> touchpoints() {
        return history().touchpoints();
      }

      @Override
      public List<Touchpoint> latest(TouchpointFilter filter, int k) {
        return history().latest(filter, k);
      }
    };
    TouchpointHistory history = cached ? recent.history(log, id, full) : full;
    java.util.concurrent.atomic.AtomicReference<Set<ListId>> listMemo =
        new java.util.concurrent.atomic.AtomicReference<>();
    return new EvaluationInput(lead, history, now,
        list -> listMemo.updateAndGet(m -> m != null ? m : listStore.listsOf(id)).contains(list),
        seg -> overlay.containsKey(seg) ? overlay.get(seg) : isMember(batch, seg, id));
  }

  // ------------------------------------------------------------------ dependency index

  /** From what changed to the segments that read it. Immutable; rebuilt on (re)definition. */
  private record Index(Map<AttributeKey, Set<SegmentId>> attributes, Set<SegmentId> stage,
      Map<Channel, Set<SegmentId>> consents, Set<SegmentId> owner,
      Map<String, Set<SegmentId>> scores, Map<ListId, Set<SegmentId>> lists,
      Map<TouchpointType, List<Reader>> types, List<Reader> anyType) {

    /** A segment that reads touchpoints, with what it reads. */
    record Reader(SegmentId segment, PredicateDependencies dependencies) {}

    static Index build(SegmentRegistry registry) {
      Map<AttributeKey, Set<SegmentId>> attributes = new HashMap<>();
      Set<SegmentId> stage = new HashSet<>();
      Map<Channel, Set<SegmentId>> consents = new HashMap<>();
      Set<SegmentId> owner = new HashSet<>();
      Map<String, Set<SegmentId>> scores = new HashMap<>();
      Map<ListId, Set<SegmentId>> lists = new HashMap<>();
      Map<TouchpointType, List<Reader>> types = new HashMap<>();
      List<Reader> anyType = new ArrayList<>();
      for (SegmentId s : registry.ordered()) {
        PredicateDependencies d = registry.compiled(s).orElseThrow().dependencies();
        d.attributes().forEach(k -> attributes.computeIfAbsent(k, x -> new HashSet<>()).add(s));
        if (d.stage()) {
          stage.add(s);
        }
        d.consents().forEach(k -> consents.computeIfAbsent(k, x -> new HashSet<>()).add(s));
        if (d.owner()) {
          owner.add(s);
        }
        d.scores().forEach(k -> scores.computeIfAbsent(k, x -> new HashSet<>()).add(s));
        d.lists().forEach(k -> lists.computeIfAbsent(k, x -> new HashSet<>()).add(s));
        if (d.anyTouchpointType()) {
          anyType.add(new Reader(s, d));
        } else {
          d.touchpointTypes().forEach(
              k -> types.computeIfAbsent(k, x -> new ArrayList<>()).add(new Reader(s, d)));
        }
      }
      return new Index(attributes, stage, consents, owner, scores, lists, types, anyType);
    }

    /**
     * The segments {@code t} can change: those with a behaviour filter that {@code t} passes.
     * Any other segment reads the same touchpoints as before, so only time could have changed
     * it, and time-driven changes come from the schedule.
     */
    Set<SegmentId> forTouchpoint(Touchpoint t) {
      Set<SegmentId> out = passing(types.getOrDefault(t.type(), List.of()), t, null);
      out = passing(anyType, t, out);
      return out == null ? Set.of() : out;
    }

    /** Adds to {@code out} (created when needed) the segments of {@code readers} {@code t} passes. */
    private static @Nullable Set<SegmentId> passing(List<Reader> readers, Touchpoint t,
        @Nullable Set<SegmentId> out) {
      for (int i = 0, n = readers.size(); i < n; i++) {
        Reader r = readers.get(i);
        if (r.dependencies().readsTouchpoint(t)) {
          if (out == null) {
            out = new HashSet<>(4);
          }
          out.add(r.segment());
        }
      }
      return out;
    }

    Set<SegmentId> forList(ListId list) {
      return lists.getOrDefault(list, Set.of());
    }

    Set<SegmentId> forChange(Lead before, Lead after) {
      Set<SegmentId> out = new HashSet<>();
      if (!before.attributes().equals(after.attributes())) {
        Map<AttributeKey, AttributeValue> a = before.attributes().asMap();
        Map<AttributeKey, AttributeValue> b = after.attributes().asMap();
        for (Map.Entry<AttributeKey, Set<SegmentId>> e : attributes.entrySet()) {
          if (!java.util.Objects.equals(a.get(e.getKey()), b.get(e.getKey()))) {
            out.addAll(e.getValue());
          }
        }
      }
      if (before.stage() != after.stage()) {
        out.addAll(stage);
      }
      if (!before.consents().equals(after.consents())) {
        for (Map.Entry<Channel, Set<SegmentId>> e : consents.entrySet()) {
          ConsentRecord x = before.consents().get(e.getKey());
          ConsentRecord y = after.consents().get(e.getKey());
          if ((x == null ? null : x.status()) != (y == null ? null : y.status())) {
            out.addAll(e.getValue());
          }
        }
      }
      if (!before.owner().equals(after.owner())) {
        out.addAll(owner);
      }
      if (!before.scores().equals(after.scores())) {
        for (Map.Entry<String, Set<SegmentId>> e : scores.entrySet()) {
          Score x = before.scores().get(e.getKey());
          Score y = after.scores().get(e.getKey());
          if (!java.util.Objects.equals(x == null ? null : x.value(), y == null ? null : y.value())
              || !java.util.Objects.equals(x == null ? null : x.band(),
                  y == null ? null : y.band())) {
            out.addAll(e.getValue());
          }
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ builder

  /** Builds a {@link SegmentsPlugin}; each store may be set once and defaults to in memory. */
  public static final class Builder {
    private @Nullable StaticListStore listStore;
    private @Nullable SegmentMembershipStore membershipStore;
    private @Nullable PredicateQuery predicateQuery;
    private @Nullable Boolean touchpointCache;

    private Builder() {}

    /**
     * Optional: whether to keep, per lead, the few most recent touchpoints each behaviour count
     * or recency condition needs, updated as touchpoints are tracked, so that re-checking a
     * lead after a touchpoint does not read its window from the log (default: on when the
     * engine's touchpoint log is the in-memory one, off otherwise). The cache is rebuilt from
     * the log lazily and dropped on identity changes and full evaluations. Turn it off when
     * other engines (other processes on the same database) record touchpoints for the same
     * leads: it only sees touchpoints recorded through this engine.
     */
    public Builder touchpointCache(boolean enabled) {
      if (touchpointCache != null) {
        throw new InvalidValueException("touchpointCache was already set to " + touchpointCache);
      }
      touchpointCache = enabled;
      return this;
    }

    /**
     * Optional: set-based evaluation by the store (for example {@code
     * JdbcStores.segmentQuery()}), used for the full evaluation of segments that do not depend
     * on time. Without it, full evaluation tests lead by lead.
     */
    public Builder predicateQuery(PredicateQuery value) {
      if (value == null) {
        throw new InvalidValueException("predicateQuery must not be null");
      }
      if (predicateQuery != null) {
        throw new InvalidValueException("predicateQuery was already set to " + predicateQuery);
      }
      predicateQuery = value;
      return this;
    }

    /** The static list store (default: in memory). */
    public Builder staticListStore(StaticListStore value) {
      if (value == null) {
        throw new InvalidValueException("staticListStore must not be null");
      }
      if (listStore != null) {
        throw new InvalidValueException("staticListStore was already set to " + listStore);
      }
      listStore = value;
      return this;
    }

    /** The segment membership store (default: in memory). */
    public Builder membershipStore(SegmentMembershipStore value) {
      if (value == null) {
        throw new InvalidValueException("membershipStore must not be null");
      }
      if (membershipStore != null) {
        throw new InvalidValueException("membershipStore was already set to " + membershipStore);
      }
      membershipStore = value;
      return this;
    }

    /** The plugin. */
    public SegmentsPlugin build() {
      return new SegmentsPlugin(listStore, membershipStore, predicateQuery, touchpointCache);
    }
  }
}
