package dev.leadkit.scoring.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import dev.leadkit.scoring.Band;
import dev.leadkit.scoring.BehaviourRule;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.FitRule;
import dev.leadkit.scoring.ScoreState;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JSON for scoring models and scoring state. Reading is strict: an unknown field, a wrong shape
 * or an invalid value throws {@link InvalidJsonException} naming the field, or the model's own
 * validation error.
 *
 * <p>A model, format version 1:
 *
 * <pre>{@code
 * {"kind": "leadkit.scoring-model", "v": 1, "name": "engagement", "version": 3,
 *  "decay": {"type": "half_life", "halfLife": "PT240H", "step": "PT24H"},
 *  "behaviour": [{"id": "home", "points": 1, "caps": {"perDay": 1},
 *                 "filter": {"types": ["page_view"],
 *                            "properties": [{"key": "url", "match": "glob", "pattern": "/"}]}}],
 *  "fit": [{"id": "manager", "points": 15, "when": {"type": "attribute", "key": "title",
 *                                                   "test": {"op": "contains", "text": "manager"}}}],
 *  "thresholds": [{"value": 20, "hysteresis": 5, "coolDown": "P30D", "stage": "MQL"}],
 *  "bands": [{"name": "1", "min": 20}, {"name": "2", "min": null}]}
 * }</pre>
 *
 * <p>Behaviour filters and fit conditions are written in core's predicate JSON ({@link
 * PredicateJson}: a filter as in a {@code touch_count} node, a condition as a predicate node).
 * For hand-written models the reader also takes the core text syntax ({@link PredicateText}):
 * {@code "filter": "page_view where url ~ \"/products/**\""} (what goes inside {@code
 * count(...)}) and {@code "when": "title contains \"manager\""}.
 * Decay types: {@code none}, {@code half_life} ({@code halfLife}), {@code linear} ({@code
 * points}, {@code period}), each with an optional {@code step} (default {@code PT24H});
 * durations are ISO-8601. A band {@code min} of null means "everything
 * below".
 */
public final class ScoringJson {
  /** The format version written in {@code v}. */
  public static final int VERSION = 1;
  /** The {@code kind} of a model document. */
  public static final String MODEL_KIND = "leadkit.scoring-model";
  /** The {@code kind} of a state document. */
  public static final String STATE_KIND = "leadkit.score-state";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ScoringJson() {}

  // ------------------------------------------------------------------ models

  /** The model's JSON text. */
  public static String write(ScoringModel model) {
    return LeadkitJson.write(model(model));
  }

  /** Reads a model from JSON text. */
  public static ScoringModel readModel(String json) {
    return model(LeadkitJson.parse(json));
  }

  /** The model as a tree. */
  public static ObjectNode model(ScoringModel m) {
    ObjectNode n = F.objectNode();
    n.put("kind", MODEL_KIND);
    n.put("v", VERSION);
    n.put("name", m.name());
    n.put("version", m.version());
    n.set("decay", decay(m.decay()));
    ArrayNode beh = n.putArray("behaviour");
    for (BehaviourRule r : m.behaviour()) {
      ObjectNode o = beh.addObject();
      o.put("id", r.id());
      o.set("filter", filterNode(r.filter()));
      o.put("points", r.points());
      if (!r.caps().isNone()) {
        ObjectNode c = o.putObject("caps");
        if (r.caps().once()) {
          c.put("once", true);
        }
        r.caps().perDay().ifPresent(v -> c.put("perDay", v));
        r.caps().perWeek().ifPresent(v -> c.put("perWeek", v));
        r.caps().maxPoints().ifPresent(v -> c.put("maxPoints", v));
      }
    }
    ArrayNode fit = n.putArray("fit");
    for (FitRule r : m.fit()) {
      ObjectNode o = fit.addObject();
      o.put("id", r.id());
      o.set("when", PredicateJson.node(r.when()));
      o.put("points", r.points());
    }
    ArrayNode th = n.putArray("thresholds");
    for (Threshold t : m.thresholds()) {
      ObjectNode o = th.addObject();
      o.put("value", t.value());
      o.put("hysteresis", t.hysteresis());
      o.put("coolDown", t.coolDown().toString());
      t.stage().ifPresent(s -> o.put("stage", s.name()));
    }
    ArrayNode bands = n.putArray("bands");
    for (Band b : m.bands()) {
      ObjectNode o = bands.addObject();
      o.put("name", b.name());
      if (b.min() == Double.NEGATIVE_INFINITY) {
        o.putNull("min");
      } else {
        o.put("min", b.min());
      }
    }
    return n;
  }

