package dev.leadkit.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.content.TemplateDefinition;
import dev.leadkit.core.content.Templates;
import dev.leadkit.core.content.UnknownTemplateException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The engine's {@link Templates}: a map, mirrored in the definition store if there is one. */
final class EngineTemplates implements Templates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final @Nullable DefinitionStore store;
  private final Clock clock;
  private final boolean lenient;
  /** Registered templates with their stored version (0 without a store), by id. */
  private final TreeMap<String, Versioned> known = new TreeMap<>();
  private long seenRevision = -1;

  private record Versioned(TemplateDefinition template, int version) {}

  EngineTemplates(@Nullable DefinitionStore store, Clock clock, boolean lenient) {
    this.store = store;
    this.clock = clock;
    this.lenient = lenient;
  }

  /** Loads what other engines registered since the last look (one small query if nothing). */
  private synchronized void refresh() {
    DefinitionStore ds = store;
    if (ds == null) {
      return;
    }
    long revision = ds.revision();
    if (revision == seenRevision) {
      return;
    }
    for (StoredDefinition d : ds.all(KIND)) {
      Versioned v = known.get(d.id());
      if (v == null || v.version() < d.version()) {
        known.put(d.id(), new Versioned(read(d.json()), d.version()));
      }
    }
    seenRevision = revision;
  }

  @Override
  public boolean register(TemplateDefinition template) {
    Args.notNull(template, "template");
    refresh();
    synchronized (this) {
      Versioned v = known.get(template.id());
      if (v != null && v.template().equals(template)) {
        return false;
      }
      int version = v == null ? 1 : v.version() + 1;
      DefinitionStore ds = store;
      if (ds != null) {
        ds.publish(KIND, template.id(), version, write(template), clock.instant());
      }
      known.put(template.id(), new Versioned(template, version));
      return true;
    }
  }

  @Override
  public Optional<TemplateDefinition> find(String id) {
    Args.notNull(id, "id");
    refresh();
    synchronized (this) {
      return Optional.ofNullable(known.get(id)).map(Versioned::template);
    }
  }

  @Override
  public TemplateDefinition require(String id) {
    return find(id).orElseThrow(() -> unknown(id, ""));
  }

  @Override
  public List<TemplateDefinition> all() {
    refresh();
    synchronized (this) {
      List<TemplateDefinition> out = new ArrayList<>(known.size());
      known.values().forEach(v -> out.add(v.template()));
      return List.copyOf(out);
    }
  }

  @Override
  public boolean isStrict() {
    if (lenient) {
      return false;
    }
    refresh();
    synchronized (this) {
      return !known.isEmpty();
    }
  }

  @Override
  public void check(String id, String context) {
    Args.notNull(id, "id");
    Args.notNull(context, "context");
    if (isStrict() && find(id).isEmpty()) {
      throw unknown(id, context);
    }
  }

  private UnknownTemplateException unknown(String id, String context) {
    List<String> ids;
    synchronized (this) {
      ids = new ArrayList<>(known.keySet());
    }
    return new UnknownTemplateException(id, context, Vocabulary.closest(id, ids));
  }

  static String write(TemplateDefinition t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", t.id());
    o.put("description", t.description());
    t.subject().ifPresent(s -> o.put("subject", s));
    t.body().ifPresent(b -> o.put("body", b));
    o.put("html", t.html());
    return o.toString();
  }

  static TemplateDefinition read(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new TemplateDefinition(n.path("id").asText(), n.path("description").asText(""),
          Optional.ofNullable(n.get("subject")).map(JsonNode::asText),
          Optional.ofNullable(n.get("body")).map(JsonNode::asText), n.path("html").asBoolean());
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException("a stored template is not JSON: " + e.getOriginalMessage(),
          e);
    }
  }
}
