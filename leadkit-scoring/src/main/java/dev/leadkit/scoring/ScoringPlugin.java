package dev.leadkit.scoring;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.Input;
import dev.leadkit.core.LeadState;
import dev.leadkit.core.StatePart;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.IdentityListener;
import dev.leadkit.core.identity.LeadErased;
import dev.leadkit.core.identity.LeadsMerged;
import dev.leadkit.core.identity.MergeUndone;
import dev.leadkit.core.identity.VisitorReassigned;
import dev.leadkit.core.identity.VisitorStitched;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.PredicateDependencies;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.scoring.json.ScoringJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring plugin: scores every tracked touchpoint under each model, keeps fit points in step
 * with the lead's profile, writes each model's score (and the optional 2D {@link Grade}) into
 * {@link Lead#scores()}, hands leads to sales when they cross a threshold and notices decay
 * taking scores down in {@link LeadKit#runDue()}.
 *
 * <pre>{@code
 * ScoringPlugin scoring = ScoringPlugin.builder().model(engagement).model(fit)
 *     .grade(Grade.of("fit", "engagement")).build();
 * LeadKit kit = LeadKit.builder().install(scoring).build();
 * scoring.onHandOff(e -> crm.createTask(e.lead(), "score " + e.value()));
 * }</pre>
 *
 * <h2>What is stored where</h2>
 *
 * <ul>
 *   <li>Per-lead scoring state (raw points, cap counters, threshold marks, next decay check)
 *       lives in the {@link ScoreStateStore} (in memory by default).
 *   <li>The lead carries a snapshot per model, {@code Score(value, asOf, band)}: the value at
 *       {@code asOf}. It is refreshed on each touchpoint, on each fit change, and when decay
 *       takes the score below a band minimum or a threshold's exit level (at the next {@code
 *       runDue} after that instant). Between those moments, {@link #currentScore} gives the
 *       exact decayed value.
 * </ul>
 *
 * <h2>Model changes and merges</h2>
 *
 * <p>If the core {@link Identity} plugin is installed in the same engine, the plugin follows
 * it by itself: stitches, merges, undos and erasures rescore or drop the leads concerned.
 *
 * <p>A state computed by another model version is rebuilt from the lead's touchpoint history
 * the next time the lead is touched; {@link #rescoreAll()} rebuilds every lead at once. {@link
 * #rescore(LeadId)} rebuilds one lead from its touchpoints, e.g. the survivor of an identity
 * merge, whose history is the union of both leads'. Threshold marks are rebuilt too; a lead that
 * is above a threshold after the rebuild but was not before is handed off then.
 *
 * <h2>Stored models</h2>
 *
 * <p>When the engine's stores provide a {@link DefinitionStore} (the in-memory stores and
 * {@code JdbcStores} do), each model is published there as JSON ({@link ScoringJson}, kind
 * {@value DefinitionStore#SCORING_MODEL}, under its name and {@linkplain ScoringModel#version()
 * version}) when the engine is built, unless that version is already stored with the same
 * content; with other content the build fails with {@link
 * dev.leadkit.core.port.DefinitionConflictException} (a version never changes: give the changed
 * model a new version). The models in use are always the ones given to the builder: if the
 * store holds a newer version of a model (another node was upgraded first), that is logged at
 * WARN and this engine keeps scoring with its own version; it does not switch at run time.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Thread-safe: one instance serves every thread of the engine it is installed in (one engine
 * only). Its models and settings are fixed when it is built. A lead's scoring state is written
 * by compare-and-set on its revision in the {@link ScoreStateStore}; when another thread, or
 * another node sharing the store, wrote it first, the step is recomputed from a fresh read, a
 * bounded number of times, after which the {@link dev.leadkit.core.ConcurrentUpdateException}
 * reaches the caller. The score snapshot on the lead is written after the state, in a separate
 * compare-and-set write of the lead, so a reader may briefly see the new state beside the
 * previous snapshot; {@link #currentScore} always reads the state. Listeners run on the thread
 * whose input caused the event, after both writes.
 */
public final class ScoringPlugin implements LeadKitPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringPlugin.class);
  private static final int MAX_RETRIES = 16;

  private final List<CompiledModelImpl> models;
  private final Map<String, CompiledModelImpl> byName;
  private final Optional<Grade> grade;
  private volatile ScoreStateStore store;
  private final boolean storeGiven;
  private final int dueBatch;
  private final boolean fitReadsScores;
  private volatile @Nullable LeadKit kit;

  private ScoringPlugin(Builder b) {
    Map<String, CompiledModelImpl> m = new LinkedHashMap<>();
    for (ScoringModel model : b.models) {
      m.put(model.name(), (CompiledModelImpl) model.compile());
    }
    this.byName = java.util.Collections.unmodifiableMap(m);
    this.models = List.copyOf(m.values());
    this.grade = Optional.ofNullable(b.grade);
    // without one from the builder, the store comes from the engine's stores when installed
    this.storeGiven = b.store != null;
    this.store = b.store == null ? ScoreStateStore.inMemory() : b.store;
    this.dueBatch = b.dueBatch;
    boolean readsScores = false;
    for (CompiledModelImpl c : models) {
      readsScores |= !c.fitDependencies().scores().isEmpty();
    }
    this.fitReadsScores = readsScores;
  }

  /** Starts building a plugin. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "scoring";
  }

  @Override
  public void install(LeadKit engine, Hooks hooks) {
    Args.notNull(engine, "engine");
    Args.notNull(hooks, "hooks");
    if (kit != null) {
      throw new LeadkitException("the scoring plugin is already installed in an engine");
    }
    if (!storeGiven) {
      store = engine.stores().portFor(name(), ScoreStateStore.class, ScoreStateStore::inMemory);
    }
    for (CompiledModelImpl m : models) {
      checkVocabulary(m.model(), engine.vocabulary());
    }
    engine.stores().port(DefinitionStore.class).ifPresent(ds -> storeModels(ds, engine));
    kit = engine;
    hooks.personalData(new ScorePersonalData(store));
    hooks.decide(Hooks.Phase.SCORING, this::decide);
    hooks.onDue("scoring.decay", this::runDue);
    engine.plugin(Identity.class).ifPresent(identity -> identity.addListener(new Follow()));
  }

  /**
   * Publishes each model's version to the definition store (idempotent) and warns about newer
   * versions stored by other nodes.
   */
  private void storeModels(DefinitionStore ds, LeadKit engine) {
    for (CompiledModelImpl c : models) {
      ScoringModel m = c.model();
      ds.publish(DefinitionStore.SCORING_MODEL, m.name(), m.version(), ScoringJson.write(m),
          engine.clock().instant());
      Optional<StoredDefinition> latest = ds.latest(DefinitionStore.SCORING_MODEL, m.name());
      if (latest.isPresent() && latest.get().version() > m.version()) {
        LOG.warn("scoring model \"{}\": this engine scores with version {}, the definition store"
            + " holds version {} (published {}); upgrade this engine to use it", m.name(),
            m.version(), latest.get().version(), latest.get().publishedAt());
      }
    }
  }

  /**
   * Refuses a model whose rules name a touchpoint type, attribute key or property key outside
   * the engine's vocabulary.
   */
  private static void checkVocabulary(ScoringModel model, Vocabulary vocabulary) {
    String where = "scoring model \"" + model.name() + "\"";
    for (BehaviourRule r : model.behaviour()) {
      vocabulary.check(r.filter(), where + " rule \"" + r.id() + "\"");
    }
    for (FitRule r : model.fit()) {
      vocabulary.check(r.when(), where + " rule \"" + r.id() + "\"");
    }
  }

  /**
   * Keeps scores in step with identity changes when the core {@link Identity} plugin is
   * installed: a stitch or a merge rescores the lead that gained touchpoints (the survivor's
   * history is then the union of both leads'), an undo rescores both leads, an erase or a merge
   * drops the state of the ids that are gone.
   */
  private final class Follow implements IdentityListener {
    @Override
    public void visitorStitched(VisitorStitched e) {
      rescoreIfPresent(e.lead());
    }

    @Override
    public void visitorReassigned(VisitorReassigned e) {
      rescoreIfPresent(e.from());
      e.to().ifPresent(ScoringPlugin.this::rescoreIfPresent);
    }

    @Override
    public void leadsMerged(LeadsMerged e) {
      forget(e.record().merged());
      rescoreIfPresent(e.record().survivor());
    }

    @Override
    public void mergeUndone(MergeUndone e) {
      rescoreIfPresent(e.survivor().id());
      rescoreIfPresent(e.restored().id());
    }

    @Override
    public void leadErased(LeadErased e) {
      forget(e.lead());
      e.mergedIds().forEach(ScoringPlugin.this::forget);
    }
  }

  private void rescoreIfPresent(LeadId lead) {
    if (engine().lead(lead).isPresent()) {
      rescore(lead);
    } else {
      forget(lead);
    }
  }

  // ------------------------------------------------------------------ reads

  /** The compiled models, in the order given. */
  public List<CompiledModel> models() {
    return List.copyOf(models);
  }

  /** The compiled model called {@code name}, or {@link UnknownModelException}. */
  public CompiledModel model(String name) {
    Args.notNull(name, "name");
    return compiled(name);
  }

  private CompiledModelImpl compiled(String name) {
    CompiledModelImpl m = byName.get(name);
    if (m == null) {
      throw new UnknownModelException(name);
    }
    return m;
  }

  /** The state store. */
  public ScoreStateStore stateStore() {
    return store;
  }

  /**
   * The lead's exact score under {@code model} at the engine's current time (decay applied up
   * to now), with its band; empty if the lead has no state yet.
   */
  public Optional<Score> currentScore(LeadId lead, String model) {
    Args.notNull(lead, "lead");
    Args.notNull(model, "model");
    CompiledModelImpl m = compiled(model);
    Instant now = engine().clock().instant();
    return store.find(lead, model).filter(m::accepts).map(s -> {
      double v = m.valueAt(s, now);
      return new Score(v, now, m.band(v));
    });
  }

  /** Every rule's contribution to the lead's score under {@code model}, as of now. */
  public ScoreExplanation explain(LeadId lead, String model) {
    Args.notNull(lead, "lead");
    Args.notNull(model, "model");
    CompiledModelImpl m = compiled(model);
    LeadKit k = engine();
    Lead l = k.require(lead);
    List<Touchpoint> history = k.touchpointLog().findByLead(lead, TouchpointQuery.all());
    return m.explain(EvaluationInput.of(l, history, k.clock().instant()), history);
  }

  // ------------------------------------------------------------------ events

  /** Registers a listener for every threshold crossing, up and down. */
  public Subscription onThresholdCrossed(Consumer<? super ThresholdCrossed> listener) {
    Args.notNull(listener, "listener");
    return engine().events().on(ThresholdCrossed.class, listener);
  }

  /** Registers a listener for upward crossings only: the hand-offs to sales. */
  public Subscription onHandOff(Consumer<? super ThresholdCrossed> listener) {
    Args.notNull(listener, "listener");
    if (listener == null) {
      throw new InvalidValueException("listener must not be null");
    }
    return engine().events().on(ThresholdCrossed.class, e -> {
      if (e.isHandOff()) {
        listener.accept(e);
      }
    });
  }

  /** Registers a listener for changes of the scores stored on leads. */
  public Subscription onScoreChanged(Consumer<? super ScoreChanged> listener) {
    Args.notNull(listener, "listener");
    return engine().events().on(ScoreChanged.class, listener);
  }

  // ------------------------------------------------------------------ model changes, merges

  /**
   * Recomputes the lead's scores under every model from its whole touchpoint history (for a
   * merge survivor: the union of both leads' touchpoints) and its current profile, publishing
   * what changed. With the core {@link Identity} plugin installed this happens on every merge,
   * stitch and undo by itself; other identity sources call it directly.
   */
  public void rescore(LeadId lead) {
    Args.notNull(lead, "lead");
    engine().decide(lead, new Input.Command(RESCORE));
  }

  /** Rescores every stored lead ({@link #rescore(LeadId)}), page by page; returns how many. */
  public int rescoreAll() {
    LeadKit k = engine();
    int n = 0;
    LeadId after = null;
    while (true) {
      List<Lead> page = k.leadStore().page(after, 200);
      if (page.isEmpty()) {
        return n;
      }
      for (Lead l : page) {
        rescore(l.id());
        n++;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /** Drops the lead's scoring state, e.g. for a merged-away or erased lead. */
  public void forget(LeadId lead) {
    Args.notNull(lead, "lead");
    store.deleteLead(lead);
  }

  /** Every stored lead with its touchpoints, for {@link Calibration} and {@link Backtest}. */
  public List<LeadHistory> history() {
    LeadKit k = engine();
    List<LeadHistory> out = new ArrayList<>();
    LeadId after = null;
    while (true) {
      List<Lead> page = k.leadStore().page(after, 500);
      if (page.isEmpty()) {
        return out;
      }
      for (Lead l : page) {
        out.add(new LeadHistory(l, k.touchpointLog().findByLead(l.id(), TouchpointQuery.all())));
      }
      after = page.get(page.size() - 1).id();
    }
  }

  // ------------------------------------------------------------------ the decider

  /** The timer kind of decay boundaries, decided through the engine's pipeline. */
  static final String DECAY = "scoring.decay";
  /** The command that rebuilds every model's state of a lead from its history. */
  static final String RESCORE = "scoring.rescore";
  /** Rounds of fit rules that read scores before the decider gives up on a lead. */
  private static final int FIT_ROUNDS = 4;

  /** The lead's score state per model: loaded once per input, saved once at its commit. */
  private static final class States {
    final Map<String, ScoreState> byModel;
    final Set<String> changed = new java.util.LinkedHashSet<>();

    States(Map<String, ScoreState> byModel) {
      this.byModel = byModel;
    }
  }

  /** The key of this plugin's {@link LeadState#unitLocal} memo. */
  private final Object replayedKey = new Object();

  private final StatePart<States> statesPart = new StatePart<>() {
    @Override
    public States load(LeadId lead) {
      Map<String, ScoreState> m = new HashMap<>();
      for (CompiledModelImpl c : models) {
        String name = c.model().name();
        store.find(lead, name).ifPresent(s -> m.put(name, s));
      }
      return new States(m);
    }

    @Override
    public void commit(LeadId lead, States value) {
      List<ScoreState> out = new ArrayList<>(value.changed.size());
      for (String name : value.changed) {
        ScoreState s = value.byModel.get(name);
        if (s != null) {
          out.add(s);
        }
      }
      if (!out.isEmpty()) {
        store.saveAll(out);
      }
    }

    @Override
    public String toString() {
      return "scoring";
    }
  };

  /**
   * Scores one input of one lead: a touchpoint scores behaviour (and fit rules reading it), a
   * profile change re-evaluates the fit rules that read what changed, a decay timer processes
   * the boundaries decay went through, a re-score rebuilds from history. The new scores go
   * onto the lead, crossings are emitted, and a crossing up with a stage moves the lead
   * forward. Fit rules that read scores are re-evaluated until the scores settle (a few rounds
   * at most).
   */
  private void decide(LeadState st) {
    if (models.isEmpty()) {
      return;
    }
    Input in = st.input();
    List<Update> updates = new ArrayList<>(models.size());
    Lead start = st.lead();
    if (in instanceof Input.Tracked t) {
      scoreTouchpoint(st, t.touchpoint(), updates);
    } else if (in instanceof Input.Timer timer && timer.kind().equals(DECAY)) {
      decay(st, updates);
    } else if (in instanceof Input.Command c && c.name().equals(RESCORE)) {
      rebuildAll(st, updates);
    }
    Lead before = st.before();
    if (!(in instanceof Input.Command) && (before == null || profileChanged(before, start))) {
      refit(st, before, updates);
    }
    apply(st, updates);
    if (!fitReadsScores) {
      return;
    }
    Lead seen = start;
    for (int round = 0; round < FIT_ROUNDS; round++) {
      Lead now = st.lead();
      if (seen.scores().equals(now.scores())) {
        return;
      }
      List<Update> more = new ArrayList<>();
      refit(st, seen, more);
      seen = now;
      apply(st, more);
    }
    if (!seen.scores().equals(st.lead().scores())) {
      LOG.warn("fit rules of lead {} keep changing its scores; stopping re-evaluation", st.id());
    }
  }

  private void scoreTouchpoint(LeadState st, Touchpoint t, List<Update> updates) {
    States ss = st.part(statesPart);
    // per model and lead, the touchpoints of this unit (a trackAll batch) a rebuild covered
    Map<String, Set<TouchpointId>> replayed = st.unitLocal(replayedKey, HashMap::new);
    for (CompiledModelImpl m : models) {
      String name = m.model().name();
      String key = name + "\u0000" + st.id().value();
      Set<TouchpointId> done = replayed.get(key);
      if (done != null && done.remove(t.id())) {
        continue; // a rebuild earlier in this unit already scored it
      }
      // (a touchpoint the rebuild did not see, such as a journey's bookkeeping touchpoint decided
      // in the middle of a trackAll batch, does not end the memo: the rest of the batch was
      // covered all the same; the memo ends with the unit of work)
      ScoreState s = ss.byModel.get(name);
      List<Crossing> crossings = new ArrayList<>(2);
      CompiledModel.CrossingListener c = collect(crossings);
      Step out;
      if (s == null || !m.accepts(s)) {
        out = rebuild(st, m, s, c);
        // the rest of a trackAll batch is already in the log: remember not to score it twice
        Set<TouchpointId> ids = new HashSet<>();
        for (Touchpoint h : st.history()) {
          ids.add(h.id());
        }
        ids.remove(t.id());
        replayed.put(key, ids);
      } else {
        m.score(s, t, c);
        if (m.hasFit() && m.fitDependencies().readsTouchpoints(t.type())) {
          Instant at = Instant.ofEpochMilli(s.asOf());
          m.setFit(s, fit(st, m, at), at, c);
        }
        out = new Step(s, Instant.ofEpochMilli(s.asOf()));
      }
      record(st, ss, m, out, crossings, updates);
    }
  }

  private void refit(LeadState st, @Nullable Lead before, List<Update> updates) {
    Lead after = st.lead();
    for (CompiledModelImpl m : models) {
      if (!m.hasFit() || (before != null && !reads(m.fitDependencies(), before, after))) {
        continue;
      }
      States ss = st.part(statesPart);
      ScoreState s = ss.byModel.get(m.model().name());
      List<Crossing> crossings = new ArrayList<>(2);
      CompiledModel.CrossingListener c = collect(crossings);
      Step out;
      if (s == null || !m.accepts(s)) {
        out = rebuild(st, m, s, c);
      } else {
        double f = fit(st, m, st.now());
        if (Double.compare(f, s.fit()) == 0) {
          continue;
        }
        m.setFit(s, f, st.now(), c);
        out = new Step(s, st.now());
      }
      record(st, ss, m, out, crossings, updates);
    }
  }

  private void decay(LeadState st, List<Update> updates) {
    States ss = st.part(statesPart);
    long nowMs = st.now().toEpochMilli();
    for (CompiledModelImpl m : models) {
      ScoreState s = ss.byModel.get(m.model().name());
      if (s == null || (m.accepts(s) && s.nextCheck() > nowMs)) {
        continue;
      }
      List<Crossing> crossings = new ArrayList<>(2);
      CompiledModel.CrossingListener c = collect(crossings);
      Step out;
      if (!m.accepts(s)) {
        out = rebuild(st, m, s, c);
      } else {
        // process every boundary decay went through, each at its own instant
        while (s.nextCheck() <= nowMs) {
          long at = s.nextCheck();
          m.check(s, Instant.ofEpochMilli(at), c);
          if (s.nextCheck() <= at) {
            s.nextCheck = ScoreState.NO_CHECK; // never loop on one lead
          }
        }
        m.check(s, st.now(), c);
        out = new Step(s, st.now());
      }
      record(st, ss, m, out, crossings, updates);
    }
  }

  private void rebuildAll(LeadState st, List<Update> updates) {
    States ss = st.part(statesPart);
    for (CompiledModelImpl m : models) {
      List<Crossing> crossings = new ArrayList<>(2);
      Step out = rebuild(st, m, ss.byModel.get(m.model().name()), collect(crossings));
      record(st, ss, m, out, crossings, updates);
    }
  }

  private static CompiledModel.CrossingListener collect(List<Crossing> crossings) {
    return (i, th, up, v, at) -> crossings.add(new Crossing(th, up, v, at));
  }

  private void record(LeadState st, States ss, CompiledModelImpl m, Step out,
      List<Crossing> crossings, List<Update> updates) {
    String name = m.model().name();
    ss.byModel.put(name, out.state());
    ss.changed.add(name);
    st.changed(statesPart);
    updates.add(new Update(m, out.state(), out.snapshotAt(), crossings));
  }

  // ------------------------------------------------------------------ machinery

  /** What one model's step produced. */
  private record Step(ScoreState state, Instant snapshotAt) {}

  /** A changed state with its crossings. */
  private record Update(CompiledModelImpl model, ScoreState state, Instant snapshotAt,
      List<Crossing> crossings) {}

  private record Crossing(Threshold threshold, boolean up, double value, long atMillis) {}

  /** Rebuilds {@code m}'s state for the lead from history; crossings are the marks' diff. */
  private Step rebuild(LeadState st, CompiledModelImpl m, @Nullable ScoreState old,
      CompiledModel.CrossingListener c) {
    Instant now = st.now();
    List<Touchpoint> history = st.history();
    double f = m.hasFit() ? m.fitPoints(EvaluationInput.of(st.lead(), m.fitHistory(history), now))
        : 0;
    ScoreState s = m.replay(st.id(), f, history, now);
    s.revision = old == null ? 0 : old.revision();
    List<Threshold> th = m.model().thresholds();
    // the old marks count only if the thresholds kept their shape
    boolean[] oldMarks = old != null && old.announced.length == th.size() ? old.announced : null;
    double v = m.valueAt(s, now);
    for (int i = 0; i < th.size(); i++) {
      boolean was = oldMarks != null && oldMarks[i];
      if (!was && s.announced[i]) {
        c.crossed(i, th.get(i), true, v, s.lastHandOff[i]);
      } else if (was && !s.announced[i]) {
        c.crossed(i, th.get(i), false, v, now.toEpochMilli());
      }
    }
    long snap = Math.max(now.toEpochMilli(), s.asOf());
    return new Step(s, Instant.ofEpochMilli(snap));
  }

  private double fit(LeadState st, CompiledModelImpl m, Instant at) {
    TouchpointHistory h = m.fitDependencies().readsTouchpoints()
        ? TouchpointHistory.of(st.history()) : TouchpointHistory.empty();
    return m.fitPoints(EvaluationInput.of(st.lead(), h, at));
  }

  /** Puts the new scores on the lead, emits score changes and crossings, moves stages. */
  private void apply(LeadState st, List<Update> updates) {
    if (updates.isEmpty()) {
      return;
    }
    LeadId id = st.id();
    Lead before = st.lead();
    Lead out = before;
    for (Update u : updates) {
      ScoreState s = u.state();
      Instant at = s.asOf() > u.snapshotAt().toEpochMilli() ? Instant.ofEpochMilli(s.asOf())
          : u.snapshotAt();
      double v = u.model().valueAt(s, at);
      String name = u.model().model().name();
      Optional<String> band = u.model().band(v);
      Optional<Score> old = out.score(name);
      if (old.isPresent() && Double.compare(old.get().value(), v) == 0
          && old.get().band().equals(band)) {
        continue; // unchanged: no write, no event (the old asOf still holds)
      }
      out = out.withScore(name, new Score(v, at, band));
    }
    out = withGrade(out);
    st.lead(out);
    Instant now = st.now();
    for (Map.Entry<String, Score> e : out.scores().entrySet()) {
      Optional<Score> old = before.score(e.getKey());
      if (!old.equals(Optional.of(e.getValue()))) {
        st.emit(new ScoreChanged(id, e.getKey(), old, e.getValue(), now));
      }
    }
    for (Update u : updates) {
      for (Crossing c : u.crossings()) {
        st.emit(new ThresholdCrossed(id, u.model().model().name(), c.threshold().value(),
            c.up() ? ThresholdCrossed.Direction.UP : ThresholdCrossed.Direction.DOWN, c.value(),
            Instant.ofEpochMilli(c.atMillis()), now));
      }
    }
    for (Update u : updates) {
      for (Crossing c : u.crossings()) {
        if (c.up() && c.threshold().stage().isPresent()) {
          LifecycleStage to = c.threshold().stage().get();
          Lead l = st.lead();
          if (l.stage().rank() < to.rank() && st.stageTransitions().isAllowed(l.stage(), to)) {
            st.lead(l.withStage(to, "score " + u.model().model().name() + " reached "
                + c.threshold().value(), now, st.stageTransitions()));
          }
        }
      }
    }
  }

  private boolean profileChanged(Lead before, Lead after) {
    return !before.attributes().equals(after.attributes()) || before.stage() != after.stage()
        || !before.consents().equals(after.consents()) || !before.owner().equals(after.owner())
        || (fitReadsScores && !before.scores().equals(after.scores()));
  }

  private static boolean reads(PredicateDependencies d, Lead before, Lead after) {
    if (d.stage() && before.stage() != after.stage()) {
      return true;
    }
    if (d.owner() && !before.owner().equals(after.owner())) {
      return true;
    }
    for (var key : d.attributes()) {
      if (!before.attributes().get(key).equals(after.attributes().get(key))) {
        return true;
      }
    }
    for (var ch : d.consents()) {
      if (!before.consent(ch).equals(after.consent(ch))) {
        return true;
      }
    }
    for (String s : d.scores()) {
      if (!before.score(s).equals(after.score(s))) {
        return true;
      }
    }
    return false;
  }

  private int runDue(Instant now) {
    LeadKit k = engine();
    int n = 0;
    for (CompiledModelImpl m : models) {
      Set<LeadId> seen = new HashSet<>();
      while (true) {
        List<LeadId> due = store.due(m.model().name(), now, dueBatch);
        if (due.isEmpty()) {
          break;
        }
        boolean progress = false;
        for (LeadId id : due) {
          if (!seen.add(id)) {
            continue; // still due after its decision: a compiler bug, reported below
          }
          progress = true;
          try {
            k.decide(id, new Input.Timer(DECAY, now));
          } catch (UnknownLeadException e) {
            LOG.debug("lead {} is gone; dropping its scoring state", id, e);
            store.deleteLead(id);
          }
          n++;
        }
        if (!progress) {
          LOG.error("scoring model {}: leads stay due at {} after their decay was decided: {}",
              m.model().name(), now, due);
          break;
        }
      }
    }
    return n;
  }

  private Lead withGrade(Lead l) {
    if (grade.isEmpty()) {
      return l;
    }
    Grade g = grade.get();
    CompiledModelImpl fm = byName.get(g.fitModel());
    CompiledModelImpl em = byName.get(g.engagementModel());
    if (fm == null || em == null) {
      // build() refuses a grade whose models were not added
      throw new IllegalStateException("grade \"" + g.name() + "\" lost its models");
    }
    Optional<Score> fs = l.score(g.fitModel());
    Optional<Score> es = l.score(g.engagementModel());
    if (fs.isEmpty() && es.isEmpty()) {
      return l;
    }
    int fi = fm.bandIndex(fs.map(Score::value).orElse(0.0));
    int ei = em.bandIndex(es.map(Score::value).orElse(0.0));
    if (fi < 0 || ei < 0) {
      return l;
    }
    Instant asOf = fs.map(Score::asOf).orElse(Instant.EPOCH);
    if (es.isPresent() && es.get().asOf().isAfter(asOf)) {
      asOf = es.get().asOf();
    }
    String band = fm.band(fs.map(Score::value).orElse(0.0)).orElseThrow()
        + em.band(es.map(Score::value).orElse(0.0)).orElseThrow();
    double rank = (double) fi * em.bandCount() + ei + 1;
    Score now = new Score(rank, asOf, Optional.of(band));
    Optional<Score> old = l.score(g.name());
    if (old.isPresent() && old.get().value() == rank && old.get().band().equals(now.band())) {
      return l; // only the grade's cell matters; do not churn on times
    }
    return l.withScore(g.name(), now);
  }

  private LeadKit engine() {
    LeadKit k = kit;
    if (k == null) {
      throw new LeadkitException("the scoring plugin is not installed in an engine yet");
    }
    return k;
  }

  /** Builds a {@link ScoringPlugin}. */
  public static final class Builder {
    private final List<ScoringModel> models = new ArrayList<>();
    private @Nullable Grade grade;
    private @Nullable ScoreStateStore store;
    private int dueBatch = 256;
    private boolean dueBatchSet;

    private Builder() {}

    /**
     * Adds a model; names must be unique. When the plugin is installed, every model is checked
     * against the engine's {@link dev.leadkit.core.LeadKit#vocabulary()}: a rule naming an
     * unknown touchpoint type, attribute key or property key makes {@code LeadKit.Builder.build()}
     * throw {@link dev.leadkit.core.UnknownVocabularyException}.
     */
    public Builder model(ScoringModel model) {
      if (model == null) {
        throw new InvalidValueException("model must not be null");
      }
      for (ScoringModel m : models) {
        if (m.name().equals(model.name())) {
          throw new ScoringModelException("model \"" + model.name() + "\" added twice");
        }
      }
      models.add(model);
      return this;
    }

    /** Adds models. */
    public Builder models(Collection<ScoringModel> all) {
      Args.notNull(all, "models").forEach(this::model);
      return this;
    }

    /** The 2D grade to maintain (default: none). Both models must have bands. */
    public Builder grade(Grade value) {
      if (value == null) {
        throw new InvalidValueException("grade must not be null");
      }
      if (grade != null) {
        throw new InvalidValueException("grade was already set to " + grade);
      }
      grade = value;
      return this;
    }

    /** The state store (default: {@link ScoreStateStore#inMemory()}). */
    public Builder stateStore(ScoreStateStore value) {
      if (value == null) {
        throw new InvalidValueException("stateStore must not be null");
      }
      if (store != null) {
        throw new InvalidValueException("state store was already set to " + store);
      }
      store = value;
      return this;
    }

    /** How many due leads {@code runDue} reads per store call (default 256). */
    public Builder dueBatch(int value) {
      if (dueBatchSet) {
        throw new InvalidValueException("due batch was already set to " + dueBatch);
      }
      if (value < 1) {
        throw new InvalidValueException("due batch must be positive: " + value);
      }
      dueBatch = value;
      dueBatchSet = true;
      return this;
    }

    /** The plugin. */
    public ScoringPlugin build() {
      Grade grade = this.grade;
      if (grade != null) {
        for (String m : List.of(grade.fitModel(), grade.engagementModel())) {
          ScoringModel model = models.stream().filter(x -> x.name().equals(m)).findFirst()
              .orElseThrow(() -> new ScoringModelException("grade \"" + grade.name()
                  + "\" needs model \"" + m + "\", which was not added"));
          if (model.bands().isEmpty()) {
            throw new ScoringModelException("grade \"" + grade.name() + "\" needs bands on model \""
                + m + "\"");
          }
        }
        if (models.stream().anyMatch(x -> x.name().equals(grade.name()))) {
          throw new ScoringModelException("grade name \"" + grade.name()
              + "\" is also a model name");
        }
      }
      return new ScoringPlugin(this);
    }
  }
}
