package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;

/**
 * What became of a lead handed to sales: a deal that was won or lost, and when it was decided.
 * Leads without an outcome did not become deals.
 *
 * @param lead the lead
 * @param result won or lost
 * @param at when the deal was decided (or created, if that is what the host records)
 */
public record DealOutcome(LeadId lead, Result result, Instant at) {
  /** How the deal ended. */
  public enum Result {
    /** Won. */
    WON,
    /** Lost (still a deal: sales took it up). */
    LOST
  }

  /** Validates. */
  public DealOutcome {
    if (lead == null || result == null || at == null) {
      throw new InvalidValueException("deal outcome needs a lead, a result and a time");
    }
  }

  /** A won deal. */
  public static DealOutcome won(LeadId lead, Instant at) {
    return new DealOutcome(lead, Result.WON, at);
  }

  /** A lost deal. */
  public static DealOutcome lost(LeadId lead, Instant at) {
    return new DealOutcome(lead, Result.LOST, at);
  }
}
