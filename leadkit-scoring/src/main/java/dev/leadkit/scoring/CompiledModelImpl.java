package dev.leadkit.scoring;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateDependencies;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The compiled model; see {@link CompiledModel}. */
final class CompiledModelImpl implements CompiledModel {
  private static final long DAY = 86_400_000L;
  private static final int NONE = 0;
  private static final int EXP = 1;
  private static final int LINEAR = 2;
  /** Whole decay steps with a precomputed exponential factor (about 2.8 years of days). */
  private static final int FACTORS = 1024;

  /** Records what {@link #apply} does, for explanations. */
  interface Recorder {
    void record(int rule, Touchpoint t, double given, @Nullable String cap);
  }

  private final ScoringModel model;
  private final String name;
  private final int version;
  // behaviour rules, by index
  private final FastFilter[] filters;
  private final double[] points;
  private final boolean[] once;
  private final int[] perDay;
  private final int[] perWeek;
  private final double[] maxPoints;
  /** Rules with any cap; only they keep counters. */
  private final boolean[] capped;
  // the rules a touchpoint type can match: types[i] -> typeRules[i], otherwise anyType
  private final TouchpointType[] types;
  private final TypeRules[] typeRules;
  private final TypeRules anyType;
  // fit
  private final CompiledPredicate[] fit;
  private final double[] fitPoints;
  private final PredicateDependencies fitDeps;
  // decay
  private final int decayKind;
  private final long stepMillis;
  private final double stepsPerHalfLife;
  private final double linearPerStep;
  /** Exponential decay: the factor for 0, 1, ... whole steps, exactly as computed on demand. */
  private final double[] factors;
  // thresholds
  private final Threshold[] thresholds;
  private final double[] tValue;
  private final double[] tExit;
  private final long[] tCool;
  // bands
  private final String[] bandNames;
  private final double[] bandMins;

  CompiledModelImpl(ScoringModel model) {
    this.model = model;
    this.name = model.name();
    this.version = model.version();
    int n = model.behaviour().size();
    filters = new FastFilter[n];
    points = new double[n];
    once = new boolean[n];
    perDay = new int[n];
    perWeek = new int[n];
    maxPoints = new double[n];
    capped = new boolean[n];
    Map<TouchpointType, List<Integer>> index = new HashMap<>();
    List<Integer> any = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BehaviourRule r = model.behaviour().get(i);
      filters[i] = new FastFilter(r.filter());
      points[i] = r.points();
      once[i] = r.caps().once();
      perDay[i] = r.caps().perDay().orElse(0);
      perWeek[i] = r.caps().perWeek().orElse(0);
      maxPoints[i] = r.caps().maxPoints().orElse(Double.NaN);
      capped[i] = once[i] || perDay[i] > 0 || perWeek[i] > 0 || maxPoints[i] == maxPoints[i];
      if (r.filter().anyType()) {
        any.add(i);
      } else {
        for (TouchpointType t : r.filter().types()) {
          index.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
        }
      }
    }
    types = new TouchpointType[index.size()];
    typeRules = new TypeRules[index.size()];
    int k = 0;
    for (Map.Entry<TouchpointType, List<Integer>> e : index.entrySet()) {
      TreeSet<Integer> merged = new TreeSet<>(e.getValue());
      merged.addAll(any);
      types[k] = e.getKey();
      typeRules[k++] = new TypeRules(merged.stream().mapToInt(Integer::intValue).toArray(),
          filters);
    }
    anyType = new TypeRules(any.stream().mapToInt(Integer::intValue).toArray(), filters);

    int f = model.fit().size();
    fit = new CompiledPredicate[f];
    fitPoints = new double[f];
    List<Predicate> all = new ArrayList<>();
    for (int i = 0; i < f; i++) {
      fit[i] = model.fit().get(i).when().compile();
      fitPoints[i] = model.fit().get(i).points();
      all.add(model.fit().get(i).when());
    }
    fitDeps = all.isEmpty() ? Predicates.never().compile().dependencies() : union(fit);

