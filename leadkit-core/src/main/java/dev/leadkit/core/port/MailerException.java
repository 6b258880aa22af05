package dev.leadkit.core.port;

import dev.leadkit.core.LeadkitException;

/** A {@link Mailer} could not deliver a message. */
public final class MailerException extends LeadkitException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  /** Creates the exception; {@code retryable} says whether a later attempt may succeed. */
  public MailerException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Creates the exception with a cause. */
  public MailerException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True if a later attempt may succeed (a time-out, a rate limit). */
  public boolean retryable() {
    return retryable;
  }
}
