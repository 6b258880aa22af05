package dev.leadkit.journey;

import dev.leadkit.core.LeadkitException;

/** A journey (or a version, or a stream) was named that is not published in this engine. */
public final class UnknownJourneyException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UnknownJourneyException(String what) {
    super("unknown journey " + what);
  }
}
