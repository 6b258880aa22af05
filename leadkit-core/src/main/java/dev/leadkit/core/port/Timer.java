package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.IdChars;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.Optional;

/**
 * One piece of due work for one lead: a journey wait, a scheduled journey start, and the like.
 * A timer is identified by its {@code kind} and {@code key} (one live timer per purpose, e.g.
 * per enrolment); scheduling the same kind and key again moves it. See {@link TimerStore}.
 *
 * @param kind what fires: 1 to 32 characters of letters, digits and {@code - _ .}, e.g.
 *     {@code journey}
 * @param key which one of that kind: 1 to 200 characters of letters, digits and
 *     {@code - _ . : / @ +}, e.g. an enrolment id
 * @param lead the lead it belongs to
 * @param due when it is due
 * @param payload a small string the firing needs (at most 1000 characters; may be empty)
 * @param attempts how many firings failed and were released since it was last scheduled
 * @param lease the lease while claimed; empty when nobody holds it
 */
public record Timer(String kind, String key, LeadId lead, Instant due, String payload,
    int attempts, Optional<TimerLease> lease) {

  /** The longest payload a store must keep. */
  public static final int MAX_PAYLOAD = 1000;

  /**
   * Validates.
   *
   * @throws InvalidValueException if a field is null, the kind, key or payload is malformed or
   *     too long, or attempts is negative
   */
  public Timer {
    if (kind == null || !IdChars.matches(kind, 32, "-_.")) {
      throw new InvalidValueException("invalid timer kind \"" + kind + "\"");
    }
    if (key == null || !IdChars.matches(key, 200, "-_.:/@+")) {
      throw new InvalidValueException("invalid timer key \"" + key + "\"");
    }
    if (lead == null || due == null || payload == null || lease == null) {
      throw new InvalidValueException("timer " + kind + ":" + key
          + " needs a lead, a due time, a payload and a lease (possibly empty)");
    }
    if (payload.length() > MAX_PAYLOAD) {
      throw new InvalidValueException("timer " + kind + ":" + key + " has a payload of "
          + payload.length() + " characters; at most " + MAX_PAYLOAD + " are kept");
    }
    if (attempts < 0) {
      throw new InvalidValueException("timer " + kind + ":" + key + " has negative attempts "
          + attempts);
    }
  }

  /**
   * A new, unclaimed timer with no failed attempts, for {@link TimerStore#schedule}.
   *
   * @param kind what fires
   * @param key which one of that kind
   * @param lead the lead it belongs to
   * @param due when it is due
   * @param payload a small string the firing needs
   * @return the timer
   * @throws InvalidValueException if a value is invalid (see the record components)
   */
  public static Timer of(String kind, String key, LeadId lead, Instant due, String payload) {
    return new Timer(kind, key, lead, due, payload, 0, Optional.empty());
  }

  /**
   * The timer's identity as one string, {@code kind:key}.
   *
   * @return the identity
   */
  public String id() {
    return kind + ":" + key;
  }

  /**
   * The token of the lease under which this copy was claimed.
   *
   * @return the token
   * @throws InvalidValueException if this copy was not claimed
   */
  public String token() {
    return lease.map(TimerLease::token).orElseThrow(() -> new InvalidValueException(
        "timer " + id() + " is not claimed, so it has no lease token"));
  }

  /**
   * A copy due at {@code at} with {@code newPayload}, unclaimed and with no failed attempts.
   *
   * @param at the new due time
   * @param newPayload the new payload
   * @return the copy
   * @throws InvalidValueException if a value is invalid
   */
  public Timer movedTo(Instant at, String newPayload) {
    return new Timer(kind, key, lead, at, newPayload, 0, Optional.empty());
  }
}
