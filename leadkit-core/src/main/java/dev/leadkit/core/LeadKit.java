package dev.leadkit.core;

import dev.leadkit.core.content.Templates;
import dev.leadkit.core.event.ConsentChanged;
import dev.leadkit.core.event.EventBus;
import dev.leadkit.core.event.LeadCreated;
import dev.leadkit.core.event.LeadUpdated;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.StageChanged;
import dev.leadkit.core.event.TouchpointRecorded;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.internal.CsvImporter;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.mail.DispatchReport;
import dev.leadkit.core.mail.HandOverCheck;
import dev.leadkit.core.mail.OutboxDispatcher;
import dev.leadkit.core.mail.RetryPolicy;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.Outbox;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.Touchpoint;
import java.io.InputStream;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leadkit engine: one entry point for a host. Build it from explicit parts; every part has
 * an in-memory default, so {@code LeadKit.builder().build()} is a working engine.
 *
 * <pre>{@code
 * LeadKit kit = LeadKit.builder()
 *     .clock(Clock.systemUTC())
 *     .stores(JdbcStores.on(dataSource))  // default: InMemory.stores()
 *     .mailer(myMailer)                   // required with durable stores
 *     .install(scoringPlugin)             // plugins run in the order installed
 *     .build();
 * }</pre>
 *
 * <h2>One input, one commit</h2>
 *
 * <p>Each input ({@link #track}, {@link #upsertLead}, {@link #changeStage}, {@link #modify}, ...)
 * runs as one unit of work of the {@link Stores}: the touchpoint append, the lead, and every
 * plugin's writes (scores, memberships, enrolments, outbox messages) commit together or not at
 * all, and a lead changed several times by one input is written once, at the end. On durable
 * stores a failure anywhere leaves the stores as they were, so repeating the input reaches the
 * same state as a run without the failure. Events reach {@link EventBus#on} listeners only after
 * the commit. {@link #inTransaction} runs several inputs, and the host's own writes on the same
 * database, as one unit of work.
 *
 * <p>Every write goes through the stores' compare-and-set, so several engine instances may share
 * one database: a unit of work that lost a race is rolled back and run again from a fresh read.
 *
 * <p>Thread-safe: build one engine and share it between all threads; any number of threads may
 * call it at once, and each call's unit of work is confined to its thread. What is fixed at build
 * time stays fixed (stores, mailer, clock, plugins, and the hooks the plugins register while they
 * are installed; registering a hook later is refused). A lost race is retried from a fresh read a
 * bounded number of times, after which the conflict reaches the caller. Events are published on
 * the calling thread. {@link #runDue()} and {@link #dispatch()} may run on several threads or
 * nodes at once: due journey steps and outbox messages are claimed under leases; due segment
 * re-checks and score-decay checks are not, so two runs may re-check the same lead, each writing
 * by compare-and-set. The in-memory defaults are thread-safe but hold one process's data, and
 * their unit of work isolates nothing: another thread may see some of an input's writes before
 * the rest.
 */
public final class LeadKit {
  private static final Logger LOG = LoggerFactory.getLogger(LeadKit.class);
  private static final int MAX_RETRIES = 16;
  private static final int BATCH = 500;

  private final Clock clock;
  private final Stores stores;
  private final WriteBehindLeadStore leads;
  private final boolean mailerChosen;
  private final ThreadLocal<@Nullable UnitOfWork> unit = new ThreadLocal<>();
  private final TouchpointLog touchpoints;
  private final Outbox outbox;
  private final Mailer mailer;
  private final StageTransitions transitions;
  private final EventBus events;
  private final OutboxDispatcher dispatcher;
  private final List<LeadKitPlugin> plugins;
  private final Vocabulary vocabulary;
  private final Function<EmailAddress, LeadId> leadIds;
  private final EngineTemplates templates;

  private static final Hooks.Phase[] PHASES = Hooks.Phase.values();
  private final List<Hooks.TouchpointResolver> resolvers = new CopyOnWriteArrayList<>();
  private final EnumMap<Hooks.Phase, List<Hooks.TouchpointHandler>> handlers =
      new EnumMap<>(Hooks.Phase.class);
  private final List<Hooks.LeadChangeHandler> leadHandlers = new CopyOnWriteArrayList<>();
  /** The deciders of each phase, by the phase's ordinal. */
  private final List<List<Decider>> deciders = new ArrayList<>();
  /** The plugin of each decider, parallel to {@link #deciders}. */
  private final List<List<String>> deciderPlugins = new ArrayList<>();
  private final @Nullable DecisionObserver observer;
  /** In memory nothing is transactional: inputs of one lead are decided one at a time. */
  private final com.google.common.util.concurrent.Striped<java.util.concurrent.locks.Lock>
      leadLocks = com.google.common.util.concurrent.Striped.lock(256);
  private final StatePart<List<Touchpoint>> historyPart = new StatePart<>() {
    @Override
    public List<Touchpoint> load(LeadId lead) {
      return touchpoints.findByLead(lead, dev.leadkit.core.port.TouchpointQuery.all());
    }

    @Override
    public void commit(LeadId lead, List<Touchpoint> value) {
      // read only: the touchpoint being decided was appended before the deciders ran
    }

    @Override
    public String toString() {
      return "history";
    }
  };
  private final List<Hooks.PersonalData> personalData = new CopyOnWriteArrayList<>();
  private final List<HandOverCheck> handOverChecks = new CopyOnWriteArrayList<>();
  private final Map<String, Hooks.DueWork> dueWork = new LinkedHashMap<>();

  private LeadKit(Builder b) {
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.stores = b.stores != null ? b.stores : new PartStores(b.leadStore, b.touchpointLog,
        b.outbox);
    this.leads = new WriteBehindLeadStore(stores.leadStore(), unit::get);
    this.touchpoints = stores.touchpointLog();
    this.outbox = stores.outbox();
    this.mailerChosen = b.mailer != null;
    this.mailer = b.mailer == null ? new RecordingMailer() : b.mailer;
    this.transitions = b.transitions == null ? StageTransitions.defaults() : b.transitions;
    this.vocabulary = b.vocabulary == null ? Vocabulary.ofDefaults() : b.vocabulary;
    this.leadIds = b.leadIds == null ? email -> LeadId.random() : b.leadIds;
    this.templates = new EngineTemplates(
        stores.port(dev.leadkit.core.port.DefinitionStore.class).orElse(null), clock,
        vocabulary.isLenient());
    this.events = new EventBus();
    this.dispatcher = new OutboxDispatcher(stores, leads, mailer, clock, events,
        b.retry == null ? RetryPolicy.ofDefaults() : b.retry,
        b.lease == null ? Duration.ofMinutes(5) : b.lease, handOverChecks);
    for (Hooks.Phase p : Hooks.Phase.values()) {
      handlers.put(p, new CopyOnWriteArrayList<>());
      deciders.add(new CopyOnWriteArrayList<>());
      deciderPlugins.add(new CopyOnWriteArrayList<>());
    }
    this.observer = b.observer;
    this.plugins = List.copyOf(b.plugins);
    InstallHooks hooks = new InstallHooks();
    for (LeadKitPlugin p : plugins) {
      hooks.plugin = p.name();
      p.install(this, hooks);
    }
    hooks.open = false;
  }

  /** Starts building an engine. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- parts

  /** The engine's clock; leadkit reads time nowhere else. */
  public Clock clock() {
    return clock;
  }

  /** The stores the engine and its plugins keep their data in. */
  public Stores stores() {
    return stores;
  }

  /**
   * The template registry: the template ids journeys and sends may name. Lenient (every id
   * accepted) until a template is registered; see {@link Templates}.
   *
   * @return the registry, shared by every engine on the same stores
   */
  public Templates templates() {
    return templates;
  }

  /** The event bus: register listeners here. */
  public EventBus events() {
    return events;
  }

  /**
   * The lead store (read directly; write through the engine). Inside a unit of work it shows the
   * unit's own changes before they are written.
   */
  public LeadStore leadStore() {
    return leads;
  }

  /** The touchpoint log (read directly; write through {@link #track}). */
  public TouchpointLog touchpointLog() {
    return touchpoints;
  }

  /** The outbox. */
  public Outbox outbox() {
    return outbox;
  }

  /** The mailer the dispatcher hands messages to. */
  public Mailer mailer() {
    return mailer;
  }

  /** The lifecycle transition table. */
  public StageTransitions stageTransitions() {
    return transitions;
  }

  /**
   * The per-lead data parts the installed plugins registered ({@link
   * Hooks#personalData(Hooks.PersonalData)}), in registration order: what the identity plugin's
   * erase deletes and its export includes besides the engine's own ports.
   *
   * @return the parts, read-only
   */
  public List<Hooks.PersonalData> personalData() {
    return List.copyOf(personalData);
  }

  /**
   * The names definitions may use; segments, scoring models and journeys naming others are
   * refused with {@link UnknownVocabularyException}.
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The installed plugin of {@code type}. */
  public <P extends LeadKitPlugin> Optional<P> plugin(Class<P> type) {
    Args.notNull(type, "type");
    return plugins.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  // ---------------------------------------------------------------- unit of work

  /**
   * Runs {@code work} as one unit of work of the {@link #stores()}: every input it makes through
   * this engine, and every write of the host's own through the same stores' transaction (see
   * {@code JdbcStores}), commits once, together, or not at all. Events reach listeners after the
   * commit. A call inside another unit of work joins it.
   *
   * <pre>{@code
   * kit.inTransaction(() -> {
   *   crm.save(order);                 // the host's write, on the same transaction
   *   return kit.track(purchase);      // leadkit's writes
   * });
   * }</pre>
   *
   * <p>If {@code work} throws, the unit of work is rolled back (durable stores) and the exception
   * propagates; it is not run again.
   */
  public <T> T inTransaction(Supplier<T> work) {
    Args.notNull(work, "work");
    return unitOfWork(work, false);
  }

  /**
   * Runs {@code work} as one unit of work (or inside the current one). With {@code retry}, a unit
   * that lost a race (a stale lead version, a clashing new lead, a transaction the database
   * aborted) is rolled back and run again from a fresh read; {@code work} must then be safe to
   * run again, which the engine's own inputs are, since the rollback undid everything.
   */
  private <T> T unitOfWork(Supplier<T> work, boolean retry) {
    if (unit.get() != null) {
      return work.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return events.deferring(() -> stores.inTransaction(() -> {
          UnitOfWork u = new UnitOfWork(stores.durable());
          unit.set(u);
          try {
            T result = work.get();
            leads.flush(u);
            return result;
          } finally {
            unit.remove();
          }
        }));
      } catch (ConcurrentUpdateException | DuplicateLeadException
          | TransactionConflictException e) {
        if (!retry || !stores.durable() || attempt >= MAX_RETRIES) {
          throw e;
        }
        LOG.debug("unit of work lost a race, running it again (attempt {})", attempt, e);
      }
    }
  }

  // ---------------------------------------------------------------- reads

  /** The lead with {@code id}. */
  public Optional<Lead> lead(LeadId id) {
    Args.notNull(id, "id");
    Pass p = activePass(id);
    if (p != null) {
      return Optional.of(p.current);
    }
    return leads.findById(id);
  }

  /** The lead with the given address (normalised first; malformed throws). */
  public Optional<Lead> leadByEmail(String email) {
    Args.email(email, "email");
    return leads.findByEmail(EmailAddress.parse(email));
  }

  /** The lead with {@code id}, or {@link UnknownLeadException}. */
  public Lead require(LeadId id) {
    Args.notNull(id, "id");
    return lead(id).orElseThrow(() -> new UnknownLeadException(id));
  }

  private @Nullable Pass activePass(LeadId id) {
    UnitOfWork u = unit.get();
    return u == null || u.passes.isEmpty() ? null : u.passes.get(id);
  }

  // ---------------------------------------------------------------- lead writes

  /** Creates the lead or merges {@code input} into the lead with the same address. */
  public UpsertResult upsertLead(LeadInput input) {
    Args.notNull(input, "input");
    return upsertLeads(List.of(input)).get(0);
  }

  /**
   * Upserts many leads atomically in batches of 500: inputs with the same address are folded
   * into one (later values win), every batch is written whole or not at all, and an input that
   * changes nothing writes nothing. Results are in input order; folded duplicates share a
   * result.
   */
  public List<UpsertResult> upsertLeads(List<LeadInput> inputs) {
    Args.notNull(inputs, "inputs");
    Map<EmailAddress, LeadInput> folded = new LinkedHashMap<>();
    int at = 0;
    for (LeadInput in : inputs) {
      Args.notNull(in, "inputs[" + at++ + "]");
      folded.merge(in.email(), in, LeadKit::fold);
    }
    Map<EmailAddress, UpsertResult> results = new LinkedHashMap<>();
    List<LeadInput> all = new ArrayList<>(folded.values());
    for (int i = 0; i < all.size(); i += BATCH) {
      List<LeadInput> batch = all.subList(i, Math.min(all.size(), i + BATCH));
      results.putAll(unitOfWork(() -> upsertBatch(batch), true));
    }
    List<UpsertResult> out = new ArrayList<>(inputs.size());
    for (LeadInput in : inputs) {
      out.add(results.get(in.email()));
    }
    return out;
  }

  private static LeadInput fold(LeadInput a, LeadInput b) {
    Map<Channel, LeadInput.ConsentStatusAndSource> consents = new LinkedHashMap<>(a.consents());
    consents.putAll(b.consents());
    return new LeadInput(a.email(), a.attributes().withAll(b.attributes()),
        a.defaults().withAll(b.defaults()), b.owner().isPresent() ? b.owner() : a.owner(),
        consents, b.initialStage().isPresent() ? b.initialStage() : a.initialStage());
  }

  private Map<EmailAddress, UpsertResult> upsertBatch(List<LeadInput> batch) {
    for (int attempt = 1; ; attempt++) {
      Instant now = clock.instant();
      Map<EmailAddress, Lead> existing =
          leads.findAllByEmail(batch.stream().map(LeadInput::email).toList());
      Map<EmailAddress, UpsertResult> results = new LinkedHashMap<>();
      List<Lead> toSave = new ArrayList<>();
      List<Lead> befores = new ArrayList<>();
      for (LeadInput in : batch) {
        Lead before = existing.get(in.email());
        Lead after = before == null ? newLead(in, now) : applyInput(before, in, now);
        if (before != null && after.sameContent(before)) {
          results.put(in.email(), new UpsertResult(before, UpsertResult.Outcome.UNCHANGED));
        } else {
          toSave.add(after);
          befores.add(before);
        }
      }
      List<Lead> saved;
      try {
        saved = toSave.isEmpty() ? List.of() : leads.saveAll(toSave);
      } catch (ConcurrentUpdateException | DuplicateLeadException e) {
        if (attempt >= MAX_RETRIES) {
          throw e;
        }
        LOG.debug("upsert batch lost a race, retrying (attempt {})", attempt, e);
        continue;
      }
      for (int i = 0; i < saved.size(); i++) {
        Lead before = befores.get(i);
        Lead s = afterWrite(before, saved.get(i), "upsert");
        results.put(s.email(), new UpsertResult(s, before == null
            ? UpsertResult.Outcome.CREATED : UpsertResult.Outcome.UPDATED));
      }
      return results;
    }
  }

  private Lead newLead(LeadInput in, Instant now) {
    LeadId id = leadIds.apply(in.email());
    if (id == null) {
      throw new InvalidValueException("the lead id function returned null for " + in.email());
    }
    Lead lead = Lead.create(id, in.email(),
        in.defaults().withAll(in.attributes()), now);
    lead = lead.withOwner(in.owner(), now);
    for (Map.Entry<Channel, LeadInput.ConsentStatusAndSource> c : in.consents().entrySet()) {
      lead = lead.withConsent(new ConsentRecord(c.getKey(), c.getValue().status(),
          c.getValue().source(), now));
    }
    if (in.initialStage().isPresent()) {
      lead = lead.withStage(in.initialStage().get(), "created", now, transitions);
    }
    return lead;
  }

  private static Lead applyInput(Lead lead, LeadInput in, Instant now) {
    var attrs = lead.attributes().withAll(in.attributes());
    for (var e : in.defaults().asMap().entrySet()) {
      if (!attrs.has(e.getKey())) {
        attrs = attrs.with(e.getKey(), e.getValue());
      }
    }
    Lead out = lead.withAttributes(attrs, now);
    if (in.owner().isPresent()) {
      out = out.withOwner(in.owner(), now);
    }
    for (Map.Entry<Channel, LeadInput.ConsentStatusAndSource> c : in.consents().entrySet()) {
      if (out.consent(c.getKey()).isEmpty()) {
        out = out.withConsent(new ConsentRecord(c.getKey(), c.getValue().status(),
            c.getValue().source(), now));
      }
    }
    return out;
  }

  /**
   * Applies {@code change} to the stored lead and saves the result, retrying from a fresh read
   * if another writer got there first. The function must be pure: it may run more than once. If
   * it returns a lead with the same content, nothing is written. Publishes the matching events
   * and runs the plugins' lead change handlers.
   */
  public Lead modify(LeadId id, UnaryOperator<Lead> change) {
    Args.notNull(id, "id");
    Args.notNull(change, "change");
    return unitOfWork(() -> modifyNow(id, change), true);
  }

  private Lead modifyNow(LeadId id, UnaryOperator<Lead> change) {
    Pass active = activePass(id);
    if (active != null) {
      // a change from inside the decision of this very lead (a plugin acting on it): it goes
      // into the working copy, and the pipeline runs another round so every decider sees it
      Lead before = active.current;
      Lead after = change.apply(before);
      if (after == null || !after.id().equals(id) || after.version() != before.version()) {
        throw new InvalidValueException("a lead change must return the same lead and version,"
            + " not " + after);
      }
      if (!after.sameContent(before)) {
        active.current = after;
        active.changedBy = Hooks.Phase.OTHER;
      }
      return active.current;
    }
    for (int attempt = 1; ; attempt++) {
      Lead before = require(id);
      Lead after = change.apply(before);
      if (after == null || !after.id().equals(id)) {
        throw new InvalidValueException("a lead change must return the same lead, not " + after);
      }
      if (after.sameContent(before)) {
        return before;
      }
      if (after.version() != before.version()) {
        throw new InvalidValueException("a lead change must not alter the version");
      }
      if (!after.attributes().equals(before.attributes())) {
        after.timeZone(); // an invalid time_zone is refused before anything is written
      }
      Lead saved;
      try {
        saved = leads.save(after);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= MAX_RETRIES) {
          throw e;
        }
        continue;
      }
      return afterWrite(before, saved, "modify");
    }
  }

  /** Moves the lead to {@code stage}; an illegal move throws {@link IllegalStageTransitionException}. */
  public Lead changeStage(LeadId id, LifecycleStage stage, String reason) {
    Args.notNull(id, "id");
    Args.notNull(stage, "stage");
    Args.notNull(reason, "reason");
    return modify(id, l -> l.withStage(stage, reason, clock.instant(), transitions));
  }

  /** Records the lead's consent on {@code channel}. */
  public Lead recordConsent(LeadId id, Channel channel, ConsentStatus status, String source) {
    Args.notNull(id, "id");
    Args.notNull(channel, "channel");
    Args.notNull(status, "status");
    Args.notNull(source, "source");
    ConsentRecord record = new ConsentRecord(channel, status, source, clock.instant());
    return modify(id, l -> l.consent(channel).map(ConsentRecord::status).orElse(null) == status
        ? l : l.withConsent(record));
  }

  /** Sets the lead's owner (sales rep). */
  public Lead assignOwner(LeadId id, OwnerId owner) {
    Args.notNull(id, "id");
    Args.notNull(owner, "owner");
    return modify(id, l -> l.withOwner(Optional.of(owner), clock.instant()));
  }

  /**
   * Publishes the events of a written lead change and decides it: runs the pipeline for the
   * change and writes what the deciders changed. Returns the lead as finally written.
   */
  private Lead afterWrite(@Nullable Lead before, Lead after, String cause) {
    leadEvents(before, after);
    return decide(before, after, new Input.Changed(cause));
  }

  private void leadEvents(@Nullable Lead before, Lead after) {
    Instant now = clock.instant();
    if (before == null) {
      events.publish(new LeadCreated(after, now));
    } else {
      events.publish(new LeadUpdated(before, after, now));
    }
    LifecycleStage from = before == null ? LifecycleStage.KNOWN : before.stage();
    if (before == null) {
      after.stageHistory().forEach(c -> events.publish(
          new StageChanged(after.id(), c.from(), c.to(), c.reason(), c.at())));
    } else if (from != after.stage()) {
      // a restored lead (e.g. an undone merge) may change stage with a shorter history
      List<dev.leadkit.core.lead.StageChange> history = after.stageHistory();
      String reason = history.isEmpty() || history.get(history.size() - 1).to() != after.stage()
          ? "restored" : history.get(history.size() - 1).reason();
      events.publish(new StageChanged(after.id(), from, after.stage(), reason, now));
    }
    for (ConsentRecord c : after.consents().values()) {
      Optional<ConsentRecord> old = before == null ? Optional.empty() : before.consent(c.channel());
      if (!old.equals(Optional.of(c))) {
        events.publish(new ConsentChanged(after.id(), old, c, now));
      }
    }
  }

  // ---------------------------------------------------------------- the decision pipeline

  /**
   * Decides {@code input} for one stored lead through the pipeline (every installed
   * {@link Decider}, in phase order) and commits the result as one unit of work, or inside the
   * current one. Plugins use it for inputs of their own, such as a timer that came due or a
   * re-score after a merge; hosts change leads through {@link #track}, {@link #modify} and the
   * other entry points, which decide their inputs themselves.
   *
   * @param lead the lead
   * @param input what to decide; a {@link Input.Tracked} input must concern {@code lead}
   * @return the lead as written afterwards
   * @throws UnknownLeadException if no such lead is stored
   */
  public Lead decide(LeadId lead, Input input) {
    Args.notNull(lead, "lead");
    Args.notNull(input, "input");
    if (input instanceof Input.Tracked t && !t.touchpoint().lead().equals(Optional.of(lead))) {
      throw new InvalidValueException("touchpoint " + t.touchpoint().id() + " is not about lead "
          + lead);
    }
    Lead out = unitOfWork(() -> {
      Lead l = require(lead);
      return decide(l, l, input);
    }, true);
    if (observer != null && input instanceof Input.Timer t && unit.get() == null) {
      timersFired(t.kind(), List.of(t.due()), clock.instant());
    }
    return out;
  }

  /** Rounds after which a lead that keeps changing is a plugin bug. */
  private static final int MAX_ROUNDS = 8;
  /** Inputs one decision may queue for its own lead (bookkeeping touchpoints, say). */
  private static final int MAX_FOLLOW_UPS = 1_000;

  /**
   * Decides {@code input} for the lead {@code current} (already written): runs the deciders,
   * phase by phase, over one working copy; another round when a late phase changed the lead;
   * then commits the changed parts and writes the lead once if the deciders changed it.
   * Returns the lead as finally written.
   */
  private Lead decide(@Nullable Lead stored, Lead current, Input input) {
    UnitOfWork u = unit.get();
    if (u == null) {
      throw new IllegalStateException("deciding outside a unit of work");
    }
    LeadId id = current.id();
    Pass nested = u.passes.get(id);
    if (nested != null) {
      // an input about a lead from inside its own decision (a plugin tracking a bookkeeping
      // touchpoint, say): decided in a later round of the same pass, committed with it
      if (input instanceof Input.Changed) {
        if (current.version() > nested.current.version()) {
          nested.current = current;
        }
        nested.changedBy = Hooks.Phase.OTHER;
      } else {
        nested.followUps.add(input);
      }
      return nested.current;
    }
    java.util.concurrent.locks.Lock lock = stores.durable() ? null : leadLocks.get(id);
    if (lock != null) {
      lock.lock();
      // another thread may have decided this lead between our read and the lock
      Lead fresh = leads.findById(id).orElse(null);
      if (fresh != null && fresh.version() != current.version()) {
        stored = stored == current ? fresh : stored;
        current = fresh;
      }
    }
    Pass pass = new Pass(current, clock.instant(), transitions, events::publishDecided,
        historyPart, u.scratch);
    u.passes.put(id, pass);
    DecisionObserver.InputScope scope = observer == null ? null : started(observer, id, input);
    try {
      Lead roundBefore = stored;
      Input in = input;
      int lateRounds = 0;
      for (int round = 1; ; round++) {
        pass.changedBy = null;
        Lead seen = pass.current;
        LeadState state = new LeadState(pass, roundBefore, in);
        Lead lateStart = null;
        for (Hooks.Phase p : PHASES) {
          pass.phase = p;
          if (p == Hooks.Phase.JOURNEYS) {
            lateStart = pass.current;
          }
          List<Decider> ds = deciders.get(p.ordinal());
          if (scope == null) {
            for (int i = 0, n = ds.size(); i < n; i++) {
              ds.get(i).decide(state);
            }
          } else {
            observed(scope, p, ds, state, pass);
          }
          if (in instanceof Input.Tracked t) {
            List<Hooks.TouchpointHandler> hs = handlersOf(p);
            for (int i = 0, n = hs.size(); i < n; i++) {
              hs.get(i).onTouchpoint(t.touchpoint());
            }
          }
        }
        pass.phase = Hooks.Phase.OTHER;
        if (roundBefore == null || !roundBefore.sameContent(pass.current)) {
          for (Hooks.LeadChangeHandler h : leadHandlers) {
            h.onLeadChanged(roundBefore, pass.current);
          }
        }
        boolean late = pass.changedBy == Hooks.Phase.JOURNEYS
            || pass.changedBy == Hooks.Phase.OTHER;
        if (late) {
          if (++lateRounds > MAX_ROUNDS) {
            throw new LeadkitException("the deciders kept changing lead " + id + " for "
                + MAX_ROUNDS + " rounds of one input; a plugin undoes another's change");
          }
          // earlier phases have not seen the late change yet: they see it in the next round
          roundBefore = lateStart == null ? seen : lateStart;
          in = new Input.Changed("round");
        } else {
          Input queued = pass.followUps.poll();
          if (queued == null) {
            break;
          }
          if (round > MAX_FOLLOW_UPS) {
            throw new LeadkitException("lead " + id + ": more than " + MAX_FOLLOW_UPS
                + " inputs queued from inside one decision");
          }
          roundBefore = pass.current;
          in = queued;
        }
      }
      pass.commitParts();
      Lead fin = pass.current;
      if (fin.sameContent(current)) {
        if (scope != null) {
          finished(scope, pass.effects > 0 ? DecisionObserver.Outcome.CHANGED
              : DecisionObserver.Outcome.UNCHANGED, null);
        }
        return current;
      }
      Lead saved = leads.save(fin);
      leadEvents(current, saved);
      if (scope != null) {
        finished(scope, DecisionObserver.Outcome.CHANGED, null);
      }
      return saved;
    } catch (RuntimeException | Error e) {
      if (scope != null) {
        finished(scope, DecisionObserver.Outcome.FAILED, e);
      }
      throw e;
    } finally {
      u.passes.remove(id);
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  /** Runs the deciders of {@code phase}, telling {@code scope} about each. */
  private void observed(DecisionObserver.InputScope scope, Hooks.Phase phase, List<Decider> ds,
      LeadState state, Pass pass) {
    List<String> names = deciderPlugins.get(phase.ordinal());
    for (int i = 0, n = ds.size(); i < n; i++) {
      int effects = pass.effects;
      long start = System.nanoTime();
      DecisionObserver.Outcome outcome = DecisionObserver.Outcome.FAILED;
      try {
        ds.get(i).decide(state);
        outcome = pass.effects != effects ? DecisionObserver.Outcome.CHANGED
            : DecisionObserver.Outcome.UNCHANGED;
      } finally {
        long nanos = System.nanoTime() - start;
        try {
          scope.decided(phase, names.get(i), outcome, nanos);
        } catch (RuntimeException e) {
          LOG.warn("the decision observer failed; ignored", e);
        }
      }
    }
  }

  private static DecisionObserver.@Nullable InputScope started(DecisionObserver observer,
      LeadId id, Input input) {
    try {
      return observer.inputStarted(id, input);
    } catch (RuntimeException e) {
      LOG.warn("the decision observer failed; ignored", e);
      return null;
    }
  }

  private static void finished(DecisionObserver.InputScope scope,
      DecisionObserver.Outcome outcome, @Nullable Throwable failure) {
    try {
      scope.finished(outcome, failure);
    } catch (RuntimeException e) {
      LOG.warn("the decision observer failed; ignored", e);
    }
  }

  /**
   * Reports due timers that fired, after the unit of work that fired them committed, to the
   * engine's {@link DecisionObserver} (if there is one). For plugins that fire timers of their
   * own; inputs decided with {@link #decide(LeadId, Input)} as an {@link Input.Timer} are
   * reported by the engine itself.
   *
   * @param kind who owns the timers, for example {@code "journey"}
   * @param due when each was due
   * @param fired when they were fired
   * @throws InvalidValueException if an argument is or holds null
   */
  public void timersFired(String kind, List<Instant> due, Instant fired) {
    Args.notNull(kind, "kind");
    Args.notNull(due, "due");
    Args.notNull(fired, "fired");
    DecisionObserver o = observer;
    if (o == null) {
      return;
    }
    for (Instant d : due) {
      Args.notNull(d, "due[]");
      try {
        o.timerFired(kind, d, fired);
      } catch (RuntimeException e) {
        LOG.warn("the decision observer failed; ignored", e);
      }
    }
  }

  // ---------------------------------------------------------------- touchpoints

  /**
   * Records a touchpoint: resolves identity, appends it to the log (once per id), runs the
   * plugins' handlers (scoring, segments, journeys) and publishes {@link TouchpointRecorded}.
   * A touchpoint about a lead that does not exist is refused with
   * {@link UnknownLeadException} before anything is written. A duplicate id returns
   * {@code recorded == false} and does nothing else.
   */
  public TrackResult track(Touchpoint touchpoint) {
    Args.notNull(touchpoint, "touchpoint");
    return unitOfWork(() -> trackNow(touchpoint), true);
  }

  private TrackResult trackNow(Touchpoint touchpoint) {
    // the common case, without the batch's collections: resolve, check the lead, append, run
    // the handlers; the same steps and order as trackAll with one touchpoint
    Touchpoint r = resolve(touchpoint);
    Optional<LeadId> lead = r.lead();
    Lead found = null;
    if (lead.isPresent()) {
      found = lead(lead.get()).orElseThrow(() -> new UnknownLeadException(lead.get()));
    }
    // appendAll, not append: deciders see the touchpoint as stored (e.g. time truncated)
    List<Touchpoint> fresh = touchpoints.appendAll(List.of(r));
    if (!fresh.isEmpty()) {
      recorded(fresh.get(0), found);
    }
    return new TrackResult(r, !fresh.isEmpty());
  }

  /** {@code t} after every resolver, in registration order. */
  private Touchpoint resolve(Touchpoint t) {
    Touchpoint r = t;
    // hooks are only ever added (during installation), so indexing is safe and allocates no
    // iterator on this hot path
    for (int i = 0, n = resolvers.size(); i < n; i++) {
      r = resolvers.get(i).resolve(r);
    }
    return r;
  }

  // the constructor puts a list for every phase in the map
  private List<Hooks.TouchpointHandler> handlersOf(Hooks.Phase phase) {
    List<Hooks.TouchpointHandler> hs = handlers.get(phase);
    if (hs == null) {
      throw new IllegalStateException("no handler list for phase " + phase);
    }
    return hs;
  }

  /**
   * Decides a recorded touchpoint for its lead (or, for an anonymous one, runs the touchpoint
   * handlers), then publishes {@link TouchpointRecorded}.
   */
  private void recorded(Touchpoint t, @Nullable Lead lead) {
    if (lead != null) {
      decide(lead, lead, new Input.Tracked(t));
    } else {
      for (Hooks.Phase p : PHASES) {
        List<Hooks.TouchpointHandler> hs = handlersOf(p);
        for (int i = 0, n = hs.size(); i < n; i++) {
          hs.get(i).onTouchpoint(t);
        }
      }
    }
    events.publish(new TouchpointRecorded(t, clock.instant()));
  }

  /** Records many touchpoints; the log append is one atomic batch. Results are in input order. */
  public List<TrackResult> trackAll(Collection<Touchpoint> batch) {
    Args.notNull(batch, "batch");
    int at = 0;
    for (Touchpoint t : batch) {
      Args.notNull(t, "batch[" + at++ + "]");
    }
    return unitOfWork(() -> trackAllNow(batch), true);
  }

  private List<TrackResult> trackAllNow(Collection<Touchpoint> batch) {
    List<Touchpoint> resolved = new ArrayList<>(batch.size());
    for (Touchpoint t : batch) {
      resolved.add(resolve(t));
    }
    if (resolved.size() == 1) {
      // the common case (one tracked touchpoint): one lookup, no collections
      Optional<LeadId> only = resolved.get(0).lead();
      if (only.isPresent() && leads.findById(only.get()).isEmpty()) {
        throw new UnknownLeadException(only.get());
      }
    } else {
      java.util.Set<LeadId> mentioned = new java.util.LinkedHashSet<>();
      for (Touchpoint t : resolved) {
        t.lead().ifPresent(mentioned::add);
      }
      if (!mentioned.isEmpty()) {
        Map<LeadId, Lead> found = leads.findAllById(mentioned);
        for (LeadId id : mentioned) {
          if (!found.containsKey(id)) {
            throw new UnknownLeadException(id);
          }
        }
      }
    }
    List<Touchpoint> fresh = touchpoints.appendAll(resolved);
    java.util.Set<Object> freshIds = new java.util.HashSet<>();
    for (Touchpoint t : fresh) {
      freshIds.add(t.id());
    }
    for (Touchpoint t : fresh) {
      Lead lead = t.lead().isEmpty() ? null
          : lead(t.lead().get()).orElseThrow(() -> new UnknownLeadException(t.lead().get()));
      recorded(t, lead);
    }
    List<TrackResult> out = new ArrayList<>(resolved.size());
    for (Touchpoint t : resolved) {
      out.add(new TrackResult(t, freshIds.remove(t.id())));
    }
    return out;
  }

  // ---------------------------------------------------------------- imports

  /**
   * Imports offline leads from CSV text; see {@link CsvImportSpec}. The text is already decoded,
   * so the spec's charset does not apply and the report names none.
   *
   * @throws ImportException if the file cannot be imported at all (no header, no e-mail column);
   *     nothing is imported then
   */
  public ImportReport importCsv(Reader csv, CsvImportSpec spec) {
    Args.notNull(csv, "csv");
    Args.notNull(spec, "spec");
    return CsvImporter.run(this, csv, spec);
  }

  /**
   * Imports offline leads from the bytes of a CSV file, decoded in the spec's charset or the
   * detected one (UTF-8 with or without a byte-order mark, else Windows-31J); see {@link
   * CsvImportSpec}. Reads {@code csv} to its end and does not close it. The file is held in
   * memory while it is imported.
   *
   * @throws ImportException if the file cannot be imported at all (no header, no e-mail column,
   *     bytes that are neither UTF-8 nor Windows-31J, bad bytes in the header); nothing is
   *     imported then
   */
  public ImportReport importCsv(InputStream csv, CsvImportSpec spec) {
    Args.notNull(csv, "csv");
    Args.notNull(spec, "spec");
    return CsvImporter.run(this, csv, spec);
  }

  // ---------------------------------------------------------------- time-driven work

  /**
   * Runs everything due at the clock's current time: each plugin's due work in installation
   * order, then the outbox dispatcher until no message is ready. Same as
   * {@code runDue(DueLimits.none())}.
   */
  public DueReport runDue() {
    return runDue(DueLimits.none());
  }

  /**
   * Runs what is due at the clock's current time, within {@code limits}: each plugin's due work in
   * installation order, batch by batch; between batches the outbox dispatcher hands ready
   * messages to the mailer, so mail leaves while the work goes on. It stops at the limits, leaving
   * the rest due for the next run ({@link DueReport#complete()} is then false), and ends with the
   * dispatcher.
   */
  public DueReport runDue(DueLimits limits) {
    Args.notNull(limits, "limits");
    Instant now = clock.instant();
    Instant deadline = limits.maxTime() == null ? null : now.plus(limits.maxTime());
    Map<String, Integer> processed = new LinkedHashMap<>();
    DispatchReport[] dispatched = {DispatchReport.empty()};
    int[] items = {0};
    boolean[] stopped = {false};
    Hooks.DueBudget budget = n -> {
      items[0] += n;
      if (n > 0) {
        dispatched[0] = dispatched[0].plus(dispatch());
      }
      boolean more = items[0] < limits.maxItems()
          && (deadline == null || clock.instant().isBefore(deadline));
      if (!more) {
        stopped[0] = true;
      }
      return more;
    };
    for (Map.Entry<String, Hooks.DueWork> w : dueWork.entrySet()) {
      if (stopped[0]) {
        break;
      }
      processed.put(w.getKey(), w.getValue().runDue(now, budget));
    }
    dispatched[0] = dispatched[0].plus(dispatch());
    return new DueReport(now, processed, dispatched[0], !stopped[0]);
  }

  /**
   * Hands every ready outbox message to the mailer. With durable stores and no mailer chosen,
   * refuses with {@link MailerNotConfiguredException} and leaves the outbox as it is: the default
   * {@link RecordingMailer} delivers nothing, so it must be chosen explicitly.
   */
  public DispatchReport dispatch() {
    if (!mailerChosen && stores.durable()) {
      throw new MailerNotConfiguredException(stores);
    }
    return dispatcher.dispatchAll(100);
  }

  private final class InstallHooks implements Hooks {
    private boolean open = true;
    private String plugin = "";

    private void checkOpen() {
      if (!open) {
        throw new LeadkitException("hooks can only be registered while a plugin is installed");
      }
    }

    @Override
    public void resolveTouchpoints(TouchpointResolver resolver) {
      checkOpen();
      resolvers.add(Args.notNull(resolver, "resolver"));
    }

    @Override
    public void onTouchpoint(Phase phase, TouchpointHandler handler) {
      checkOpen();
      Args.notNull(phase, "phase");
      handlersOf(phase).add(Args.notNull(handler, "handler"));
    }

    @Override
    public void decide(Phase phase, Decider decider) {
      checkOpen();
      Args.notNull(phase, "phase");
      Args.notNull(decider, "decider");
      // the name first: a decider is only ever read together with its plugin's name
      deciderPlugins.get(phase.ordinal()).add(plugin);
      deciders.get(phase.ordinal()).add(decider);
    }

    @Override
    public void onLeadChange(LeadChangeHandler handler) {
      checkOpen();
      leadHandlers.add(Args.notNull(handler, "handler"));
    }

    @Override
    public <E extends LeadkitEvent> void onEvent(Class<E> type, Consumer<? super E> listener) {
      checkOpen();
      events.onBeforeCommit(Args.notNull(type, "type"), Args.notNull(listener, "listener"));
    }

    @Override
    public void onHandOver(HandOverCheck check) {
      checkOpen();
      handOverChecks.add(Args.notNull(check, "check"));
    }

    @Override
    public void personalData(PersonalData part) {
      checkOpen();
      Args.notNull(part, "part");
      String section = Args.notNull(part.section(), "section");
      for (Hooks.PersonalData p : personalData) {
        if (p.section().equals(section)) {
          throw new InvalidValueException("personal data section \"" + section
              + "\" registered twice");
        }
      }
      personalData.add(part);
    }

    @Override
    public void onDue(String name, DueWork work) {
      checkOpen();
      Args.notNull(name, "name");
      if (dueWork.putIfAbsent(name, Args.notNull(work, "work")) != null) {
        throw new InvalidValueException("due work \"" + name + "\" registered twice");
      }
    }
  }

  /**
   * Builds a {@link LeadKit}. Every part is optional; setting one twice is an error.
   */
  public static final class Builder {
    private @Nullable Clock clock;
    private @Nullable Stores stores;
    private @Nullable LeadStore leadStore;
    private @Nullable TouchpointLog touchpointLog;
    private @Nullable Outbox outbox;
    private @Nullable Mailer mailer;
    private @Nullable StageTransitions transitions;
    private @Nullable RetryPolicy retry;
    private @Nullable Duration lease;
    private @Nullable Vocabulary vocabulary;
    private @Nullable Function<EmailAddress, LeadId> leadIds;
    private @Nullable DecisionObserver observer;
    private final List<LeadKitPlugin> plugins = new ArrayList<>();

    private Builder() {}

    private static <T> T once(@Nullable Object current, T value, String what) {
      if (value == null) {
        throw new InvalidValueException(what + " must not be null");
      }
      if (current != null) {
        throw new InvalidValueException(what + " was already set to " + current);
      }
      return value;
    }

    /** The clock (default: system UTC). */
    public Builder clock(Clock value) {
      clock = once(clock, value, "clock");
      return this;
    }

    /**
     * Every store of the engine and its plugins, with their unit of work (default:
     * {@link InMemory#stores()}). Excludes {@link #leadStore}, {@link #touchpointLog} and
     * {@link #outbox}, which it provides.
     */
    public Builder stores(Stores value) {
      if (leadStore != null || touchpointLog != null || outbox != null) {
        throw new InvalidValueException("stores(...) provides the lead store, touchpoint log and"
            + " outbox; do not set them one by one as well");
      }
      stores = once(stores, value, "stores");
      return this;
    }

    private void noStores(String what) {
      if (stores != null) {
        throw new InvalidValueException(what + " comes from stores(...), which is already set");
      }
    }

    /**
     * The lead store alone (default: in memory). Prefer {@link #stores}: ports set one by one
     * share no unit of work, so an input's writes are not one commit.
     */
    public Builder leadStore(LeadStore value) {
      noStores("leadStore");
      leadStore = once(leadStore, value, "leadStore");
      return this;
    }

    /** The touchpoint log alone (default: in memory); prefer {@link #stores}. */
    public Builder touchpointLog(TouchpointLog value) {
      noStores("touchpointLog");
      touchpointLog = once(touchpointLog, value, "touchpointLog");
      return this;
    }

    /** The outbox alone (default: in memory); prefer {@link #stores}. */
    public Builder outbox(Outbox value) {
      noStores("outbox");
      outbox = once(outbox, value, "outbox");
      return this;
    }

    /**
     * The mailer. Default: with in-memory stores, a {@link RecordingMailer} that only records;
     * with durable stores none, and {@link LeadKit#dispatch()} refuses until one is chosen
     * (choose {@code new RecordingMailer()} explicitly to record only).
     */
    public Builder mailer(Mailer value) {
      mailer = once(mailer, value, "mailer");
      return this;
    }

    /** The lifecycle transition table (default: {@link StageTransitions#defaults()}). */
    public Builder stageTransitions(StageTransitions value) {
      transitions = once(transitions, value, "stageTransitions");
      return this;
    }

    /** The dispatcher's retry policy (default: {@link RetryPolicy#ofDefaults()}). */
    public Builder retryPolicy(RetryPolicy value) {
      retry = once(retry, value, "retryPolicy");
      return this;
    }

    /** How long a dispatcher holds a claimed message (default: 5 minutes). */
    public Builder dispatchLease(Duration value) {
      if (value != null && (value.isNegative() || value.isZero())) {
        throw new InvalidValueException("dispatch lease must be positive: " + value);
      }
      lease = once(lease, value, "dispatchLease");
      return this;
    }

    /**
     * The touchpoint types, attribute keys and property keys that definitions may use (default:
     * {@link Vocabulary#ofDefaults()}, the standard names, strict).
     */
    public Builder vocabulary(Vocabulary value) {
      vocabulary = once(vocabulary, value, "vocabulary");
      return this;
    }

    /**
     * How a new lead gets its id (default: a random UUID). A host that keeps the ids of another
     * system, or a simulation that replays recorded leads under their recorded ids, chooses them
     * here; the function is called once per lead the engine creates, with its normalised
     * address, and must not return the id of a stored lead.
     *
     * @param value the id for each new lead's address
     * @return this builder
     * @throws InvalidValueException if {@code value} is null or was already set
     */
    public Builder leadIds(Function<EmailAddress, LeadId> value) {
      leadIds = once(leadIds, value, "leadIds");
      return this;
    }

    /**
     * Watches the decision pipeline (inputs, deciders, fired timers), for metrics and tracing
     * (default: none, which costs nothing).
     *
     * @param value the observer
     * @return this builder
     * @throws InvalidValueException if {@code value} is null or an observer is already set
     */
    public Builder observer(DecisionObserver value) {
      observer = once(observer, value, "observer");
      return this;
    }

    /** Installs a plugin; plugins are installed in the order given, each at most once. */
    public Builder install(LeadKitPlugin plugin) {
      if (plugin == null) {
        throw new InvalidValueException("plugin must not be null");
      }
      for (LeadKitPlugin p : plugins) {
        if (p.name().equals(plugin.name())) {
          throw new InvalidValueException("plugin \"" + plugin.name() + "\" installed twice");
        }
      }
      plugins.add(plugin);
      return this;
    }

    /** The engine. */
    public LeadKit build() {
      return new LeadKit(this);
    }
  }
}
