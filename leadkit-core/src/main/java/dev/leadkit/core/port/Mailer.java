package dev.leadkit.core.port;

import dev.leadkit.core.lead.Lead;

/**
 * The host's delivery of a message: render the template for the lead and hand it to the mail
 * provider (or SMS gateway, or CRM task queue).
 *
 * <p>leadkit calls it at least once per message and at most once per successful claim. A crash
 * after the provider accepted a message but before leadkit recorded it causes one more call
 * with the same {@link OutboundMessage#key()}; an implementation that passes the key to the
 * provider as its idempotency key (or keeps its own sent-keys table) makes delivery exactly once.
 */
@FunctionalInterface
public interface Mailer {
  /**
   * Delivers {@code message} to {@code recipient}. Returns normally on success; throws
   * {@link MailerException} on failure, saying whether a retry may help.
   *
   * @return the provider's id for the message
   */
  String send(OutboundMessage message, Lead recipient);
}
