package dev.leadkit.core.lead;

/** A lead's consent for one channel. */
public enum ConsentStatus {
  /** Opted in: may be contacted on the channel. */
  SUBSCRIBED,
  /** Signed up but has not yet confirmed a double opt-in: may receive only the confirmation. */
  PENDING_CONFIRMATION,
  /** Opted out: never contacted on the channel, whatever a program says. */
  UNSUBSCRIBED;

  /** How restrictive the status is; the most restrictive wins a merge. */
  public int restrictiveness() {
    return switch (this) {
      case SUBSCRIBED -> 0;
      case PENDING_CONFIRMATION -> 1;
      case UNSUBSCRIBED -> 2;
    };
  }
}
