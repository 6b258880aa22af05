package dev.leadkit.core.predicate.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.predicate.Glob;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Comparison;
import dev.leadkit.core.predicate.Predicate.Operand;
import dev.leadkit.core.predicate.Predicate.Window;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads and writes predicates as versioned JSON, for hosts that store definitions.
 *
 * <pre>{@code
 * {"version": 1,
 *  "predicate": {"type": "and", "operands": [
 *     {"type": "attribute", "key": "industry",
 *      "test": {"op": "in", "values": [{"text": "manufacturing"}, {"text": "it"}]}},
 *     {"type": "touch_count",
 *      "filter": {"types": ["page_view"],
 *                 "properties": [{"key": "url", "match": "glob", "pattern": "/pricing/**"}]},
 *      "window": {"kind": "last", "seconds": 7776000}, "min": 5}]}}
 * }</pre>
 *
 * <h2>Nodes ({@code "type"})</h2>
 *
 * <ul>
 *   <li>{@code constant} {value: boolean}; {@code and}, {@code or} {operands: [node, ...]};
 *       {@code not} {operand: node}
 *   <li>{@code attribute} {key, test}; test {@code op}: {@code exists}, {@code missing},
 *       {@code eq} / {@code ne} {operand}, {@code in} {values: [value]}, {@code contains} /
 *       {@code starts_with} {text}, {@code lt} / {@code le} / {@code gt} / {@code ge}
 *       {operand}, {@code between} {low, high}
 *   <li>value: exactly one of {@code {"text": s}}, {@code {"number": "12.5"}} (a decimal
 *       string, exact), {@code {"boolean": b}}, {@code {"date": "2026-06-15"}}, {@code
 *       {"instant": "2026-06-15T09:00:00Z"}}; an operand may also be {@code {"today": days}}
 *   <li>{@code stage_in} {stages: [name]}; {@code stage_at_least} {stage}
 *   <li>{@code score} {model, op, value: number}; {@code score_band} {model, bands: [s]}
 *   <li>{@code consent} {channel, status: subscribed | pending_confirmation | unsubscribed |
 *       none}
 *   <li>{@code owner_in} {owners: [id]}; {@code has_owner} {}
 *   <li>{@code in_list} {list}; {@code in_segment} {segment}
 *   <li>{@code touch_count} {filter, window, min, max (absent = unbounded)}
 *   <li>{@code last_touch} {filter, recency: within | older_than, seconds}
 *   <li>filter: {types: [name] (empty = any), properties: [{key, match: one_of {values} | glob
 *       {pattern} | present | number {op: eq | ne | lt | le | gt | ge, value: decimal string}}]}
 *   <li>window {@code kind}: {@code ever}, {@code last} {seconds}, {@code since} {from},
 *       {@code between} {from, to} (instants)
 * </ul>
 *
 * <p>Readers refuse unknown versions, node types and fields with a {@link
 * PredicateJsonException} naming the JSON path. Writing then reading gives an equal tree.
 */
