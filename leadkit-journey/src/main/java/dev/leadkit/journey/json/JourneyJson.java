package dev.leadkit.journey.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.predicate.Glob;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.ContentPiece;
import dev.leadkit.journey.ContentStream;
import dev.leadkit.journey.DateExpression;
import dev.leadkit.journey.Exhaustion;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.ReEntryPolicy;
import dev.leadkit.journey.Sender;
import dev.leadkit.journey.Step;
import dev.leadkit.journey.StepId;
import dev.leadkit.journey.StreamId;
import dev.leadkit.journey.Trigger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Journey definitions and content streams as JSON. The document carries {@code "format": 1};
 * durations are ISO-8601 ({@code "P3D"}, {@code "PT72H"}), enums lower case, an absent
 * successor ends the journey. Reading is strict: unknown fields, wrong types and invalid
 * values are refused with {@link InvalidJsonException} naming the JSON path, and nothing is
 * built.
 *
 * <pre>{@code
 * {"format": 1, "id": "welcome", "version": 1, "name": "Welcome",
 *  "triggers": [{"type": "touchpoint", "filter": {"types": ["form_submitted"], "properties": []}}],
 *  "reEntry": {"kind": "never"},
 *  "steps": [
 *    {"type": "send", "id": "welcome-1", "template": "tpl-1", "channel": "email",
 *     "sender": "company", "operational": false, "next": "pause-1"},
 *    {"type": "wait", "id": "pause-1", "duration": "PT72H", "next": "welcome-2"},
 *    {"type": "send", "id": "welcome-2", "template": "tpl-2", "channel": "email",
 *     "sender": "owner", "operational": false}]}
 * }</pre>
 */
public final class JourneyJson {
  /** The format version written and read. */
  public static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JourneyJson() {}

  // ------------------------------------------------------------------ writing

  /** The journey as compact JSON text. */
  public static String write(Journey journey) {
    return text(toTree(journey));
  }

  /** The content stream as compact JSON text. */
  public static String write(ContentStream stream) {
    return text(toTree(stream));
  }

