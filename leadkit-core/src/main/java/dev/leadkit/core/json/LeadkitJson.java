package dev.leadkit.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON forms of leadkit's data records: leads, attributes, consents, stage history, scores,
 * touchpoints and outbound messages. Explicit tree code, no annotations on domain types, so the
 * format is stable and documented here:
 *
 * <pre>{@code
 * attribute values: {"text": "ACME"} {"number": 1200.5} {"boolean": true}
 *                   {"date": "2027-03-31"} {"instant": "2026-04-01T09:30:15.123456Z"}
 *                   {"list": ["erp", "crm"]}
 * attributes:       {"company": {"text": "ACME"}, ...}            (sorted by key)
 * consents:         {"email": {"status": "SUBSCRIBED", "source": "form", "at": "..."}}
 * stage history:    [{"at": "...", "from": "KNOWN", "to": "MQL", "reason": "..."}]
 * scores:           {"engagement": {"value": 21.5, "asOf": "...", "band": "hot"}}
 * lead:             {"v": 1, "id", "email", "stage", "owner", "createdAt", "updatedAt",
 *                    "version", "attributes", "consents", "stageHistory", "scores"}
 * touchpoint:       {"v": 1, "id", "lead", "visitor", "type", "at", "channel", "properties"}
 * }</pre>
 *
 * <p>Reading is strict: a wrong shape or an invalid value throws {@link InvalidJsonException}
 * naming the field.
 */
public final class LeadkitJson {
  /** The version written in the {@code v} field of top-level documents. */
  public static final int VERSION = 1;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private LeadkitJson() {}

  /** A shared, configured mapper for reading and writing trees. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses text into a tree, or throws {@link InvalidJsonException}. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Compact text of a tree. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new LeadkitException("could not write JSON", e);
    }
  }

  // ------------------------------------------------------------ attributes

  /** The JSON form of one attribute value. */
  public static ObjectNode attributeValue(AttributeValue v) {
    ObjectNode n = F.objectNode();
    if (v instanceof AttributeValue.Text t) {
      n.put("text", t.value());
    } else if (v instanceof AttributeValue.Num num) {
      n.put("number", num.value());
    } else if (v instanceof AttributeValue.Bool b) {
      n.put("boolean", b.value());
    } else if (v instanceof AttributeValue.Date d) {
      n.put("date", d.value().toString());
    } else if (v instanceof AttributeValue.Timestamp ts) {
      n.put("instant", ts.value().toString());
    } else if (v instanceof AttributeValue.TextList l) {
      ArrayNode a = n.putArray("list");
      l.values().forEach(a::add);
    }
    return n;
  }

  /** Reads one attribute value. */
  public static AttributeValue attributeValue(JsonNode n, String where) {
    if (!n.isObject() || n.size() != 1) {
      throw new InvalidJsonException(where + ": want an object with one type field, got " + n);
    }
    Map.Entry<String, JsonNode> e = n.fields().next();
    JsonNode v = e.getValue();
    try {
      return switch (e.getKey()) {
        case "text" -> AttributeValue.text(text(v, where + ".text"));
        case "number" -> {
          if (!v.isNumber()) {
            throw new InvalidJsonException(where + ".number: want a number, got " + v);
          }
          yield AttributeValue.number(v.decimalValue());
        }
        case "boolean" -> {
          if (!v.isBoolean()) {
            throw new InvalidJsonException(where + ".boolean: want true or false, got " + v);
          }
          yield AttributeValue.bool(v.booleanValue());
        }
        case "date" -> AttributeValue.date(LocalDate.parse(text(v, where + ".date")));
        case "instant" -> AttributeValue.instant(Instant.parse(text(v, where + ".instant")));
        case "list" -> {
          if (!v.isArray()) {
            throw new InvalidJsonException(where + ".list: want an array, got " + v);
          }
          List<String> items = new ArrayList<>();
          for (JsonNode item : v) {
            items.add(text(item, where + ".list[]"));
          }
          yield AttributeValue.list(items);
        }
        default -> throw new InvalidJsonException(where + ": unknown value type \"" + e.getKey()
            + "\"");
      };
    } catch (DateTimeParseException ex) {
      throw new InvalidJsonException(where + ": bad date or instant " + v, ex);
    }
  }

  /** The JSON form of attributes. */
  public static ObjectNode attributes(Attributes a) {
    ObjectNode n = F.objectNode();
    a.asMap().forEach((k, v) -> n.set(k.name(), attributeValue(v)));
    return n;
  }