public final class PredicateJson {
  /** The format version written. */
  public static final int VERSION = 1;
  /** Deepest predicate tree accepted: the shared {@link Predicate#MAX_DEPTH}. */
  public static final int MAX_DEPTH = Predicate.MAX_DEPTH;
  /** Longest document accepted, in characters. */
  public static final int MAX_LENGTH = 1 << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static {
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(4 * MAX_DEPTH + 16).build());
  }

  private PredicateJson() {}

  // ------------------------------------------------------------------ writing

  /** The document {@code {"version": 1, "predicate": ...}}. */
  public static ObjectNode toTree(Predicate predicate) {
    ObjectNode doc = F.objectNode();
    doc.put("version", VERSION);
    doc.set("predicate", node(predicate));
    return doc;
  }

  /** The document as compact JSON text. */
  public static String write(Predicate predicate) {
    try {
      return MAPPER.writeValueAsString(toTree(predicate));
    } catch (JsonProcessingException e) {
      throw new LeadkitException("cannot write predicate JSON", e);
    }
  }

  /** One predicate node, without the version envelope (for embedding in larger documents). */
  public static ObjectNode node(Predicate p) {
    ObjectNode o = F.objectNode();
    if (p instanceof Predicate.Constant c) {
      o.put("type", "constant").put("value", c.value());
    } else if (p instanceof Predicate.And a) {
      o.put("type", "and").set("operands", nodes(a.operands()));
    } else if (p instanceof Predicate.Or a) {
      o.put("type", "or").set("operands", nodes(a.operands()));
    } else if (p instanceof Predicate.Not n) {
      o.put("type", "not").set("operand", node(n.operand()));
    } else if (p instanceof Predicate.Attribute a) {
      o.put("type", "attribute").put("key", a.key().name());
      o.set("test", test(a.test()));
    } else if (p instanceof Predicate.StageIn s) {
      o.put("type", "stage_in");
      ArrayNode arr = o.putArray("stages");
      s.stages().forEach(x -> arr.add(lower(x.name())));
    } else if (p instanceof Predicate.StageAtLeast s) {
      o.put("type", "stage_at_least").put("stage", lower(s.stage().name()));
    } else if (p instanceof Predicate.ScoreCompare s) {
      o.put("type", "score").put("model", s.model()).put("op", lower(s.op().name()))
          .put("value", s.value());
    } else if (p instanceof Predicate.ScoreBand s) {
      o.put("type", "score_band").put("model", s.model());
      ArrayNode arr = o.putArray("bands");
      s.bands().forEach(arr::add);
    } else if (p instanceof Predicate.ConsentIs c) {
      o.put("type", "consent").put("channel", c.channel().name())
          .put("status", c.status().map(x -> lower(x.name())).orElse("none"));
    } else if (p instanceof Predicate.OwnerIn w) {
      o.put("type", "owner_in");
      ArrayNode arr = o.putArray("owners");
      w.owners().forEach(x -> arr.add(x.value()));
    } else if (p instanceof Predicate.HasOwner) {
      o.put("type", "has_owner");
    } else if (p instanceof Predicate.InList l) {
      o.put("type", "in_list").put("list", l.list().value());
    } else if (p instanceof Predicate.InSegment s) {
      o.put("type", "in_segment").put("segment", s.segment().value());
    } else if (p instanceof Predicate.TouchCount c) {
      o.put("type", "touch_count");
      o.set("filter", filter(c.filter()));
      o.set("window", window(c.window()));
      o.put("min", c.min());
      c.max().ifPresent(m -> o.put("max", m));
    } else if (p instanceof Predicate.LastTouch l) {
      o.put("type", "last_touch");
      o.set("filter", filter(l.filter()));
      o.put("recency", lower(l.recency().name())).put("seconds", l.age().getSeconds());
    } else {
      throw new LeadkitException("unknown predicate node " + p);
    }
    return o;
  }

  private static ArrayNode nodes(List<Predicate> ps) {
    ArrayNode arr = F.arrayNode();
    ps.forEach(p -> arr.add(node(p)));
    return arr;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static ObjectNode test(AttributeTest t) {
    ObjectNode o = F.objectNode();
    if (t instanceof AttributeTest.Exists) {
      o.put("op", "exists");
    } else if (t instanceof AttributeTest.Missing) {
      o.put("op", "missing");
    } else if (t instanceof AttributeTest.Equals e) {
      o.put("op", "eq").set("operand", operand(e.operand()));
    } else if (t instanceof AttributeTest.NotEquals e) {
      o.put("op", "ne").set("operand", operand(e.operand()));
    } else if (t instanceof AttributeTest.In in) {
      o.put("op", "in");
      ArrayNode arr = o.putArray("values");
      in.values().forEach(v -> arr.add(value(v)));
    } else if (t instanceof AttributeTest.Contains c) {
      o.put("op", "contains").put("text", c.text());
    } else if (t instanceof AttributeTest.StartsWith s) {
      o.put("op", "starts_with").put("text", s.prefix());
    } else if (t instanceof AttributeTest.Compare c) {
      o.put("op", lower(c.op().name())).set("operand", operand(c.operand()));
    } else if (t instanceof AttributeTest.Between b) {
      o.put("op", "between");
      o.set("low", operand(b.low()));
      o.set("high", operand(b.high()));
    }
    return o;
  }

  private static ObjectNode operand(Operand op) {
    if (op instanceof Operand.Today t) {
      return F.objectNode().put("today", t.days());
    }
    return value(((Operand.Literal) op).value());
  }

  private static ObjectNode value(AttributeValue v) {
    ObjectNode o = F.objectNode();
    if (v instanceof AttributeValue.Text t) {
      o.put("text", t.value());
    } else if (v instanceof AttributeValue.Num n) {
      o.put("number", n.value().toPlainString());
    } else if (v instanceof AttributeValue.Bool b) {
      o.put("boolean", b.value());
    } else if (v instanceof AttributeValue.Date d) {
      o.put("date", d.value().toString());
    } else if (v instanceof AttributeValue.Timestamp t) {
      o.put("instant", t.value().toString());
    } else {
      throw new LeadkitException("a list is not an operand: " + v);
    }
    return o;
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
        po.put("match", "number").put("op", lower(c.op().name()))
            .put("value", c.value().toPlainString());
      } else {
        po.put("match", "present");
      }
    }
    return o;
  }

  private static ObjectNode window(Window w) {
    ObjectNode o = F.objectNode();
    if (w instanceof Window.Last l) {
      o.put("kind", "last").put("seconds", l.length().getSeconds());
    } else if (w instanceof Window.Since s) {
      o.put("kind", "since").put("from", s.from().toString());
    } else if (w instanceof Window.Between b) {
      o.put("kind", "between").put("from", b.from().toString()).put("to", b.to().toString());
    } else {
      o.put("kind", "ever");
    }
    return o;
  }

  // ------------------------------------------------------------------ reading

  /** Reads a document written by {@link #write}. */
  public static Predicate read(String json) {
    if (json == null) {
      throw new PredicateJsonException("", "document must not be null");
    }
    if (json.length() > MAX_LENGTH) {
      throw new PredicateJsonException("", "document longer than " + MAX_LENGTH + " characters");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PredicateJsonException("", "not JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null) {
      throw new PredicateJsonException("", "empty document");
    }
    return fromTree(tree);
  }

  /** Reads a document tree {@code {"version": 1, "predicate": ...}}. */
  public static Predicate fromTree(JsonNode doc) {
    Reader r = new Reader();
    r.object(doc, "", Set.of("version", "predicate"));
    JsonNode v = doc.get("version");
    if (v == null || !v.isInt() || v.intValue() != VERSION) {
      throw new PredicateJsonException("/version", "unsupported version " + v + " (want "
          + VERSION + ")");
    }
    return r.predicate(r.required(doc, "", "predicate"), "/predicate", 1);
  }

  /** Reads one node without envelope, as written by {@link #node}. */
  public static Predicate fromNode(JsonNode node) {
    return new Reader().predicate(node, "", 1);
  }

  private static final class Reader {
    JsonNode required(JsonNode o, String path, String field) {
      JsonNode v = o.get(field);
      if (v == null || v.isNull()) {
        throw new PredicateJsonException(path + "/" + field, "missing");
      }
      return v;
    }

    void object(JsonNode n, String path, Set<String> allowed) {
      if (n == null || !n.isObject()) {
        throw new PredicateJsonException(path, "expected an object but found " + n);
      }
      n.fieldNames().forEachRemaining(f -> {
        if (!allowed.contains(f)) {
          throw new PredicateJsonException(path + "/" + f, "unknown field \"" + f + "\"");
        }
      });
    }

    String text(JsonNode o, String path, String field) {
      JsonNode v = required(o, path, field);
      if (!v.isTextual()) {
        throw new PredicateJsonException(path + "/" + field, "expected a string but found " + v);
      }
      return v.textValue();
    }

    long integer(JsonNode o, String path, String field) {
      JsonNode v = required(o, path, field);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new PredicateJsonException(path + "/" + field, "expected an integer but found " + v);
      }
      return v.longValue();
    }

    int smallInt(JsonNode o, String path, String field) {
      long l = integer(o, path, field);
      if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
        throw new PredicateJsonException(path + "/" + field, "out of range: " + l);
      }
      return (int) l;
    }

    ArrayNode array(JsonNode o, String path, String field) {
      JsonNode v = required(o, path, field);
      if (!v.isArray()) {
        throw new PredicateJsonException(path + "/" + field, "expected an array but found " + v);
      }
      return (ArrayNode) v;
    }

    List<String> strings(JsonNode o, String path, String field) {
      ArrayNode arr = array(o, path, field);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        JsonNode e = arr.get(i);
        if (!e.isTextual()) {
          throw new PredicateJsonException(path + "/" + field + "/" + i,
              "expected a string but found " + e);
        }
        out.add(e.textValue());
      }
      return out;
    }

    <T> T guard(String path, java.util.function.Supplier<T> s) {
      try {
        return s.get();
      } catch (PredicateJsonException e) {
        throw e;
      } catch (LeadkitException | java.time.DateTimeException | ArithmeticException
          | NumberFormatException e) {
        throw new PredicateJsonException(path, e.getMessage() == null ? e.toString()
            : e.getMessage(), e);
      }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, String s, String path) {
      for (E e : type.getEnumConstants()) {
        if (lower(e.name()).equals(s)) {
          return e;
        }
      }
      throw new PredicateJsonException(path, "unknown " + type.getSimpleName() + " \"" + s + "\"");
    }

    Predicate predicate(JsonNode n, String path, int depth) {
      if (depth > MAX_DEPTH) {
        throw new PredicateJsonException(path, "nested deeper than " + MAX_DEPTH + " levels");
      }
      if (n == null || !n.isObject()) {
        throw new PredicateJsonException(path, "expected a predicate object but found " + n);
      }
      String type = text(n, path, "type");
      return switch (type) {
        case "constant" -> {
          object(n, path, Set.of("type", "value"));
          JsonNode v = required(n, path, "value");
          if (!v.isBoolean()) {
            throw new PredicateJsonException(path + "/value", "expected a boolean but found " + v);
          }
          yield new Predicate.Constant(v.booleanValue());
        }
        case "and", "or" -> {
          object(n, path, Set.of("type", "operands"));
          ArrayNode arr = array(n, path, "operands");
          List<Predicate> ops = new ArrayList<>();
          for (int i = 0; i < arr.size(); i++) {
            ops.add(predicate(arr.get(i), path + "/operands/" + i, depth + 1));
          }
          yield guard(path, () -> type.equals("and") ? new Predicate.And(ops)
              : new Predicate.Or(ops));
        }
        case "not" -> {
          object(n, path, Set.of("type", "operand"));
          Predicate operand = predicate(required(n, path, "operand"), path + "/operand",
              depth + 1);
          yield guard(path, () -> new Predicate.Not(operand));
        }
        case "attribute" -> {
          object(n, path, Set.of("type", "key", "test"));
          String key = text(n, path, "key");
          AttributeKey k = guard(path + "/key", () -> AttributeKey.of(key));
          AttributeTest t = test(required(n, path, "test"), path + "/test");
          yield new Predicate.Attribute(k, t);
        }
        case "stage_in" -> {
          object(n, path, Set.of("type", "stages"));
          List<String> names = strings(n, path, "stages");
          Set<LifecycleStage> stages = new LinkedHashSet<>();
          for (int i = 0; i < names.size(); i++) {
            stages.add(enumValue(LifecycleStage.class, names.get(i), path + "/stages/" + i));
          }
          yield guard(path + "/stages", () -> new Predicate.StageIn(stages));
        }
        case "stage_at_least" -> {
          object(n, path, Set.of("type", "stage"));
          yield new Predicate.StageAtLeast(
              enumValue(LifecycleStage.class, text(n, path, "stage"), path + "/stage"));
        }
        case "score" -> {
          object(n, path, Set.of("type", "model", "op", "value"));
          String model = text(n, path, "model");
          Comparison op = enumValue(Comparison.class, text(n, path, "op"), path + "/op");
          JsonNode v = required(n, path, "value");
          if (!v.isNumber()) {
            throw new PredicateJsonException(path + "/value", "expected a number but found " + v);
          }
          yield guard(path, () -> new Predicate.ScoreCompare(model, op, v.doubleValue()));
        }
        case "score_band" -> {
          object(n, path, Set.of("type", "model", "bands"));
          String model = text(n, path, "model");
          List<String> bands = strings(n, path, "bands");
          yield guard(path, () -> new Predicate.ScoreBand(model, new LinkedHashSet<>(bands)));
        }
        case "consent" -> {
          object(n, path, Set.of("type", "channel", "status"));
          String ch = text(n, path, "channel");
          Channel channel = guard(path + "/channel", () -> Channel.of(ch));
          String st = text(n, path, "status");
          Optional<ConsentStatus> status = st.equals("none") ? Optional.empty()
              : Optional.of(enumValue(ConsentStatus.class, st, path + "/status"));
          yield new Predicate.ConsentIs(channel, status);
        }
        case "owner_in" -> {
          object(n, path, Set.of("type", "owners"));
          List<String> owners = strings(n, path, "owners");
          yield guard(path + "/owners", () -> {
            Set<OwnerId> set = new LinkedHashSet<>();
            owners.forEach(x -> set.add(OwnerId.of(x)));
            return new Predicate.OwnerIn(set);
          });
        }
        case "has_owner" -> {
          object(n, path, Set.of("type"));
          yield new Predicate.HasOwner();
        }
        case "in_list" -> {
          object(n, path, Set.of("type", "list"));
          String id = text(n, path, "list");
          yield guard(path + "/list", () -> new Predicate.InList(ListId.of(id)));
        }
        case "in_segment" -> {
          object(n, path, Set.of("type", "segment"));
          String id = text(n, path, "segment");
          yield guard(path + "/segment", () -> new Predicate.InSegment(SegmentId.of(id)));
        }
        case "touch_count" -> {
          object(n, path, Set.of("type", "filter", "window", "min", "max"));
          TouchpointFilter f = filter(required(n, path, "filter"), path + "/filter");
          Window w = window(required(n, path, "window"), path + "/window");
          int min = smallInt(n, path, "min");
          OptionalInt max = n.has("max") && !n.get("max").isNull()
              ? OptionalInt.of(smallInt(n, path, "max")) : OptionalInt.empty();
          yield guard(path, () -> new Predicate.TouchCount(f, w, min, max));
        }
        case "last_touch" -> {
          object(n, path, Set.of("type", "filter", "recency", "seconds"));
          TouchpointFilter f = filter(required(n, path, "filter"), path + "/filter");
          Predicate.Recency r = enumValue(Predicate.Recency.class, text(n, path, "recency"),
              path + "/recency");
          long secs = integer(n, path, "seconds");
          yield guard(path, () -> new Predicate.LastTouch(f, r, Duration.ofSeconds(secs)));
        }
        default -> throw new PredicateJsonException(path + "/type",
            "unknown predicate type \"" + type + "\"");
      };
    }

    AttributeTest test(JsonNode n, String path) {
      if (n == null || !n.isObject()) {
        throw new PredicateJsonException(path, "expected an attribute test object but found " + n);
      }
      String op = text(n, path, "op");
      return switch (op) {
        case "exists" -> {
          object(n, path, Set.of("op"));
          yield new AttributeTest.Exists();
        }
        case "missing" -> {
          object(n, path, Set.of("op"));
          yield new AttributeTest.Missing();
        }
        case "eq", "ne" -> {
          object(n, path, Set.of("op", "operand"));
          Operand o = operand(required(n, path, "operand"), path + "/operand");
          yield op.equals("eq") ? new AttributeTest.Equals(o) : new AttributeTest.NotEquals(o);
        }
        case "in" -> {
          object(n, path, Set.of("op", "values"));
          ArrayNode arr = array(n, path, "values");
          List<AttributeValue> vs = new ArrayList<>();
          for (int i = 0; i < arr.size(); i++) {
            vs.add(value(arr.get(i), path + "/values/" + i));
          }
          yield guard(path + "/values", () -> new AttributeTest.In(vs));
        }
        case "contains", "starts_with" -> {
          object(n, path, Set.of("op", "text"));
          String t = text(n, path, "text");
          yield guard(path + "/text", () -> op.equals("contains") ? new AttributeTest.Contains(t)
              : new AttributeTest.StartsWith(t));
        }
        case "lt", "le", "gt", "ge" -> {
          object(n, path, Set.of("op", "operand"));
          Comparison c = enumValue(Comparison.class, op, path + "/op");
          Operand o = operand(required(n, path, "operand"), path + "/operand");
          yield guard(path + "/operand", () -> new AttributeTest.Compare(c, o));
        }
        case "between" -> {
          object(n, path, Set.of("op", "low", "high"));
          Operand lo = operand(required(n, path, "low"), path + "/low");
          Operand hi = operand(required(n, path, "high"), path + "/high");
          yield guard(path, () -> new AttributeTest.Between(lo, hi));
        }
        default -> throw new PredicateJsonException(path + "/op", "unknown test \"" + op + "\"");
      };
    }

    Operand operand(JsonNode n, String path) {
      if (n != null && n.isObject() && n.has("today")) {
        object(n, path, Set.of("today"));
        int d = smallInt(n, path, "today");
        return guard(path, () -> new Operand.Today(d));
      }
      AttributeValue v = value(n, path);
      return new Operand.Literal(v);
    }

    AttributeValue value(JsonNode n, String path) {
      if (n == null || !n.isObject() || n.size() != 1) {
        throw new PredicateJsonException(path, "expected a value object with one field but found "
            + n);
      }
      Map.Entry<String, JsonNode> e = n.fields().next();
      JsonNode v = e.getValue();
      String p = path + "/" + e.getKey();
      return switch (e.getKey()) {
        case "text" -> {
          if (!v.isTextual()) {
            throw new PredicateJsonException(p, "expected a string but found " + v);
          }
          yield guard(p, () -> AttributeValue.text(v.textValue()));
        }
        case "number" -> {
          if (!v.isTextual() && !v.isNumber()) {
            throw new PredicateJsonException(p, "expected a decimal string but found " + v);
          }
          yield guard(p, () -> AttributeValue.number(new BigDecimal(v.asText())));
        }
        case "boolean" -> {
          if (!v.isBoolean()) {
            throw new PredicateJsonException(p, "expected a boolean but found " + v);
          }
          yield AttributeValue.bool(v.booleanValue());
        }
        case "date" -> {
          if (!v.isTextual()) {
            throw new PredicateJsonException(p, "expected a date string but found " + v);
          }
          yield guard(p, () -> AttributeValue.date(LocalDate.parse(v.textValue())));
        }
        case "instant" -> {
          if (!v.isTextual()) {
            throw new PredicateJsonException(p, "expected an instant string but found " + v);
          }
          yield guard(p, () -> AttributeValue.instant(Instant.parse(v.textValue())));
        }
        default -> throw new PredicateJsonException(p, "unknown value kind \"" + e.getKey() + "\"");
      };
    }

    TouchpointFilter filter(JsonNode n, String path) {
      object(n, path, Set.of("types", "properties"));
      List<String> types = strings(n, path, "types");
      Set<TouchpointType> ts = new LinkedHashSet<>();
      for (int i = 0; i < types.size(); i++) {
        String t = types.get(i);
        ts.add(guard(path + "/types/" + i, () -> TouchpointType.of(t)));
      }
      List<PropertyFilter> props = new ArrayList<>();
      ArrayNode arr = n.has("properties") ? array(n, path, "properties") : F.arrayNode();
      for (int i = 0; i < arr.size(); i++) {
        props.add(property(arr.get(i), path + "/properties/" + i));
      }
      return guard(path, () -> new TouchpointFilter(ts, props));
    }

    PropertyFilter property(JsonNode n, String path) {
      if (n == null || !n.isObject()) {
        throw new PredicateJsonException(path, "expected a property filter but found " + n);
      }
      String key = text(n, path, "key");
      PropertyKey k = guard(path + "/key", () -> PropertyKey.of(key));
      String match = text(n, path, "match");
      return switch (match) {
        case "one_of" -> {
          object(n, path, Set.of("key", "match", "values"));
          List<String> vs = strings(n, path, "values");
          yield guard(path, () -> new PropertyFilter.OneOf(k, new LinkedHashSet<>(vs)));
        }
        case "glob" -> {
          object(n, path, Set.of("key", "match", "pattern"));
          String g = text(n, path, "pattern");
          yield guard(path + "/pattern", () -> new PropertyFilter.Matches(k, Glob.of(g)));
        }
        case "present" -> {
          object(n, path, Set.of("key", "match"));
          yield new PropertyFilter.Present(k);
        }
        case "number" -> {
          object(n, path, Set.of("key", "match", "op", "value"));
          String op = text(n, path, "op");
          PropertyFilter.NumberOp o = numberOp(op, path + "/op");
          JsonNode v = n.get("value");
          if (v == null || !(v.isTextual() || v.isNumber())) {
            throw new PredicateJsonException(path + "/value",
                "expected a decimal string but found " + v);
          }
          yield guard(path + "/value", () -> new PropertyFilter.Compare(k, o,
              new BigDecimal(v.asText())));
        }
        default -> throw new PredicateJsonException(path + "/match",
            "unknown property match \"" + match + "\"");
      };
    }

    PropertyFilter.NumberOp numberOp(String op, String path) {
      for (PropertyFilter.NumberOp o : PropertyFilter.NumberOp.values()) {
        if (lower(o.name()).equals(op)) {
          return o;
        }
      }
      throw new PredicateJsonException(path, "unknown comparison \"" + op
          + "\" (eq, ne, lt, le, gt, ge)");
    }

    Window window(JsonNode n, String path) {
      if (n == null || !n.isObject()) {
        throw new PredicateJsonException(path, "expected a window object but found " + n);
      }
      String kind = text(n, path, "kind");
      return switch (kind) {
        case "ever" -> {
          object(n, path, Set.of("kind"));
          yield new Window.Ever();
        }
        case "last" -> {
          object(n, path, Set.of("kind", "seconds"));
          long s = integer(n, path, "seconds");
          yield guard(path, () -> new Window.Last(Duration.ofSeconds(s)));
        }
        case "since" -> {
          object(n, path, Set.of("kind", "from"));
          String from = text(n, path, "from");
          yield guard(path, () -> new Window.Since(Instant.parse(from)));
        }
        case "between" -> {
          object(n, path, Set.of("kind", "from", "to"));
          String from = text(n, path, "from");
          String to = text(n, path, "to");
          yield guard(path, () -> new Window.Between(Instant.parse(from), Instant.parse(to)));
        }
        default -> throw new PredicateJsonException(path + "/kind",
            "unknown window kind \"" + kind + "\"");
      };
    }
  }
}
