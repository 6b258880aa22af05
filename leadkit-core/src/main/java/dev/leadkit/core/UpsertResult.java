package dev.leadkit.core;

import dev.leadkit.core.lead.Lead;

/**
 * The outcome of an upsert.
 *
 * @param lead the lead as stored
 * @param outcome whether it was created, changed or left alone
 */
public record UpsertResult(Lead lead, Outcome outcome) {
  /** What an upsert did. */
  public enum Outcome {
    /** A new lead was stored. */
    CREATED,
    /** An existing lead changed. */
    UPDATED,
    /** The input matched what was stored: nothing was written. */
    UNCHANGED
  }
}
