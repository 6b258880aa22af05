package dev.leadkit.core;

/** A value given to leadkit is malformed or out of range. The message quotes the value. */
public class InvalidValueException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidValueException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public InvalidValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
