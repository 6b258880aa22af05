package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * Who was active in a period.
 *
 * @param createdLeads leads created in the period
 * @param activeLeads distinct leads created in the period, or with an inbound touchpoint in it,
 *     or with a stage change in it (a superset of {@code createdLeads})
 * @param anonymousVisitors distinct visitors with a touchpoint in the period that is tied to no
 *     lead
 */
public record LeadActivity(long createdLeads, long activeLeads, long anonymousVisitors) {
  /** Validates the counts. */
  public LeadActivity {
    if (createdLeads < 0 || activeLeads < createdLeads || anonymousVisitors < 0) {
      throw new InvalidValueException("bad activity counts: " + createdLeads + ", "
          + activeLeads + ", " + anonymousVisitors);
    }
  }
}
