package dev.leadkit.core;

/**
 * The root of every exception leadkit throws on purpose. It is unchecked; each failure has a
 * named subclass so that hosts can catch exactly what they can handle.
 */
public class LeadkitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that should name the offending value. */
  public LeadkitException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the cause it wraps. */
  public LeadkitException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The message given at construction; never null, as every constructor takes one.
   *
   * @return the message naming what went wrong
   */
  @Override
  public String getMessage() {
    String m = super.getMessage();
    return m == null ? getClass().getSimpleName() : m;
  }
}
