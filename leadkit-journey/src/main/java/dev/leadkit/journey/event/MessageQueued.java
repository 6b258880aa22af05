package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.port.OutboundMessage;
import java.time.Instant;
import java.util.List;

/**
 * A message passed the send policies and was put in the outbox.
 *
 * @param message the message (its {@code notBefore} reflects quiet hours, caps and the sales
 *     collision rule)
 * @param journey the journey id, or "manual"
 * @param step the step id, or the manual send's label
 * @param at when
 * @param deferredBy the timing rules that moved the message past {@code at}, in the order they
 *     applied: {@code sales_collision}, {@code quiet_hours}, {@code capped}; empty if it may go
 *     at once (and for a re-run of an earlier decision)
 */
public record MessageQueued(OutboundMessage message, String journey, String step, Instant at,
    List<String> deferredBy) implements LeadkitEvent {

  /** Copies the list. */
  public MessageQueued {
    deferredBy = List.copyOf(deferredBy);
  }

  /**
   * A message queued without deferral information.
   *
   * @param message the message
   * @param journey the journey id, or "manual"
   * @param step the step id, or the manual send's label
   * @param at when
   */
  public MessageQueued(OutboundMessage message, String journey, String step, Instant at) {
    this(message, journey, step, at, List.of());
  }
}
