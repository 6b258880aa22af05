package dev.leadkit.core.mail;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.port.NotSentReason;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link HandOverCheck} decided about one message.
 *
 * @param action proceed, defer or cancel
 * @param until for {@link Action#DEFER}, the earliest time the message may be tried again
 * @param reason for {@link Action#DEFER} and {@link Action#CANCEL}, the typed reason
 * @param detail free text for logs and the entry's last error; empty to proceed
 */
public record HandOverVerdict(Action action, Optional<Instant> until,
    Optional<NotSentReason> reason, String detail) {

  /** What to do with the message. */
  public enum Action {
    /** Hand it over (if every other check agrees). */
    PROCEED,
    /** Give it back to the outbox, pending again at {@code until}; no attempt is counted. */
    DEFER,
    /** Cancel it for good. */
    CANCEL
  }

  private static final HandOverVerdict PROCEED =
      new HandOverVerdict(Action.PROCEED, Optional.empty(), Optional.empty(), "");

  /** Validates. */
  public HandOverVerdict {
    if (action == null || until == null || reason == null || detail == null) {
      throw new InvalidValueException("a hand-over verdict needs every field");
    }
    if ((action == Action.DEFER) != until.isPresent()
        || (action == Action.PROCEED) != reason.isEmpty()) {
      throw new InvalidValueException("a deferral needs a time and a reason, a cancellation a "
          + "reason, and proceeding neither: " + action + " " + until + " " + reason);
    }
  }

  /**
   * Hand the message over.
   *
   * @return the verdict
   */
  public static HandOverVerdict proceed() {
    return PROCEED;
  }

  /**
   * Try again at {@code until}.
   *
   * @param until the earliest next hand-over
   * @param reason why not now
   * @param detail free text
   * @return the verdict
   */
  public static HandOverVerdict deferUntil(Instant until, NotSentReason reason, String detail) {
    return new HandOverVerdict(Action.DEFER, Optional.ofNullable(until),
        Optional.ofNullable(reason), detail);
  }

  /**
   * Never send this message.
   *
   * @param reason why
   * @param detail free text
   * @return the verdict
   */
  public static HandOverVerdict cancel(NotSentReason reason, String detail) {
    return new HandOverVerdict(Action.CANCEL, Optional.empty(), Optional.ofNullable(reason),
        detail);
  }
}
