package dev.leadkit.core.json;

import dev.leadkit.core.InvalidValueException;

/** A JSON document does not have the shape leadkit expects; the message says where. */
public final class InvalidJsonException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidJsonException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public InvalidJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
