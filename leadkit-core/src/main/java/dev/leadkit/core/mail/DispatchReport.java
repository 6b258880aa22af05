package dev.leadkit.core.mail;

/**
 * What one dispatcher pass did.
 *
 * @param claimed entries claimed
 * @param sent handed over successfully
 * @param retried failed and scheduled again
 * @param dead failed for good
 * @param cancelled not sent on purpose (no consent, lead gone)
 * @param lostLease completed by nobody because the lease expired meanwhile
 * @param deferred given back to wait, by a send rule re-checked at hand-over (quiet hours,
 *     frequency cap, sales collision)
 */
public record DispatchReport(int claimed, int sent, int retried, int dead, int cancelled,
    int lostLease, int deferred) {
  /** A report of nothing. */
  public static DispatchReport empty() {
    return new DispatchReport(0, 0, 0, 0, 0, 0, 0);
  }

  /** The sum of two reports. */
  public DispatchReport plus(DispatchReport o) {
    return new DispatchReport(claimed + o.claimed, sent + o.sent, retried + o.retried,
        dead + o.dead, cancelled + o.cancelled, lostLease + o.lostLease, deferred + o.deferred);
  }
}
