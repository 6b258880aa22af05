package dev.leadkit.core.content;

import dev.leadkit.core.LeadkitException;

/**
 * Rendering found no value for a token the schema promised is always present: the host's
 * {@link TokenValues} broke the schema's contract. Nothing is rendered (never a blank).
 */
public final class TemplateRenderException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TemplateRenderException(String message) {
    super(message);
  }
}
