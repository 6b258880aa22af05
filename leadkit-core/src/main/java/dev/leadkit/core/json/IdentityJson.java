package dev.leadkit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JSON forms of identity records, for storage adapters and exports. Leads inside a merge
 * record use {@link LeadkitJson#lead(dev.leadkit.core.lead.Lead)}.
 *
 * <pre>{@code
 * visitor link: {"visitor", "lead", "method", "at"}
 * lead alias:   {"merged", "mergedEmail", "survivor", "mergeId"}
 * merge record: {"v": 1, "id", "survivor", "merged", "actor", "reason", "at", "forced",
 *                "automatic", "decisions": [{"field", "rule", "source"}],
 *                "survivorBefore": lead, "mergedBefore": lead, "result": lead,
 *                "survivorTouchpoints": [id], "mergedTouchpoints": [id],
 *                "mergedVisitors": [id], "undo": {"actor", "reason", "at"} (once undone)}
 * }</pre>
 *
 * <p>Reading is strict: a wrong shape or an invalid value throws {@link InvalidJsonException}.
 */
public final class IdentityJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private IdentityJson() {}

  /** The JSON form of a visitor link. */
  public static ObjectNode visitorLink(VisitorLink l) {
    ObjectNode n = F.objectNode();
    n.put("visitor", l.visitor().value());
    n.put("lead", l.lead().value());
    n.put("method", l.method());
    n.put("at", l.at().toString());
    return n;
  }

  /** Reads a visitor link. */
  public static VisitorLink visitorLink(JsonNode n) {
    object(n, "visitorLink");
    return wrap("visitorLink", () -> new VisitorLink(
        VisitorId.of(LeadkitJson.text(n.get("visitor"), "visitorLink.visitor")),
        LeadId.of(LeadkitJson.text(n.get("lead"), "visitorLink.lead")),
        LeadkitJson.text(n.get("method"), "visitorLink.method"),
        LeadkitJson.instant(n.get("at"), "visitorLink.at")));
  }

  /** The JSON form of a lead alias. */
  public static ObjectNode leadAlias(LeadAlias a) {
    ObjectNode n = F.objectNode();
    n.put("merged", a.merged().value());
    n.put("mergedEmail", a.mergedEmail().value());
    n.put("survivor", a.survivor().value());
    n.put("mergeId", a.mergeId());
    return n;
  }

  /** Reads a lead alias. */
  public static LeadAlias leadAlias(JsonNode n) {
    object(n, "leadAlias");
    return wrap("leadAlias", () -> new LeadAlias(
        LeadId.of(LeadkitJson.text(n.get("merged"), "leadAlias.merged")),
        EmailAddress.parse(LeadkitJson.text(n.get("mergedEmail"), "leadAlias.mergedEmail")),
        LeadId.of(LeadkitJson.text(n.get("survivor"), "leadAlias.survivor")),
        LeadkitJson.text(n.get("mergeId"), "leadAlias.mergeId")));
  }

  /** The JSON form of a merge record, before-images included. */
  public static ObjectNode mergeRecord(MergeRecord r) {
    ObjectNode n = F.objectNode();
    n.put("v", LeadkitJson.VERSION);
    n.put("id", r.id().value());
    n.put("survivor", r.survivor().value());
    n.put("merged", r.merged().value());
    n.put("actor", r.actor());
    n.put("reason", r.reason());
    n.put("at", r.at().toString());
    n.put("forced", r.forced());
    n.put("automatic", r.automatic());
    ArrayNode decisions = n.putArray("decisions");
    for (MergeRecord.Decision d : r.decisions()) {
      decisions.addObject().put("field", d.field()).put("rule", d.rule())
          .put("source", d.source());
    }
    n.set("survivorBefore", LeadkitJson.lead(r.survivorBefore()));
    n.set("mergedBefore", LeadkitJson.lead(r.mergedBefore()));
    n.set("result", LeadkitJson.lead(r.result()));
    n.set("survivorTouchpoints", strings(r.survivorTouchpoints().stream()
        .map(TouchpointId::value).toList()));
    n.set("mergedTouchpoints", strings(r.mergedTouchpoints().stream()
        .map(TouchpointId::value).toList()));
    n.set("mergedVisitors", strings(r.mergedVisitors().stream().map(VisitorId::value).toList()));
    r.undo().ifPresent(u -> n.putObject("undo").put("actor", u.actor()).put("reason", u.reason())
        .put("at", u.at().toString()));
    return n;
  }

  /** Reads a merge record. */
  public static MergeRecord mergeRecord(JsonNode n) {
    object(n, "mergeRecord");
    JsonNode v = n.get("v");
    if (v != null && (!v.canConvertToInt() || v.intValue() != LeadkitJson.VERSION)) {
      throw new InvalidJsonException("mergeRecord.v: unsupported format version " + v);
    }
    List<MergeRecord.Decision> decisions = new ArrayList<>();
    JsonNode ds = n.get("decisions");
    if (ds != null && !ds.isArray()) {
      throw new InvalidJsonException("mergeRecord.decisions: want an array, got " + ds);
    }
    if (ds != null) {
      for (JsonNode d : ds) {
        decisions.add(new MergeRecord.Decision(LeadkitJson.text(d.get("field"), "decision.field"),
            LeadkitJson.text(d.get("rule"), "decision.rule"),
            LeadkitJson.text(d.get("source"), "decision.source")));
      }
    }
    JsonNode undo = n.get("undo");
    return wrap("mergeRecord", () -> new MergeRecord(
        MergeId.of(LeadkitJson.text(n.get("id"), "mergeRecord.id")),
        LeadId.of(LeadkitJson.text(n.get("survivor"), "mergeRecord.survivor")),
        LeadId.of(LeadkitJson.text(n.get("merged"), "mergeRecord.merged")),
        LeadkitJson.lead(n.get("survivorBefore")), LeadkitJson.lead(n.get("mergedBefore")),
        LeadkitJson.lead(n.get("result")),
        ids(n.get("survivorTouchpoints"), "survivorTouchpoints", TouchpointId::of),
        ids(n.get("mergedTouchpoints"), "mergedTouchpoints", TouchpointId::of),
        ids(n.get("mergedVisitors"), "mergedVisitors", VisitorId::of), decisions,
        bool(n.get("forced"), "forced"), bool(n.get("automatic"), "automatic"),
        LeadkitJson.text(n.get("actor"), "mergeRecord.actor"),
        LeadkitJson.text(n.get("reason"), "mergeRecord.reason"),
        LeadkitJson.instant(n.get("at"), "mergeRecord.at"),
        undo == null || undo.isNull() ? Optional.empty() : Optional.of(new MergeRecord.Undo(
            LeadkitJson.text(undo.get("actor"), "undo.actor"),
            LeadkitJson.text(undo.get("reason"), "undo.reason"),
            LeadkitJson.instant(undo.get("at"), "undo.at")))));
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static <T extends Comparable<T>> TreeSet<T> ids(@Nullable JsonNode n, String where,
      Function<String, T> of) {
    TreeSet<T> out = new TreeSet<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new InvalidJsonException("mergeRecord." + where + ": want an array, got " + n);
    }
    for (JsonNode e : n) {
      out.add(of.apply(LeadkitJson.text(e, "mergeRecord." + where)));
    }
    return out;
  }

  private static boolean bool(@Nullable JsonNode n, String where) {
    if (n == null || !n.isBoolean()) {
      throw new InvalidJsonException("mergeRecord." + where + ": want a boolean, got " + n);
    }
    return n.booleanValue();
  }

  private static void object(@Nullable JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new InvalidJsonException(where + ": want an object, got " + n);
    }
  }

  private static <T> T wrap(String where, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (dev.leadkit.core.LeadkitException e) {
      throw new InvalidJsonException(where + ": " + e.getMessage());
    }
  }
}