  /** Reads a model from a tree. */
  public static ScoringModel model(JsonNode n) {
    String where = "model";
    fields(n, where, "kind", "v", "name", "version", "decay", "behaviour", "fit", "thresholds",
        "bands");
    if (!MODEL_KIND.equals(LeadkitJson.text(n.get("kind"), where + ".kind"))) {
      throw new InvalidJsonException(where + ".kind: want \"" + MODEL_KIND + "\", got "
          + n.get("kind"));
    }
    version(n, where);
    ScoringModel.Builder b = ScoringModel.custom(LeadkitJson.text(n.get("name"), where + ".name"))
        .version(integer(n.get("version"), where + ".version"));
    if (n.has("decay")) {
      b.decay(decay(n.get("decay"), where + ".decay"));
    }
    int i = 0;
    for (JsonNode r : array(n.get("behaviour"), where + ".behaviour")) {
      String w = where + ".behaviour[" + i++ + "]";
      fields(r, w, "id", "filter", "points", "caps");
      Caps caps = r.has("caps") ? caps(r.get("caps"), w + ".caps") : Caps.none();
      b.behaviour(new BehaviourRule(LeadkitJson.text(r.get("id"), w + ".id"),
          filter(r.get("filter"), w + ".filter"),
          number(r.get("points"), w + ".points"), caps));
    }
    i = 0;
    for (JsonNode r : array(n.get("fit"), where + ".fit")) {
      String w = where + ".fit[" + i++ + "]";
      fields(r, w, "id", "when", "points");
      b.fit(new FitRule(LeadkitJson.text(r.get("id"), w + ".id"),
          condition(r.get("when"), w + ".when"),
          number(r.get("points"), w + ".points")));
    }
    i = 0;
    for (JsonNode t : array(n.get("thresholds"), where + ".thresholds")) {
      String w = where + ".thresholds[" + i++ + "]";
      fields(t, w, "value", "hysteresis", "coolDown", "stage");
      Threshold th = Threshold.at(number(t.get("value"), w + ".value"));
      if (t.has("hysteresis")) {
        th = th.hysteresis(number(t.get("hysteresis"), w + ".hysteresis"));
      }
      if (t.has("coolDown")) {
        th = th.coolDown(duration(t.get("coolDown"), w + ".coolDown"));
      }
      if (t.has("stage") && !t.get("stage").isNull()) {
        th = th.setsStage(LeadkitJson.enumValue(LifecycleStage.class, t.get("stage"),
            w + ".stage"));
      }
      b.threshold(th);
    }
    List<Band> bands = new ArrayList<>();
    i = 0;
    for (JsonNode o : array(n.get("bands"), where + ".bands")) {
      String w = where + ".bands[" + i++ + "]";
      fields(o, w, "name", "min");
      JsonNode min = o.get("min");
      bands.add(new Band(LeadkitJson.text(o.get("name"), w + ".name"),
          min == null || min.isNull() ? Double.NEGATIVE_INFINITY : number(min, w + ".min")));
    }
    if (!bands.isEmpty()) {
      b.bands(bands);
    }
    return b.build();
  }

  private static ObjectNode decay(Decay d) {
    ObjectNode o = F.objectNode();
    if (d instanceof Decay.Exponential e) {
      o.put("type", "half_life");
      o.put("halfLife", e.halfLife().toString());
      o.put("step", e.step().toString());
    } else if (d instanceof Decay.Linear l) {
      o.put("type", "linear");
      o.put("points", l.points());
      o.put("period", l.period().toString());
      o.put("step", l.step().toString());
    } else {
      o.put("type", "none");
    }
    return o;
  }

