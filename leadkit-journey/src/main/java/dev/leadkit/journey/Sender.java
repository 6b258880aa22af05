package dev.leadkit.journey;

/**
 * In whose name a message goes out (R6.9; seed 004: "the first mail signed by the CEO, later
 * ones by the sales rep").
 */
public enum Sender {
  /** The company (or its CEO, as the host's template decides). */
  COMPANY,
  /** The lead's owner; falls back to the company when the lead has no owner. */
  OWNER
}
