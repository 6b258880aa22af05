package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;
import java.util.Optional;

/**
 * A message in the outbox with its delivery state.
 *
 * @param message the message
 * @param status its state
 * @param attempts how many hand-overs were attempted
 * @param nextAttemptAt when it may next be claimed
 * @param claimToken the token of the current claim, while {@link OutboxStatus#CLAIMED}
 * @param leaseUntil when the current claim expires
 * @param lastError the last failure, or the text that came with a cancellation, if any
 * @param reason why it was not sent: present exactly when the status is {@link
 *     OutboxStatus#CANCELLED} or {@link OutboxStatus#DEAD}, empty while pending, claimed or sent
 * @param providerId the mail provider's id once sent
 * @param enqueuedAt when it entered the outbox
 * @param finishedAt when it reached a final state
 */
public record OutboxEntry(
    OutboundMessage message,
    OutboxStatus status,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> claimToken,
    Optional<Instant> leaseUntil,
    Optional<String> lastError,
    Optional<NotSentReason> reason,
    Optional<String> providerId,
    Instant enqueuedAt,
    Optional<Instant> finishedAt) {

  /** Validates. */
  public OutboxEntry {
    if (message == null || status == null || nextAttemptAt == null || claimToken == null
        || leaseUntil == null || lastError == null || reason == null || providerId == null
        || enqueuedAt == null || finishedAt == null) {
      throw new InvalidValueException("outbox entry fields must not be null");
    }
    boolean unsent = status == OutboxStatus.CANCELLED || status == OutboxStatus.DEAD;
    if (unsent != reason.isPresent()) {
      throw new InvalidValueException("an outbox entry has a reason exactly when it is cancelled"
          + " or dead; " + message.key() + " is " + status + " with reason " + reason);
    }
  }

  /** The message key. */
  public MessageKey key() {
    return message.key();
  }
}
