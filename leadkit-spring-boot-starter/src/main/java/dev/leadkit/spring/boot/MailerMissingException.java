package dev.leadkit.spring.boot;

import dev.leadkit.core.LeadkitException;

/**
 * Start-up found no {@link dev.leadkit.core.port.Mailer} bean for an engine on durable stores,
 * and {@code leadkit.mail.recording-only} is not set.
 */
public final class MailerMissingException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  MailerMissingException() {
    super("leadkit needs a Mailer bean to hand its outbox messages to: define a bean of type"
        + " dev.leadkit.core.port.Mailer, or set leadkit.mail.recording-only=true to only record"
        + " messages (development and tests)");
  }
}
