package dev.leadkit.core.segment;

/**
 * Why a lead's segment membership changed. A change that follows from a referenced segment's
 * change carries the cause of that first change.
 */
public enum MembershipCause {
  /** A touchpoint was recorded. */
  TOUCHPOINT,
  /** The lead changed: attributes, stage, consent, owner or a score. */
  LEAD_CHANGE,
  /** Time passed: a sliding window or a relative date boundary was crossed. */
  TIME,
  /** The lead was added to or removed from a static list. */
  LIST,
  /**
   * The lead's identity changed: leads were merged or a merge undone, a visitor's earlier
   * touchpoints were attributed to the lead or moved away, or the lead was erased.
   */
  IDENTITY,
  /** The segment was defined or redefined and evaluated over all leads. */
  DEFINITION
}
