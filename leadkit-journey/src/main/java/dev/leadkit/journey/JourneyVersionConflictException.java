package dev.leadkit.journey;

import dev.leadkit.core.LeadkitException;

/**
 * A published version was published again with different content, or an older version
 * number was published after a newer one. Versions are immutable once published.
 */
public final class JourneyVersionConflictException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public JourneyVersionConflictException(String message) {
    super(message);
  }
}
