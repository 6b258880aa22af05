package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;

/**
 * One stored version of a definition in a {@link DefinitionStore}.
 *
 * @param kind the kind, such as {@value DefinitionStore#SEGMENT}
 * @param id the definition's id within its kind
 * @param version the version, at least 1
 * @param json the document; a database may return it re-formatted (key order, white space)
 * @param publishedAt when it was published
 */
public record StoredDefinition(String kind, String id, int version, String json,
    Instant publishedAt) {
  /** Checks that no component is null and the version is at least 1. */
  public StoredDefinition {
    if (kind == null || id == null || json == null || publishedAt == null) {
      throw new InvalidValueException("stored definition fields must not be null: " + kind + "/"
          + id + "/" + version);
    }
    if (version < 1) {
      throw new InvalidValueException("definition version must be at least 1: " + version);
    }
  }
}
