package dev.leadkit.core.port;

/**
 * Why an outbox message was not handed over: the typed reason on a {@link OutboxStatus#CANCELLED}
 * or {@link OutboxStatus#DEAD} entry ({@link OutboxEntry#reason()}) and on every
 * {@link dev.leadkit.core.mail.MessageFailed} event. The free text that goes with it (the
 * mailer's error message, the channel without consent) stays in {@link OutboxEntry#lastError()}.
 *
 * <p>Group and count outcomes by this value, not by the text, which may change between versions.
 */
public enum NotSentReason {
  /**
   * Cancelled at hand-over: the lead has no consent on the message's channel (it unsubscribed,
   * was suppressed as the address of an erased lead, or never subscribed).
   */
  NO_CONSENT,
  /** Cancelled at hand-over: the lead no longer exists (merged into another lead, or erased). */
  LEAD_MISSING,
  /** Cancelled at hand-over: the address is suppressed (it belonged to an erased lead). */
  SUPPRESSED,
  /**
   * Cancelled at hand-over: quiet hours are set and the lead's stored time zone is invalid, so
   * no local time can be trusted.
   */
  INVALID_TIME_ZONE,
  /** Deferred at hand-over (never final): inside the quiet hours in the lead's time zone. */
  QUIET_HOURS,
  /** Deferred at hand-over (never final): the frequency cap is reached by actual hand-overs. */
  FREQUENCY_CAP,
  /** Deferred at hand-over (never final): a sales rep mailed the lead within the window. */
  SALES_COLLISION,
  /** Dead: the mailer refused the message for good (a non-retryable mailer error). */
  MAILER_REJECTED,
  /** Dead: the mailer failed on the last attempt the retry policy allows. */
  RETRIES_EXHAUSTED,
  /**
   * A retryable mailer failure; the message is tried again later. Seen only on a {@link
   * dev.leadkit.core.mail.MessageFailed} event that is not final, never on a finished entry.
   */
  MAILER_FAILED,
  /**
   * Anything else: a cancellation by the host with its own reason, or an entry finished before
   * reasons were recorded.
   */
  OTHER
}
