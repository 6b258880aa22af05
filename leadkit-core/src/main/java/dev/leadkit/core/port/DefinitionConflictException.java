package dev.leadkit.core.port;

import dev.leadkit.core.LeadkitException;

/**
 * A definition version was published again with different content. Stored versions never
 * change: publish a new version instead. Nothing was stored.
 */
public final class DefinitionConflictException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for version {@code version} of {@code id} of {@code kind}. */
  public DefinitionConflictException(String kind, String id, int version) {
    super(kind + " \"" + id + "\" version " + version + " is already published with other"
        + " content; publish version " + (version + 1L) + " or later instead");
  }
}
