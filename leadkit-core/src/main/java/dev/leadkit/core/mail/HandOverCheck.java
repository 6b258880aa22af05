package dev.leadkit.core.mail;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;

/**
 * A send rule the dispatcher re-checks immediately before it calls the mailer, after consent.
 * Plugins register one with {@link dev.leadkit.core.Hooks#onHandOver(HandOverCheck)}; the
 * journey plugin registers its send policies (suppression, quiet hours, frequency caps, sales
 * collision) this way, so that a rule that held when a send was decided also holds at the
 * moment of hand-over. A check reads only; it must not write any port.
 */
@FunctionalInterface
public interface HandOverCheck {
  /**
   * The verdict on handing {@code message} to {@code lead} at {@code now}.
   *
   * @param message the claimed message
   * @param lead the recipient as stored now
   * @param now the hand-over instant
   * @return proceed, defer until a later time, or cancel; each with a typed reason
   */
  HandOverVerdict check(OutboundMessage message, Lead lead, Instant now);
}