  private static Decay decay(JsonNode n, String where) {
    String type = LeadkitJson.text(n == null ? null : n.get("type"), where + ".type");
    switch (type) {
      case "none":
        fields(n, where, "type");
        return Decay.none();
      case "half_life":
        fields(n, where, "type", "halfLife", "step");
        Decay.Exponential e = Decay.halfLife(duration(n.get("halfLife"), where + ".halfLife"));
        return n.has("step") ? e.every(duration(n.get("step"), where + ".step")) : e;
      case "linear":
        fields(n, where, "type", "points", "period", "step");
        Decay.Linear l = Decay.linear(number(n.get("points"), where + ".points"),
            duration(n.get("period"), where + ".period"));
        return n.has("step") ? l.every(duration(n.get("step"), where + ".step")) : l;
      default:
        throw new InvalidJsonException(where + ".type: unknown decay \"" + type + "\"");
    }
  }

  private static Caps caps(JsonNode n, String where) {
    fields(n, where, "once", "perDay", "perWeek", "maxPoints");
    JsonNode once = n.get("once");
    if (once != null && !once.isBoolean()) {
      throw new InvalidJsonException(where + ".once: want a boolean, got " + once);
    }
    return new Caps(once != null && once.booleanValue(),
        n.has("perDay") ? OptionalInt.of(integer(n.get("perDay"), where + ".perDay"))
            : OptionalInt.empty(),
        n.has("perWeek") ? OptionalInt.of(integer(n.get("perWeek"), where + ".perWeek"))
            : OptionalInt.empty(),
        n.has("maxPoints") ? OptionalDouble.of(number(n.get("maxPoints"), where + ".maxPoints"))
            : OptionalDouble.empty());
  }

  /** The text of a touchpoint filter, as inside {@code count(...)}. */
  public static String filterText(TouchpointFilter filter) {
    String text = new Predicate.TouchCount(filter, new Predicate.Window.Ever(), 1,
        OptionalInt.empty()).toText();
    String prefix = "count(";
    String suffix = ") >= 1";
    if (!text.startsWith(prefix) || !text.endsWith(suffix)) {
      throw new LeadkitException("unexpected filter text " + text);
    }
    return text.substring(prefix.length(), text.length() - suffix.length());
  }

  /** Parses a touchpoint filter written as inside {@code count(...)}. */
  public static TouchpointFilter filter(String text, String where) {
    Predicate p = PredicateText.parse("count(" + text + ") >= 1");
    if (p instanceof Predicate.TouchCount c && c.window() instanceof Predicate.Window.Ever
        && c.min() == 1 && c.max().isEmpty()) {
      return c.filter();
    }
    throw new InvalidJsonException(where + ": not a touchpoint filter: \"" + text + "\"");
  }

  /** A touchpoint filter as core's predicate JSON writes it inside a {@code touch_count}. */
  public static JsonNode filterNode(TouchpointFilter filter) {
    ObjectNode count = PredicateJson.node(new Predicate.TouchCount(filter,
        new Predicate.Window.Ever(), 1, OptionalInt.empty()));
    return count.get("filter");
  }

