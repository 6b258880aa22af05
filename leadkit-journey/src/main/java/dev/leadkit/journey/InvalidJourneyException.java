package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;

/** A journey, stream or migration definition is inconsistent; the message names the culprit. */
public final class InvalidJourneyException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidJourneyException(String message) {
    super(message);
  }
}