  private static String text(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new LeadkitException("cannot write journey JSON", e);
    }
  }

  /** The journey as a JSON tree. */
  public static ObjectNode toTree(Journey j) {
    ObjectNode o = F.objectNode();
    o.put("format", FORMAT).put("id", j.id().value()).put("version", j.version())
        .put("name", j.name());
    ArrayNode triggers = o.putArray("triggers");
    j.triggers().forEach(t -> triggers.add(trigger(t)));
    ObjectNode re = o.putObject("reEntry").put("kind", lower(j.reEntry().kind()));
    j.reEntry().coolDown().ifPresent(d -> re.put("coolDown", d.toString()));
    j.goal().ifPresent(g -> o.set("goal", PredicateJson.node(g)));
    j.exhaustion().ifPresent(x -> {
      ObjectNode e = o.putObject("exhaustion").put("maxMessages", x.maxMessages())
          .put("maxTasks", x.maxTasks()).put("within", x.within().toString());
      e.set("response", filter(x.response()));
      x.then().ifPresent(t -> e.put("then", t.value()));
    });
    ArrayNode steps = o.putArray("steps");
    j.steps().forEach(s -> steps.add(step(s)));
    return o;
  }

  /** The content stream as a JSON tree. */
  public static ObjectNode toTree(ContentStream s) {
    ObjectNode o = F.objectNode();
    o.put("format", FORMAT).put("id", s.id().value()).put("channel", s.channel().name())
        .put("cadence", s.cadence().toString());
    s.idleAlternation().ifPresent(d -> o.put("idleAlternation", d.toString()));
    ArrayNode pieces = o.putArray("pieces");
    for (ContentPiece p : s.pieces()) {
      ObjectNode po = pieces.addObject().put("id", p.id()).put("template", p.template())
          .put("kind", lower(p.kind()));
      p.asset().ifPresent(a -> po.put("asset", a));
    }
    return o;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectNode trigger(Trigger t) {
    ObjectNode o = F.objectNode();
    if (t instanceof Trigger.SegmentEntered s) {
      o.put("type", "segment_entered").put("segment", s.segment().value());
    } else if (t instanceof Trigger.TouchpointReceived r) {
      o.put("type", "touchpoint").set("filter", filter(r.filter()));
    } else if (t instanceof Trigger.DateReached d) {
      o.put("type", "date").set("date", date(d.date()));
    } else if (t instanceof Trigger.ConditionMet c) {
      o.put("type", "condition").set("predicate", PredicateJson.node(c.predicate()));
    } else if (t instanceof Trigger.LeadCreated lc) {
      o.put("type", "lead_created");
      lc.where().ifPresent(w -> o.set("where", PredicateJson.node(w)));
    }
    return o;
  }

  private static ObjectNode date(DateExpression d) {
    return F.objectNode().put("attribute", d.attribute().name())
        .put("offsetDays", d.offsetDays()).put("timeOfDay", d.timeOfDay().toString());
  }

  private static ObjectNode filter(TouchpointFilter f) {
    ObjectNode o = F.objectNode();
    ArrayNode types = o.putArray("types");
    f.types().forEach(t -> types.add(t.name()));
    ArrayNode props = o.putArray("properties");
    for (PropertyFilter p : f.properties()) {
      ObjectNode po = props.addObject().put("key", p.key().name());
      if (p instanceof PropertyFilter.OneOf one) {
        ArrayNode vs = po.put("match", "one_of").putArray("values");
        one.values().forEach(vs::add);
      } else if (p instanceof PropertyFilter.Matches m) {
        po.put("match", "glob").put("pattern", m.glob().pattern());
      } else if (p instanceof PropertyFilter.Compare c) {
        po.put("match", "number").put("op", c.op().name().toLowerCase(Locale.ROOT))
            .put("value", c.value().toPlainString());
      } else {
        po.put("match", "present");
      }
    }
    return o;
  }

  private static void next(ObjectNode o, String field, Optional<StepId> target) {
    target.ifPresent(t -> o.put(field, t.value()));
  }

  private static ObjectNode step(Step s) {
    ObjectNode o = F.objectNode();
    if (s instanceof Step.Send x) {
      o.put("type", "send").put("id", x.id().value()).put("template", x.template())
          .put("channel", x.channel().name()).put("sender", lower(x.sender()))
          .put("operational", x.operational());
      next(o, "next", x.next());
    } else if (s instanceof Step.Wait x) {
      o.put("type", "wait").put("id", x.id().value()).put("duration", x.duration().toString());
      next(o, "next", x.next());
    } else if (s instanceof Step.WaitUntil x) {
      o.put("type", "wait_until").put("id", x.id().value()).set("date", date(x.date()));
      next(o, "next", x.next());
    } else if (s instanceof Step.WaitForEvent x) {
      o.put("type", "wait_for_event").put("id", x.id().value())
          .put("timeout", x.timeout().toString()).set("filter", filter(x.filter()));
      next(o, "onEvent", x.onEvent());
      next(o, "onTimeout", x.onTimeout());
    } else if (s instanceof Step.Branch x) {
      o.put("type", "branch").put("id", x.id().value())
          .set("condition", PredicateJson.node(x.condition()));
      next(o, "ifTrue", x.ifTrue());
      next(o, "ifFalse", x.ifFalse());
    } else if (s instanceof Step.Split x) {
      o.put("type", "split").put("id", x.id().value());
      ArrayNode arms = o.putArray("arms");
      for (Step.Arm a : x.arms()) {
        ObjectNode ao = arms.addObject().put("name", a.name()).put("weight", a.weight());
        next(ao, "next", a.next());
      }
    } else if (s instanceof Step.SetStage x) {
      o.put("type", "set_stage").put("id", x.id().value()).put("stage", lower(x.stage()));
      next(o, "next", x.next());
    } else if (s instanceof Step.CreateTask x) {
      o.put("type", "create_task").put("id", x.id().value()).put("kind", x.kind())
          .put("title", x.title()).put("dueIn", x.dueIn().toString());
      next(o, "next", x.next());
    } else if (s instanceof Step.NotifyOwner x) {
      o.put("type", "notify_owner").put("id", x.id().value()).put("message", x.message());
      next(o, "next", x.next());
    } else if (s instanceof Step.ChangeList x) {
      o.put("type", "change_list").put("id", x.id().value()).put("list", x.list().value())
          .put("add", x.add());
      next(o, "next", x.next());
    } else if (s instanceof Step.MoveTo x) {
      o.put("type", "move_to").put("id", x.id().value()).put("journey", x.journey().value());
    } else if (s instanceof Step.Exit x) {
      o.put("type", "exit").put("id", x.id().value()).put("reason", x.reason().code());
    } else if (s instanceof Step.FromStream x) {
      o.put("type", "from_stream").put("id", x.id().value()).put("stream", x.stream().value());
    }
    return o;
  }

  // ------------------------------------------------------------------ reading

  /** Reads a journey from JSON text. */
  public static Journey read(String json) {
    return readJourney(parse(json));
  }

  /** Reads a content stream from JSON text. */
  public static ContentStream readStream(String json) {
    return readStream(parse(json));
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      throw new InvalidJsonException("journey JSON must not be null");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException("malformed journey JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a journey from a JSON tree. */
  public static Journey readJourney(JsonNode n) {
    fields(n, "", "format", "id", "version", "name", "triggers", "reEntry", "goal",
        "exhaustion", "steps");
    format(n);
    List<Trigger> triggers = new ArrayList<>();
    JsonNode ts = array(n, "", "triggers");
    for (int i = 0; i < ts.size(); i++) {
      triggers.add(trigger(ts.get(i), "/triggers/" + i));
    }
    JsonNode re = required(n, "", "reEntry");
    fields(re, "/reEntry", "kind", "coolDown");
    String kind = text(re, "/reEntry", "kind");
    ReEntryPolicy policy = guard("/reEntry", () -> switch (kind) {
      case "never" -> ReEntryPolicy.never();
      case "always" -> ReEntryPolicy.always();
      case "after_cool_down" -> ReEntryPolicy.after(duration(re, "/reEntry", "coolDown"));
      default -> throw new InvalidJsonException("/reEntry/kind: unknown \"" + kind + "\"");
    });
    Optional<Predicate> goal = n.has("goal")
        ? Optional.of(predicate(n.get("goal"), "/goal")) : Optional.empty();
    Optional<Exhaustion> exhaustion = Optional.empty();
    if (n.has("exhaustion")) {
      JsonNode x = n.get("exhaustion");
      fields(x, "/exhaustion", "maxMessages", "maxTasks", "within", "response", "then");
      exhaustion = Optional.of(guard("/exhaustion", () -> new Exhaustion(
          integer(x, "/exhaustion", "maxMessages"), integer(x, "/exhaustion", "maxTasks"),
          duration(x, "/exhaustion", "within"),
          filter(required(x, "/exhaustion", "response"), "/exhaustion/response"),
          x.has("then") ? Optional.of(JourneyId.of(text(x, "/exhaustion", "then")))
              : Optional.empty())));
    }
    List<Step> steps = new ArrayList<>();
    JsonNode ss = array(n, "", "steps");
    for (int i = 0; i < ss.size(); i++) {
      steps.add(step(ss.get(i), "/steps/" + i));
    }
    Optional<Predicate> g = goal;
    Optional<Exhaustion> e = exhaustion;
    return guard("", () -> new Journey(JourneyId.of(text(n, "", "id")),
        integer(n, "", "version"), text(n, "", "name"), triggers, policy, g, e, steps));
  }

  /** Reads a content stream from a JSON tree. */
  public static ContentStream readStream(JsonNode n) {
    fields(n, "", "format", "id", "channel", "cadence", "idleAlternation", "pieces");
    format(n);
    List<ContentPiece> pieces = new ArrayList<>();
    JsonNode ps = array(n, "", "pieces");
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      String path = "/pieces/" + i;
      fields(p, path, "id", "template", "asset", "kind");
      String kind = text(p, path, "kind");
      pieces.add(guard(path, () -> new ContentPiece(text(p, path, "id"),
          text(p, path, "template"),
          p.has("asset") ? Optional.of(text(p, path, "asset")) : Optional.empty(),
          ContentPiece.Kind.valueOf(kind.toUpperCase(Locale.ROOT)))));
    }
    return guard("", () -> new ContentStream(StreamId.of(text(n, "", "id")),
        Channel.of(text(n, "", "channel")), duration(n, "", "cadence"), pieces,
        n.has("idleAlternation") ? Optional.of(duration(n, "", "idleAlternation"))
            : Optional.empty()));
  }

  private static void format(JsonNode n) {
    JsonNode f = n.get("format");
    if (f == null || !f.isInt() || f.intValue() != FORMAT) {
      throw new InvalidJsonException("/format: unsupported format " + f + " (want " + FORMAT
          + ")");
    }
  }

  private static Trigger trigger(JsonNode n, String path) {
    String type = text(n, path, "type");
    return switch (type) {
      case "segment_entered" -> {
        fields(n, path, "type", "segment");
        yield guard(path, () -> Trigger.segmentEntered(SegmentId.of(text(n, path, "segment"))));
      }
      case "touchpoint" -> {
        fields(n, path, "type", "filter");
        yield Trigger.touchpoint(filter(required(n, path, "filter"), path + "/filter"));
      }
      case "date" -> {
        fields(n, path, "type", "date");
        yield Trigger.date(date(required(n, path, "date"), path + "/date"));
      }
      case "condition" -> {
        fields(n, path, "type", "predicate");
        yield Trigger.condition(predicate(required(n, path, "predicate"), path + "/predicate"));
      }
      case "lead_created" -> {
        fields(n, path, "type", "where");
        yield n.has("where")
            ? Trigger.leadCreated(predicate(n.get("where"), path + "/where"))
            : Trigger.leadCreated();
      }
      default -> throw new InvalidJsonException(path + "/type: unknown trigger \"" + type
          + "\"");
    };
  }

  private static DateExpression date(JsonNode n, String path) {
    fields(n, path, "attribute", "offsetDays", "timeOfDay");
    return guard(path, () -> new DateExpression(AttributeKey.of(text(n, path, "attribute")),
        integer(n, path, "offsetDays"), LocalTime.parse(text(n, path, "timeOfDay"))));
  }

  private static Predicate predicate(JsonNode n, String path) {
    return guard(path, () -> PredicateJson.fromNode(n));
  }

  private static TouchpointFilter filter(JsonNode n, String path) {
    fields(n, path, "types", "properties");
    Set<TouchpointType> types = new LinkedHashSet<>();
    JsonNode ts = array(n, path, "types");
    for (int i = 0; i < ts.size(); i++) {
      JsonNode t = ts.get(i);
      String p = path + "/types/" + i;
      if (!t.isTextual()) {
        throw new InvalidJsonException(p + ": expected a type name but found " + t);
      }
      types.add(guard(p, () -> TouchpointType.of(t.textValue())));
    }
    List<PropertyFilter> props = new ArrayList<>();
    JsonNode ps = n.has("properties") ? array(n, path, "properties") : F.arrayNode();
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      String pp = path + "/properties/" + i;
      PropertyKey key = guard(pp + "/key", () -> PropertyKey.of(text(p, pp, "key")));
      String match = text(p, pp, "match");
      props.add(switch (match) {
        case "one_of" -> {
          fields(p, pp, "key", "match", "values");
          JsonNode vs = array(p, pp, "values");
          Set<String> values = new LinkedHashSet<>();
          vs.forEach(v -> values.add(v.asText()));
          yield guard(pp, () -> new PropertyFilter.OneOf(key, values));
        }
        case "glob" -> {
          fields(p, pp, "key", "match", "pattern");
          yield guard(pp, () -> new PropertyFilter.Matches(key, Glob.of(text(p, pp, "pattern"))));
        }
        case "present" -> {
          fields(p, pp, "key", "match");
          yield new PropertyFilter.Present(key);
        }
        case "number" -> {
          fields(p, pp, "key", "match", "op", "value");
          String op = text(p, pp, "op");
          PropertyFilter.NumberOp o = Arrays.stream(PropertyFilter.NumberOp.values())
              .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(op)).findFirst()
              .orElseThrow(() -> new InvalidJsonException(pp + "/op: unknown comparison \""
                  + op + "\" (eq, ne, lt, le, gt, ge)"));
          JsonNode v = p.get("value");
          if (v == null || !(v.isTextual() || v.isNumber())) {
            throw new InvalidJsonException(pp + "/value: expected a decimal string but found "
                + v);
          }
          yield guard(pp + "/value", () -> new PropertyFilter.Compare(key, o,
              new BigDecimal(v.asText())));
        }
        default -> throw new InvalidJsonException(pp + "/match: unknown \"" + match + "\"");
      });
    }
    return guard(path, () -> new TouchpointFilter(types, props));
  }

  private static Optional<StepId> target(JsonNode n, String path, String field) {
    return n.has(field) ? Optional.of(guard(path + "/" + field,
        () -> StepId.of(text(n, path, field)))) : Optional.empty();
  }

  private static Step step(JsonNode n, String path) {
    String type = text(n, path, "type");
    StepId id = guard(path + "/id", () -> StepId.of(text(n, path, "id")));
    return switch (type) {
      case "send" -> {
        fields(n, path, "type", "id", "template", "channel", "sender", "operational", "next");
        String sender = text(n, path, "sender");
        yield guard(path, () -> new Step.Send(id, text(n, path, "template"),
            Channel.of(text(n, path, "channel")),
            Sender.valueOf(sender.toUpperCase(Locale.ROOT)), bool(n, path, "operational"),
            target(n, path, "next")));
      }
      case "wait" -> {
        fields(n, path, "type", "id", "duration", "next");
        yield guard(path, () -> new Step.Wait(id, duration(n, path, "duration"),
            target(n, path, "next")));
      }
      case "wait_until" -> {
        fields(n, path, "type", "id", "date", "next");
        yield new Step.WaitUntil(id, date(required(n, path, "date"), path + "/date"),
            target(n, path, "next"));
      }
      case "wait_for_event" -> {
        fields(n, path, "type", "id", "filter", "timeout", "onEvent", "onTimeout");
        TouchpointFilter f = filter(required(n, path, "filter"), path + "/filter");
        yield guard(path, () -> new Step.WaitForEvent(id, f, duration(n, path, "timeout"),
            target(n, path, "onEvent"), target(n, path, "onTimeout")));
      }
      case "branch" -> {
        fields(n, path, "type", "id", "condition", "ifTrue", "ifFalse");
        yield new Step.Branch(id, predicate(required(n, path, "condition"),
            path + "/condition"), target(n, path, "ifTrue"), target(n, path, "ifFalse"));
      }
      case "split" -> {
        fields(n, path, "type", "id", "arms");
        List<Step.Arm> arms = new ArrayList<>();
        JsonNode as = array(n, path, "arms");
        for (int i = 0; i < as.size(); i++) {
          JsonNode a = as.get(i);
          String ap = path + "/arms/" + i;
          fields(a, ap, "name", "weight", "next");
          arms.add(guard(ap, () -> new Step.Arm(text(a, ap, "name"), integer(a, ap, "weight"),
              target(a, ap, "next"))));
        }
        yield guard(path, () -> new Step.Split(id, arms));
      }
      case "set_stage" -> {
        fields(n, path, "type", "id", "stage", "next");
        String stage = text(n, path, "stage");
        yield guard(path, () -> new Step.SetStage(id,
            LifecycleStage.valueOf(stage.toUpperCase(Locale.ROOT)), target(n, path, "next")));
      }
      case "create_task" -> {
        fields(n, path, "type", "id", "kind", "title", "dueIn", "next");
        yield guard(path, () -> new Step.CreateTask(id, text(n, path, "kind"),
            text(n, path, "title"), duration(n, path, "dueIn"), target(n, path, "next")));
      }
      case "notify_owner" -> {
        fields(n, path, "type", "id", "message", "next");
        yield guard(path, () -> new Step.NotifyOwner(id, text(n, path, "message"),
            target(n, path, "next")));
      }
      case "change_list" -> {
        fields(n, path, "type", "id", "list", "add", "next");
        yield guard(path, () -> new Step.ChangeList(id, ListId.of(text(n, path, "list")),
            bool(n, path, "add"), target(n, path, "next")));
      }
      case "move_to" -> {
        fields(n, path, "type", "id", "journey");
        yield guard(path, () -> new Step.MoveTo(id, JourneyId.of(text(n, path, "journey"))));
      }
      case "exit" -> {
        fields(n, path, "type", "id", "reason");
        yield guard(path, () -> new Step.Exit(id, ExitReason.of(text(n, path, "reason"))));
      }
      case "from_stream" -> {
        fields(n, path, "type", "id", "stream");
        yield guard(path, () -> new Step.FromStream(id, StreamId.of(text(n, path, "stream"))));
      }
      default -> throw new InvalidJsonException(path + "/type: unknown step type \"" + type
          + "\"");
    };
  }

  // ------------------------------------------------------------------ helpers

  private static void fields(JsonNode n, String path, String... allowed) {
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException((path.isEmpty() ? "/" : path)
          + ": expected an object but found " + n);
    }
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw new InvalidJsonException(path + "/" + f + ": unknown field");
      }
    }
  }

  private static JsonNode required(JsonNode n, String path, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidJsonException(path + "/" + field + ": missing");
    }
    return v;
  }

  private static JsonNode array(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isArray()) {
      throw new InvalidJsonException(path + "/" + field + ": expected an array but found " + v);
    }
    return v;
  }

  private static String text(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isTextual()) {
      throw new InvalidJsonException(path + "/" + field + ": expected text but found " + v);
    }
    return v.textValue();
  }

  private static int integer(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isInt()) {
      throw new InvalidJsonException(path + "/" + field + ": expected an integer but found "
          + v);
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isBoolean()) {
      throw new InvalidJsonException(path + "/" + field + ": expected true or false but found "
          + v);
    }
    return v.booleanValue();
  }

  private static Duration duration(JsonNode n, String path, String field) {
    String t = text(n, path, field);
    return guard(path + "/" + field, () -> Duration.parse(t));
  }

  /** Runs {@code build}, turning any validation failure into an error at {@code path}. */
  private static <T> T guard(String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (LeadkitException | IllegalArgumentException
        | java.time.format.DateTimeParseException e) {
      throw new InvalidJsonException((path.isEmpty() ? "/" : path) + ": " + e.getMessage(), e);
    }
  }
}
