package dev.leadkit.core.port;

/** Where an outbox entry stands. */
public enum OutboxStatus {
  /** Decided, waiting to be handed to the mailer (possibly after a failed attempt). */
  PENDING,
  /** Claimed by a dispatcher whose lease has not expired. */
  CLAIMED,
  /** Handed over successfully. */
  SENT,
  /** Given up after too many attempts, or refused permanently. */
  DEAD,
  /** Not sent on purpose (e.g. the lead unsubscribed before hand-over). */
  CANCELLED
}