    Decay d = model.decay();
    if (d instanceof Decay.Exponential e) {
      decayKind = EXP;
      stepMillis = e.step().toMillis();
      stepsPerHalfLife = (double) e.halfLife().toMillis() / stepMillis;
      linearPerStep = 0;
    } else if (d instanceof Decay.Linear l) {
      decayKind = LINEAR;
      stepMillis = l.step().toMillis();
      stepsPerHalfLife = 0;
      linearPerStep = l.points() * stepMillis / l.period().toMillis();
    } else {
      decayKind = NONE;
      stepMillis = 1;
      stepsPerHalfLife = 0;
      linearPerStep = 0;
    }
    factors = new double[decayKind == EXP ? FACTORS : 0];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = expFactor(i);
    }

    int t = model.thresholds().size();
    thresholds = model.thresholds().toArray(new Threshold[0]);
    tValue = new double[t];
    tExit = new double[t];
    tCool = new long[t];
    for (int i = 0; i < t; i++) {
      tValue[i] = thresholds[i].value();
      tExit[i] = thresholds[i].exitLevel();
      tCool[i] = thresholds[i].coolDown().toMillis();
    }
    bandNames = model.bands().stream().map(Band::name).toArray(String[]::new);
    bandMins = model.bands().stream().mapToDouble(Band::min).toArray();
  }

  @Override
  public ScoringModel model() {
    return model;
  }

  @Override
  public ScoreState newState(LeadId lead) {
    return new ScoreState(lead, name, version, filters.length, thresholds.length);
  }

  @Override
  public boolean accepts(ScoreState s) {
    return s.model().equals(name) && s.modelVersion == version
        && s.ruleCount() == filters.length && s.above.length == thresholds.length;
  }

  // ------------------------------------------------------------------ decay

  private double decayed(double positive, long from, long to) {
    if (to <= from || positive <= 0 || from == ScoreState.NEVER) {
      return positive;
    }
    long steps = step(to) - step(from);
    if (steps <= 0) {
      return positive;
    }
    switch (decayKind) {
      case EXP:
        return positive * (steps < factors.length ? factors[(int) steps] : expFactor(steps));
      case LINEAR:
        double v = positive - linearPerStep * steps;
        return v > 0 ? v : 0;
      default:
        return positive;
    }
  }

  /** The decay step {@code at} falls in; a division by a constant for the default daily step. */
  private long step(long at) {
    return stepMillis == DAY ? Math.floorDiv(at, DAY) : Math.floorDiv(at, stepMillis);
  }

  private double expFactor(long steps) {
    return StrictMath.pow(2.0, -(double) steps / stepsPerHalfLife);
  }

  /** The rules {@code type} can match. */
  private TypeRules rulesFor(TouchpointType type) {
    TouchpointType[] ts = types;
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] == type) {
        return typeRules[i];
      }
    }
    for (int i = 0; i < ts.length; i++) {
      if (ts[i].equals(type)) {
        return typeRules[i];
      }
    }
    return anyType;
  }

  @Override
  public double valueAt(ScoreState s, Instant at) {
    return valueAt(s, at.toEpochMilli());
  }

  @Override
  public double valueAt(ScoreState s, long at) {
    return s.fit + s.negative + decayed(s.positive, s.asOf, at);
  }

  // ------------------------------------------------------------------ hot path

  @Override
  public double apply(ScoreState s, Touchpoint t) {
    return apply(s, t, null);
  }

  double apply(ScoreState s, Touchpoint t, @Nullable Recorder rec) {
    return apply(s, t, t.at().toEpochMilli(), rec);
  }

  private double apply(ScoreState s, Touchpoint t, long at, @Nullable Recorder rec) {
    TypeRules tr = rulesFor(t.type());
    if (s.asOf == ScoreState.NEVER) {
      s.asOf = at;
    } else if (at > s.asOf) {
      s.positive = decayed(s.positive, s.asOf, at);
      s.asOf = at;
    }
    int[] rules = tr.rules;
    if (rules.length == 0) {
      return 0;
    }
    boolean late = at < s.asOf;
    double sum = 0;
    long day = Math.floorDiv(at, DAY);
    long week = Math.floorDiv(day + 3, 7);
    // the URL is looked up once for all the rules of this touchpoint
    String url = tr.readsProperties ? t.properties().get(PropertyKey.URL) : null;
    if (tr.indexed) {
      long m = tr.matching(t, url);
      while (m != 0) {
        int r = rules[Long.numberOfTrailingZeros(m)];
        m &= m - 1;
        sum += give(s, r, day, week, at, late, t, rec);
      }
    } else {
      long urlBounds = url == null ? 0 : FastFilter.pathBounds(url);
      for (int r : rules) {
        if (filters[r].matches(t, url, urlBounds)) {
          sum += give(s, r, day, week, at, late, t, rec);
        }
      }
    }
    return sum;
  }

  /** Awards rule {@code r} (whose filter matched) and adds its points to the state. */
  private double give(ScoreState s, int r, long day, long week, long at, boolean late,
      Touchpoint t, @Nullable Recorder rec) {
    double p = award(s, r, day, week, t, rec);
    if (p > 0) {
      s.positive += late ? decayed(p, at, s.asOf) : p;
    } else if (p < 0) {
      s.negative += p;
    }
    return p;
  }

  private double award(ScoreState s, int r, long day, long week, Touchpoint t,
      @Nullable Recorder rec) {
    if (!capped[r]) {
      double p = points[r];
      if (rec != null) {
        rec.record(r, t, p, null);
      }
      return p;
    }
    long[] k = s.counters();
    int base = r * ScoreState.STRIDE;
    if (once[r] && k[base + ScoreState.TOTAL] > 0) {
      return capped(rec, r, t, "once");
    }
    long dayBucket = k[base + ScoreState.DAY_BUCKET];
    boolean dayCurrent = dayBucket == day;
    long dc = dayCurrent ? k[base + ScoreState.DAY_COUNT] : 0;
    if (perDay[r] > 0 && dc >= perDay[r]) {
      return capped(rec, r, t, "day");
    }
    long weekBucket = k[base + ScoreState.WEEK_BUCKET];
    boolean weekCurrent = weekBucket == week;
    long wc = weekCurrent ? k[base + ScoreState.WEEK_COUNT] : 0;
    if (perWeek[r] > 0 && wc >= perWeek[r]) {
      return capped(rec, r, t, "week");
    }
    double given = Double.longBitsToDouble(k[base + ScoreState.GIVEN]);
    double p = points[r];
    String cut = null;
    if (maxPoints[r] == maxPoints[r]) { // not NaN: capped
      double room = maxPoints[r] - Math.abs(given);
      if (room <= 0) {
        return capped(rec, r, t, "max");
      }
      if (Math.abs(p) > room) {
        p = p > 0 ? room : -room;
        cut = "max";
      }
    }
    // a late touchpoint from an earlier period does not move the period counters back
    if (dayCurrent || dayBucket < day) {
      k[base + ScoreState.DAY_BUCKET] = day;
      k[base + ScoreState.DAY_COUNT] = dc + 1;
    }
    if (weekCurrent || weekBucket < week) {
      k[base + ScoreState.WEEK_BUCKET] = week;
      k[base + ScoreState.WEEK_COUNT] = wc + 1;
    }
    k[base + ScoreState.TOTAL]++;
    k[base + ScoreState.GIVEN] = Double.doubleToRawLongBits(given + p);
    if (rec != null) {
      rec.record(r, t, p, cut);
    }
    return p;
  }

  private static double capped(@Nullable Recorder rec, int r, Touchpoint t, String cap) {
    if (rec != null) {
      rec.record(r, t, 0, cap);
    }
    return 0;
  }

  // ------------------------------------------------------------------ thresholds

  @Override
  public double score(ScoreState s, Touchpoint t, CrossingListener listener) {
    return score(s, t, listener, null);
  }

  private double score(ScoreState s, Touchpoint t, CrossingListener listener,
      @Nullable Recorder rec) {
    long at = t.at().toEpochMilli();
    if (s.asOf != ScoreState.NEVER && at > s.asOf) {
      thresholds(s, at, listener);
    }
    double given = apply(s, t, at, rec);
    long now = s.asOf;
    thresholds(s, now, listener);
    s.nextCheck = nextCheck(s, now);
    return given;
  }

  @Override
  public void check(ScoreState s, Instant at, CrossingListener listener) {
    long now = Math.max(at.toEpochMilli(), s.asOf);
    thresholds(s, now, listener);
    s.nextCheck = nextCheck(s, now);
  }

  @Override
  public void setFit(ScoreState s, double fitValue, Instant at, CrossingListener listener) {
    s.fit = fitValue;
    check(s, at, listener);
  }

  private void thresholds(ScoreState s, long at, CrossingListener listener) {
    if (tValue.length == 0) {
      return;
    }
    double v = valueAt(s, at);
    for (int i = 0; i < tValue.length; i++) {
      if (!s.above[i]) {
        if (v >= tValue[i]) {
          s.above[i] = true;
          long last = s.lastHandOff[i];
          if (last == ScoreState.NEVER || at - last >= tCool[i]) {
            s.announced[i] = true;
            s.lastHandOff[i] = at;
            listener.crossed(i, thresholds[i], true, v, at);
          } else {
            s.announced[i] = false;
          }
        }
      } else if (v < tExit[i]) {
        s.above[i] = false;
        if (s.announced[i]) {
          s.announced[i] = false;
          listener.crossed(i, thresholds[i], false, v, at);
        }
      }
    }
  }

  /** The first instant after {@code from} at which decay takes the score below a boundary. */
  long nextCheck(ScoreState s, long from) {
    if (decayKind == NONE || s.positive <= 0 || (bandMins.length == 0 && tExit.length == 0)) {
      return ScoreState.NO_CHECK;
    }
    double v = valueAt(s, from);
    double level = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < bandMins.length; i++) {
      if (v >= bandMins[i]) {
        level = bandMins[i];
        break;
      }
    }
    for (int i = 0; i < tExit.length; i++) {
      if (s.above[i] && tExit[i] <= v && tExit[i] > level) {
        level = tExit[i];
      }
    }
    if (level == Double.NEGATIVE_INFINITY) {
      return ScoreState.NO_CHECK;
    }
    long base = Math.max(from, s.asOf);
    double p = decayed(s.positive, s.asOf, base);
    double r = level - s.fit - s.negative; // below when the positive part is < r
    if (r <= 0 || p <= 0) {
      return ScoreState.NO_CHECK; // positive points never go below zero
    }
    double steps; // whole steps after base's step at which the positive part is below r
    if (decayKind == EXP) {
      steps = stepsPerHalfLife * (Math.log(p / r) / Math.log(2.0));
    } else {
      steps = (p - r) / linearPerStep;
    }
    if (!(steps < 1e15)) {
      return ScoreState.NO_CHECK;
    }
    long first = Math.floorDiv(base, stepMillis);
    long t = (first + Math.max(1L, (long) Math.floor(steps) + 1)) * stepMillis;
    for (int guard = 0; guard < 64 && valueAt(s, t) >= level; guard++) {
      t += stepMillis << Math.min(guard, 20);
    }
    return t;
  }

  // ------------------------------------------------------------------ bands, fit

  @Override
  public Optional<String> band(double value) {
    for (int i = 0; i < bandMins.length; i++) {
      if (value >= bandMins[i]) {
        return Optional.of(bandNames[i]);
      }
    }
    return Optional.empty();
  }

  /** The band's index, or -1. */
  int bandIndex(double value) {
    for (int i = 0; i < bandMins.length; i++) {
      if (value >= bandMins[i]) {
        return i;
      }
    }
    return -1;
  }

  int bandCount() {
    return bandMins.length;
  }

  @Override
  public double fitPoints(EvaluationInput input) {
    double sum = 0;
    for (int i = 0; i < fit.length; i++) {
      if (fit[i].test(input)) {
        sum += fitPoints[i];
      }
    }
    return sum;
  }

  boolean hasFit() {
    return fit.length > 0;
  }

  @Override
  public PredicateDependencies fitDependencies() {
    return fitDeps;
  }

  /** The touchpoints the fit rules need at {@code now} (none: empty). */
  TouchpointHistory fitHistory(List<Touchpoint> history) {
    return fitDeps.readsTouchpoints() ? TouchpointHistory.of(history) : TouchpointHistory.empty();
  }

  // ------------------------------------------------------------------ replay, explain

  @Override
  public ScoreState replay(LeadId lead, double fitValue, List<Touchpoint> history, Instant now) {
    return replay(lead, fitValue, history, now, IGNORE, null);
  }

  ScoreState replay(LeadId lead, double fitValue, List<Touchpoint> history, Instant now,
      CrossingListener listener, @Nullable Recorder rec) {
    List<Touchpoint> ordered = ordered(history);
    ScoreState s = newState(lead);
    s.fit = fitValue;
    for (Touchpoint t : ordered) {
      score(s, t, listener, rec);
    }
    check(s, now, listener);
    return s;
  }

  static List<Touchpoint> ordered(List<Touchpoint> history) {
    for (int i = 1; i < history.size(); i++) {
      if (TouchpointHistory.ORDER.compare(history.get(i - 1), history.get(i)) > 0) {
        List<Touchpoint> copy = new ArrayList<>(history);
        copy.sort(TouchpointHistory.ORDER);
        return copy;
      }
    }
    return history;
  }

  @Override
  public ScoreExplanation explain(EvaluationInput input, List<Touchpoint> history) {
    List<ScoreExplanation.FitContribution> fits = new ArrayList<>();
    double fitSum = 0;
    for (int i = 0; i < fit.length; i++) {
      boolean holds = fit[i].test(input);
      fits.add(new ScoreExplanation.FitContribution(model.fit().get(i).id(),
          fit[i].source().toText(), holds, holds ? fitPoints[i] : 0));
      if (holds) {
        fitSum += fitPoints[i];
      }
    }
    List<Object[]> raw = new ArrayList<>();
    ScoreState s = replay(input.lead().id(), fitSum, history, input.now(), IGNORE,
        (r, t, given, cap) -> raw.add(new Object[] {r, t, given, cap}));
    long now = Math.max(input.now().toEpochMilli(), s.asOf);
    double posNow = decayed(s.positive, s.asOf, now);
    double rawPositive = 0;
    for (Object[] o : raw) {
      double g = (double) o[2];
      rawPositive += g > 0 ? g : 0;
    }
    List<ScoreExplanation.Contribution> out = new ArrayList<>();
    for (Object[] o : raw) {
      Touchpoint t = (Touchpoint) o[1];
      double g = (double) o[2];
      double factor;
      if (g <= 0) {
        factor = 1;
      } else if (decayKind == EXP) {
        factor = decayed(1.0, t.at().toEpochMilli(), now);
      } else if (decayKind == LINEAR) {
        factor = rawPositive > 0 ? posNow / rawPositive : 0; // the pooled loss, shared
      } else {
        factor = 1;
      }
      out.add(new ScoreExplanation.Contribution(model.behaviour().get((int) o[0]).id(), t.id(),
          t.at(), g, Optional.ofNullable((String) o[3]), factor, g * factor));
    }
    double value = valueAt(s, now);
    return new ScoreExplanation(name, version, Instant.ofEpochMilli(now), value, band(value),
        s.fit, s.negative, posNow, fits, out);
  }

  /** What any of {@code compiled} reads (an or of them could be one level too deep). */
  private static PredicateDependencies union(CompiledPredicate[] compiled) {
    Set<AttributeKey> attributes = new HashSet<>();
    Set<Channel> consents = new HashSet<>();
    Set<String> scores = new HashSet<>();
    Set<ListId> lists = new HashSet<>();
    Set<SegmentId> segments = new HashSet<>();
    Set<TouchpointType> types = new HashSet<>();
    List<TouchpointFilter> filters = new ArrayList<>();
    boolean stage = false;
    boolean owner = false;
    boolean anyType = false;
    boolean timeDependent = false;
    for (CompiledPredicate c : compiled) {
      PredicateDependencies d = c.dependencies();
      attributes.addAll(d.attributes());
      consents.addAll(d.consents());
      scores.addAll(d.scores());
      lists.addAll(d.lists());
      segments.addAll(d.segments());
      types.addAll(d.touchpointTypes());
      filters.addAll(d.touchpointFilters());
      stage |= d.stage();
      owner |= d.owner();
      anyType |= d.anyTouchpointType();
      timeDependent |= d.timeDependent();
    }
    return new PredicateDependencies(attributes, stage, consents, owner, scores, lists, segments,
        types, anyType, timeDependent, filters);
  }
}
