package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;

/** A scoring model, rule, threshold or band is invalid; the message names the bad value. */
public final class ScoringModelException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ScoringModelException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ScoringModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
