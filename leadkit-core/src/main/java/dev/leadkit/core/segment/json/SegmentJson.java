package dev.leadkit.core.segment.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.json.PredicateJson;
import dev.leadkit.core.predicate.json.PredicateJsonException;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import java.util.Set;

/**
 * Segment definitions as versioned JSON:
 *
 * <pre>{@code
 * {"version": 1, "id": "erp-interest", "name": "ERP interest",
 *  "predicate": { ...a predicate node as in PredicateJson... }}
 * }</pre>
 *
 * <p>Malformed documents are refused with a {@link PredicateJsonException} naming the path.
 */
public final class SegmentJson {
  /** The format version written. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("version", "id", "name", "predicate");

  private SegmentJson() {}

  /** The definition as a JSON tree. */
  public static ObjectNode toTree(SegmentDefinition definition) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("version", VERSION).put("id", definition.id().value()).put("name", definition.name());
    o.set("predicate", PredicateJson.node(definition.predicate()));
    return o;
  }

  /** The definition as compact JSON text. */
  public static String write(SegmentDefinition definition) {
    try {
      return MAPPER.writeValueAsString(toTree(definition));
    } catch (JsonProcessingException e) {
      throw new LeadkitException("cannot write segment JSON", e);
    }
  }

  /** Reads a definition written by {@link #write}. */
  public static SegmentDefinition read(String json) {
    if (json == null || json.length() > PredicateJson.MAX_LENGTH) {
      throw new PredicateJsonException("", "document missing or longer than "
          + PredicateJson.MAX_LENGTH + " characters");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PredicateJsonException("", "not JSON: " + e.getOriginalMessage(), e);
    }
    return fromTree(tree);
  }

  /** Reads a definition tree. */
  public static SegmentDefinition fromTree(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new PredicateJsonException("", "expected an object but found " + tree);
    }
    tree.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw new PredicateJsonException("/" + f, "unknown field \"" + f + "\"");
      }
    });
    JsonNode v = tree.get("version");
    if (v == null || !v.isInt() || v.intValue() != VERSION) {
      throw new PredicateJsonException("/version", "unsupported version " + v + " (want "
          + VERSION + ")");
    }
    String id = text(tree, "id");
    String name = text(tree, "name");
    JsonNode p = tree.get("predicate");
    if (p == null) {
      throw new PredicateJsonException("/predicate", "missing");
    }
    Predicate predicate;
    try {
      predicate = PredicateJson.fromNode(p);
    } catch (PredicateJsonException e) {
      String m = e.getMessage();
      throw new PredicateJsonException("/predicate" + e.path(),
          m.substring(m.indexOf(": ") + 2), e);
    }
    try {
      return new SegmentDefinition(SegmentId.of(id), name, predicate);
    } catch (LeadkitException e) {
      throw new PredicateJsonException("", e.getMessage(), e);
    }
  }

  private static String text(JsonNode tree, String field) {
    JsonNode n = tree.get(field);
    if (n == null || !n.isTextual()) {
      throw new PredicateJsonException("/" + field, "expected a string but found " + n);
    }
    return n.textValue();
  }
}
