package dev.leadkit.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages decided but not yet handed over, and what became of them.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Idempotent enqueue.</b> A message whose key is already in the outbox (in any state)
 *       is ignored and {@link #enqueue} returns false.
 *   <li><b>Leased claims.</b> {@link #claim} atomically moves up to {@code limit} entries that
 *       are {@code PENDING} with {@code nextAttemptAt <= now}, or {@code CLAIMED} with an expired
 *       lease, to {@code CLAIMED} under a fresh claim token, and returns them. No entry is held
 *       by two live claims.
 *   <li><b>Conditional completion.</b> {@link #markSent}, {@link #markFailed} and
 *       {@link #markDead} take effect only if the entry is still held under the given claim
 *       token; otherwise they return false and change nothing (the lease expired and someone
 *       else may hold it).
 *   <li><b>Typed outcome.</b> A cancelled or dead entry keeps the {@link NotSentReason} it was
 *       given ({@link OutboxEntry#reason()}); no other entry has one.
 *   <li>Implementations are thread-safe; on a shared database several dispatchers may claim
 *       concurrently.
 * </ul>
 */
public interface Outbox {
  /** Adds a message; false if its key is already present. */
  boolean enqueue(OutboundMessage message, Instant now);

  /** Adds messages; returns how many were new. Atomic. */
  int enqueueAll(List<OutboundMessage> messages, Instant now);

  /** Claims up to {@code limit} ready entries for {@code lease}, in nextAttemptAt order. */
  List<OutboxEntry> claim(Instant now, int limit, Duration lease);

  /** Records a successful hand-over. */
  boolean markSent(MessageKey key, String claimToken, Instant at, String providerId);

  /** Records a failed attempt; the entry becomes PENDING again at {@code retryAt}. */
  boolean markFailed(MessageKey key, String claimToken, Instant at, String error,
      Instant retryAt);

  /**
   * Gives a claimed entry back without counting the attempt: it becomes PENDING again at
   * {@code until} with {@code detail} as its last error (a send rule said "not yet" at
   * hand-over). False, changing nothing, unless the claim with {@code claimToken} still holds.
   *
   * @param key the message
   * @param claimToken the claim's token
   * @param until when it may be claimed again
   * @param detail why it waits
   * @return true if the entry was given back
   */
  boolean defer(MessageKey key, String claimToken, Instant until, String detail);

  /**
   * Records a final failure: the entry becomes {@code DEAD} with {@code reason} (e.g. {@link
   * NotSentReason#MAILER_REJECTED} or {@link NotSentReason#RETRIES_EXHAUSTED}) and {@code error}
   * as its last error.
   */
  boolean markDead(MessageKey key, String claimToken, Instant at, NotSentReason reason,
      String error);

  /**
   * Cancels a message that must not be sent (e.g. unsubscribed): it becomes {@code CANCELLED}
   * with {@code reason} and {@code detail} as its last error. False, changing nothing, unless it
   * was PENDING or CLAIMED.
   */
  boolean cancel(MessageKey key, Instant at, NotSentReason reason, String detail);

  /** The entry for {@code key}. */
  Optional<OutboxEntry> find(MessageKey key);

  /** Every entry addressed to {@code lead}, in any state, ordered by enqueue time then key. */
  List<OutboxEntry> findByLead(dev.leadkit.core.lead.LeadId lead);

  /**
   * Deletes every entry addressed to {@code lead}, in any state (erasure); returns how many.
   * A claimed entry that is deleted can no longer be completed: its completion returns false.
   */
  int purgeLead(dev.leadkit.core.lead.LeadId lead);

  /** How many entries are in each status. */
  Map<OutboxStatus, Long> countByStatus();
}