  /** Reads a touchpoint filter: core's filter JSON, or its text (as inside {@code count(...)}). */
  public static TouchpointFilter filter(@Nullable JsonNode n, String where) {
    if (n != null && n.isTextual()) {
      return filter(n.textValue(), where);
    }
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException(where + ": want a filter object or text, got " + n);
    }
    ObjectNode count = F.objectNode();
    count.put("type", "touch_count");
    count.set("filter", n);
    count.putObject("window").put("kind", "ever");
    count.put("min", 1);
    try {
      return ((Predicate.TouchCount) PredicateJson.fromNode(count)).filter();
    } catch (PredicateJsonException e) {
      throw new InvalidJsonException(where + ": " + e.getMessage(), e);
    }
  }

  private static Predicate condition(@Nullable JsonNode n, String where) {
    if (n != null && n.isTextual()) {
      return PredicateText.parse(n.textValue());
    }
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException(where + ": want a predicate object or text, got " + n);
    }
    try {
      return PredicateJson.fromNode(n);
    } catch (PredicateJsonException e) {
      throw new InvalidJsonException(where + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ state

  /** The state as a tree (for stores that keep JSON). */
  public static ObjectNode state(ScoreState s) {
    ObjectNode n = F.objectNode();
    n.put("kind", STATE_KIND);
    n.put("v", VERSION);
    n.put("lead", s.lead().value());
    n.put("model", s.model());
    n.put("modelVersion", s.modelVersion());
    n.put("revision", s.revision());
    n.put("positive", s.positive());
    n.put("negative", s.negative());
    n.put("fit", s.fit());
    n.put("asOf", s.asOf());
    n.put("nextCheck", s.nextCheck());
    ArrayNode rules = n.putArray("rules");
    for (ScoreState.RuleCounter c : s.rules()) {
      rules.addArray().add(c.dayBucket()).add(c.dayCount()).add(c.weekBucket())
          .add(c.weekCount()).add(c.total()).add(c.given());
    }
    ArrayNode th = n.putArray("thresholds");
    for (ScoreState.ThresholdMark m : s.thresholds()) {
      th.addArray().add(m.above()).add(m.announced()).add(m.lastHandOff());
    }
    return n;
  }

  /** Reads a state from a tree. */
  public static ScoreState state(JsonNode n) {
    String where = "state";
    fields(n, where, "kind", "v", "lead", "model", "modelVersion", "revision", "positive",
        "negative", "fit", "asOf", "nextCheck", "rules", "thresholds");
    version(n, where);
    List<ScoreState.RuleCounter> rules = new ArrayList<>();
    for (JsonNode r : array(n.get("rules"), where + ".rules")) {
      if (r.size() != 6) {
        throw new InvalidJsonException(where + ".rules: want 6 numbers, got " + r);
      }
      rules.add(new ScoreState.RuleCounter(r.get(0).longValue(), r.get(1).intValue(),
          r.get(2).longValue(), r.get(3).intValue(), r.get(4).intValue(), r.get(5).doubleValue()));
    }
    List<ScoreState.ThresholdMark> marks = new ArrayList<>();
    for (JsonNode m : array(n.get("thresholds"), where + ".thresholds")) {
      if (m.size() != 3) {
        throw new InvalidJsonException(where + ".thresholds: want 3 values, got " + m);
      }
      marks.add(new ScoreState.ThresholdMark(m.get(0).booleanValue(), m.get(1).booleanValue(),
          m.get(2).longValue()));
    }
    return ScoreState.restore(LeadId.of(LeadkitJson.text(n.get("lead"), where + ".lead")),
        LeadkitJson.text(n.get("model"), where + ".model"),
        integer(n.get("modelVersion"), where + ".modelVersion"),
        longValue(n.get("revision"), where + ".revision"),
        number(n.get("positive"), where + ".positive"),
        number(n.get("negative"), where + ".negative"), number(n.get("fit"), where + ".fit"),
        longValue(n.get("asOf"), where + ".asOf"),
        longValue(n.get("nextCheck"), where + ".nextCheck"), rules, marks);
  }

  // ------------------------------------------------------------------ helpers

  private static void version(JsonNode n, String where) {
    JsonNode v = n.get("v");
    if (v == null || !v.canConvertToInt() || v.intValue() != VERSION) {
      throw new InvalidJsonException(where + ".v: unsupported format version " + v);
    }
  }

  private static void fields(@Nullable JsonNode n, String where, String... allowed) {
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException(where + ": want an object, got " + n);
    }
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw new InvalidJsonException(where + ": unknown field \"" + f + "\"");
      }
    }
  }

  private static Iterable<JsonNode> array(@Nullable JsonNode n, String where) {
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new InvalidJsonException(where + ": want an array, got " + n);
    }
    return n;
  }

  private static double number(@Nullable JsonNode n, String where) {
    if (n == null || !n.isNumber()) {
      throw new InvalidJsonException(where + ": want a number, got " + n);
    }
    return n.doubleValue();
  }

  private static int integer(@Nullable JsonNode n, String where) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new InvalidJsonException(where + ": want an integer, got " + n);
    }
    return n.intValue();
  }

  private static long longValue(@Nullable JsonNode n, String where) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidJsonException(where + ": want an integer, got " + n);
    }
    return n.longValue();
  }

  private static Duration duration(@Nullable JsonNode n, String where) {
    try {
      return Duration.parse(LeadkitJson.text(n, where));
    } catch (DateTimeParseException e) {
      throw new InvalidJsonException(where + ": not an ISO-8601 duration: " + n, e);
    }
  }
}