  /** Reads attributes. */
  public static Attributes attributes(JsonNode n) {
    requireObject(n, "attributes");
    Map<AttributeKey, AttributeValue> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(AttributeKey.of(e.getKey()), attributeValue(e.getValue(), "attributes." + e.getKey()));
    }
    return Attributes.of(m);
  }

  // ------------------------------------------------------------ lead parts

  /** The JSON form of consents. */
  public static ObjectNode consents(Map<Channel, ConsentRecord> consents) {
    ObjectNode n = F.objectNode();
    consents.forEach((ch, c) -> {
      ObjectNode o = n.putObject(ch.name());
      o.put("status", c.status().name());
      o.put("source", c.source());
      o.put("at", c.at().toString());
    });
    return n;
  }

  /** Reads consents. */
  public static Map<Channel, ConsentRecord> consents(JsonNode n) {
    requireObject(n, "consents");
    Map<Channel, ConsentRecord> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String w = "consents." + e.getKey();
      Channel ch = Channel.of(e.getKey());
      JsonNode o = e.getValue();
      m.put(ch, new ConsentRecord(ch, enumValue(ConsentStatus.class, o.get("status"), w + ".status"),
          text(o.get("source"), w + ".source"), instant(o.get("at"), w + ".at")));
    }
    return m;
  }

  /** The JSON form of a stage history. */
  public static ArrayNode stageHistory(List<StageChange> history) {
    ArrayNode a = F.arrayNode();
    for (StageChange c : history) {
      ObjectNode o = a.addObject();
      o.put("at", c.at().toString());
      o.put("from", c.from().name());
      o.put("to", c.to().name());
      o.put("reason", c.reason());
    }
    return a;
  }

  /** Reads a stage history. */
  public static List<StageChange> stageHistory(@Nullable JsonNode n) {
    if (n == null || !n.isArray()) {
      throw new InvalidJsonException("stageHistory: want an array, got " + n);
    }
    List<StageChange> out = new ArrayList<>();
    int i = 0;
    for (JsonNode o : n) {
      String w = "stageHistory[" + i++ + "]";
      out.add(new StageChange(instant(o.get("at"), w + ".at"),
          enumValue(LifecycleStage.class, o.get("from"), w + ".from"),
          enumValue(LifecycleStage.class, o.get("to"), w + ".to"),
          text(o.get("reason"), w + ".reason")));
    }
    return out;
  }

  /** The JSON form of named scores. */
  public static ObjectNode scores(Map<String, Score> scores) {
    ObjectNode n = F.objectNode();
    scores.forEach((name, s) -> {
      ObjectNode o = n.putObject(name);
      o.put("value", s.value());
      o.put("asOf", s.asOf().toString());
      s.band().ifPresent(b -> o.put("band", b));
    });
    return n;
  }

  /** Reads named scores. */
  public static Map<String, Score> scores(JsonNode n) {
    requireObject(n, "scores");
    Map<String, Score> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String w = "scores." + e.getKey();
      JsonNode o = e.getValue();
      JsonNode v = o.get("value");
      if (v == null || !v.isNumber()) {
        throw new InvalidJsonException(w + ".value: want a number, got " + v);
      }
      JsonNode band = o.get("band");
      m.put(e.getKey(), new Score(v.doubleValue(), instant(o.get("asOf"), w + ".asOf"),
          band == null || band.isNull() ? Optional.empty() : Optional.of(text(band, w + ".band"))));
    }
    return m;
  }

  // ------------------------------------------------------------ lead

  /** The JSON form of a whole lead. */
  public static ObjectNode lead(Lead l) {
    ObjectNode n = F.objectNode();
    n.put("v", VERSION);
    n.put("id", l.id().value());
    n.put("email", l.email().value());
    n.put("stage", l.stage().name());
    l.owner().ifPresent(o -> n.put("owner", o.value()));
    n.put("createdAt", l.createdAt().toString());
    n.put("updatedAt", l.updatedAt().toString());
    n.put("version", l.version());
    n.set("attributes", attributes(l.attributes()));
    n.set("consents", consents(l.consents()));
    n.set("stageHistory", stageHistory(l.stageHistory()));
    n.set("scores", scores(l.scores()));
    return n;
  }

  /** Reads a whole lead. */
  public static Lead lead(JsonNode n) {
    requireObject(n, "lead");
    checkVersion(n, "lead");
    JsonNode owner = n.get("owner");
    JsonNode version = n.get("version");
    if (version == null || !version.canConvertToLong()) {
      throw new InvalidJsonException("lead.version: want an integer, got " + version);
    }
    return new Lead(LeadId.of(text(n.get("id"), "lead.id")),
        EmailAddress.parse(text(n.get("email"), "lead.email")),
        attributes(orEmpty(n.get("attributes"))),
        enumValue(LifecycleStage.class, n.get("stage"), "lead.stage"),
        n.has("stageHistory") ? stageHistory(n.get("stageHistory")) : List.of(),
        consents(orEmpty(n.get("consents"))),
        owner == null || owner.isNull() ? Optional.empty()
            : Optional.of(OwnerId.of(text(owner, "lead.owner"))),
        scores(orEmpty(n.get("scores"))),
        instant(n.get("createdAt"), "lead.createdAt"),
        instant(n.get("updatedAt"), "lead.updatedAt"),
        version.longValue());
  }

  // ------------------------------------------------------------ touchpoints and messages

  /** The JSON form of touchpoint properties. */
  public static ObjectNode properties(Map<PropertyKey, String> props) {
    ObjectNode n = F.objectNode();
    props.forEach((k, v) -> n.put(k.name(), v));
    return n;
  }

  /** Reads touchpoint properties. */
  public static Map<PropertyKey, String> properties(JsonNode n) {
    requireObject(n, "properties");
    Map<PropertyKey, String> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(PropertyKey.of(e.getKey()), text(e.getValue(), "properties." + e.getKey()));
    }
    return m;
  }

  /** The JSON form of a touchpoint. */
  public static ObjectNode touchpoint(Touchpoint t) {
    ObjectNode n = F.objectNode();
    n.put("v", VERSION);
    n.put("id", t.id().value());
    t.lead().ifPresent(l -> n.put("lead", l.value()));
    t.visitor().ifPresent(v -> n.put("visitor", v.value()));
    n.put("type", t.type().name());
    n.put("at", t.at().toString());
    n.put("channel", t.channel().name());
    n.set("properties", properties(t.properties()));
    return n;
  }

  /** Reads a touchpoint. */
  public static Touchpoint touchpoint(JsonNode n) {
    requireObject(n, "touchpoint");
    checkVersion(n, "touchpoint");
    JsonNode lead = n.get("lead");
    JsonNode visitor = n.get("visitor");
    return new Touchpoint(TouchpointId.of(text(n.get("id"), "touchpoint.id")),
        lead == null || lead.isNull() ? Optional.empty()
            : Optional.of(LeadId.of(text(lead, "touchpoint.lead"))),
        visitor == null || visitor.isNull() ? Optional.empty()
            : Optional.of(VisitorId.of(text(visitor, "touchpoint.visitor"))),
        TouchpointType.of(text(n.get("type"), "touchpoint.type")),
        instant(n.get("at"), "touchpoint.at"),
        Channel.of(text(n.get("channel"), "touchpoint.channel")),
        properties(orEmpty(n.get("properties"))));
  }

  /** The JSON form of an outbound message. */
  public static ObjectNode message(OutboundMessage m) {
    ObjectNode n = F.objectNode();
    n.put("v", VERSION);
    n.put("key", m.key().value());
    n.put("lead", m.lead().value());
    n.put("channel", m.channel().name());
    n.put("template", m.template());
    m.sender().ifPresent(s -> n.put("sender", s.value()));
    ObjectNode d = n.putObject("data");
    m.data().forEach(d::put);
    n.put("notBefore", m.notBefore().toString());
    n.put("operational", m.operational());
    return n;
  }

  /** Reads an outbound message. */
  public static OutboundMessage message(JsonNode n) {
    requireObject(n, "message");
    checkVersion(n, "message");
    JsonNode sender = n.get("sender");
    Map<String, String> data = new TreeMap<>();
    JsonNode d = orEmpty(n.get("data"));
    requireObject(d, "message.data");
    d.fields().forEachRemaining(e -> data.put(e.getKey(), text(e.getValue(), "message.data."
        + e.getKey())));
    JsonNode op = n.get("operational");
    return new OutboundMessage(MessageKey.of(text(n.get("key"), "message.key")),
        LeadId.of(text(n.get("lead"), "message.lead")),
        Channel.of(text(n.get("channel"), "message.channel")),
        text(n.get("template"), "message.template"),
        sender == null || sender.isNull() ? Optional.empty()
            : Optional.of(OwnerId.of(text(sender, "message.sender"))),
        data, instant(n.get("notBefore"), "message.notBefore"),
        op != null && op.asBoolean(false));
  }

  // ------------------------------------------------------------ helpers

  private static JsonNode orEmpty(@Nullable JsonNode n) {
    return n == null || n.isNull() ? F.objectNode() : n;
  }

  private static void requireObject(@Nullable JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException(where + ": want an object, got " + n);
    }
  }

  private static void checkVersion(JsonNode n, String where) {
    JsonNode v = n.get("v");
    if (v != null && (!v.canConvertToInt() || v.intValue() != VERSION)) {
      throw new InvalidJsonException(where + ".v: unsupported format version " + v);
    }
  }

  /** The text of a required string field. */
  public static String text(@Nullable JsonNode n, String where) {
    if (n == null || !n.isTextual()) {
      throw new InvalidJsonException(where + ": want a string, got " + n);
    }
    return n.textValue();
  }

  /** A required ISO-8601 instant field. */
  public static Instant instant(@Nullable JsonNode n, String where) {
    try {
      return Instant.parse(text(n, where));
    } catch (DateTimeParseException e) {
      throw new InvalidJsonException(where + ": not an ISO-8601 instant: " + n, e);
    }
  }

  /** A required enum field by constant name. */
  public static <E extends Enum<E>> E enumValue(Class<E> type, @Nullable JsonNode n, String where) {
    String s = text(n, where);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(where + ": unknown " + type.getSimpleName() + " \"" + s
          + "\"", e);
    }
  }

}
