package dev.leadkit.core.memory;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Mailer} that delivers nothing and remembers what it was given: the default mailer,
 * and a test double. Like a provider that honours idempotency keys, it accepts a message key
 * once: a repeated call with the same key returns the first provider id and is counted in
 * {@link #duplicateCalls()} but not delivered again. Thread-safe.
 */
public final class RecordingMailer implements Mailer {
  /**
   * One delivered message.
   *
   * @param message the message
   * @param recipient the lead at hand-over time
   * @param providerId the id returned
   */
  public record Delivery(OutboundMessage message, Lead recipient, String providerId) {}

  private final Map<MessageKey, Delivery> delivered = new LinkedHashMap<>();
  private int duplicateCalls;

  @Override
  public synchronized String send(OutboundMessage message, Lead recipient) {
    Delivery d = delivered.get(message.key());
    if (d != null) {
      duplicateCalls++;
      return d.providerId();
    }
    String id = "rec-" + (delivered.size() + 1);
    delivered.put(message.key(), new Delivery(message, recipient, id));
    return id;
  }

  /** Every delivered message, in delivery order. */
  public synchronized List<Delivery> deliveries() {
    return new ArrayList<>(delivered.values());
  }

  /** Messages delivered to {@code lead}'s address, in order. */
  public synchronized List<Delivery> deliveriesTo(dev.leadkit.core.lead.LeadId lead) {
    return delivered.values().stream().filter(d -> d.message().lead().equals(lead)).toList();
  }

  /** How many calls repeated an already delivered key. */
  public synchronized int duplicateCalls() {
    return duplicateCalls;
  }
}
