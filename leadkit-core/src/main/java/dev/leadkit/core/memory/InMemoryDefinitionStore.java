package dev.leadkit.core.memory;

import dev.leadkit.core.internal.Definitions;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Definitions in a map under one lock. */
final class InMemoryDefinitionStore implements DefinitionStore {
  // kind -> id -> version -> document
  private final Map<String, TreeMap<String, TreeMap<Integer, StoredDefinition>>> docs =
      new TreeMap<>();
  private long revision;

  @Override
  public synchronized boolean publish(String kind, String id, int version, String json,
      Instant at) {
    Definitions.check(kind, id, version, json);
    if (at == null) {
      throw new dev.leadkit.core.InvalidValueException("publication time must not be null");
    }
    TreeMap<Integer, StoredDefinition> versions = docs.computeIfAbsent(kind, k -> new TreeMap<>())
        .computeIfAbsent(id, k -> new TreeMap<>());
    StoredDefinition existing = versions.get(version);
    if (existing != null) {
      if (Definitions.sameContent(existing.json(), json)) {
        return false;
      }
      throw new DefinitionConflictException(kind, id, version);
    }
    versions.put(version, new StoredDefinition(kind, id, version, json, at));
    revision++;
    return true;
  }

  @Override
  public synchronized Optional<StoredDefinition> latest(String kind, String id) {
    Definitions.checkKey(kind, id);
    TreeMap<Integer, StoredDefinition> v = versionsOf(kind, id);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.lastEntry().getValue());
  }

  @Override
  public synchronized List<StoredDefinition> all(String kind) {
    Definitions.checkKind(kind);
    List<StoredDefinition> out = new ArrayList<>();
    TreeMap<String, TreeMap<Integer, StoredDefinition>> ids = docs.get(kind);
    if (ids != null) {
      ids.values().forEach(v -> out.add(v.lastEntry().getValue()));
    }
    return out;
  }

  @Override
  public synchronized Optional<StoredDefinition> find(String kind, String id, int version) {
    Definitions.checkKey(kind, id);
    TreeMap<Integer, StoredDefinition> v = versionsOf(kind, id);
    return v == null ? Optional.empty() : Optional.ofNullable(v.get(version));
  }

  @Override
  public synchronized long revision() {
    return revision;
  }

  private @org.jspecify.annotations.Nullable TreeMap<Integer, StoredDefinition> versionsOf(String kind, String id) {
    TreeMap<String, TreeMap<Integer, StoredDefinition>> ids = docs.get(kind);
    return ids == null ? null : ids.get(id);
  }

  @Override
  public String toString() {
    return "in-memory definition store";
  }
}
