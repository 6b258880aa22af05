package dev.leadkit.core;

import dev.leadkit.core.mail.DispatchReport;
import java.time.Instant;
import java.util.Map;

/**
 * What one {@link LeadKit#runDue()} did.
 *
 * @param now the time it ran for
 * @param processed items processed per plugin work name
 * @param dispatch what the outbox dispatcher did, between batches and at the end
 * @param complete false if the run stopped at its {@link DueLimits} (work may be left over)
 */
public record DueReport(Instant now, Map<String, Integer> processed, DispatchReport dispatch,
    boolean complete) {
  /** Copies. */
  public DueReport {
    processed = Map.copyOf(processed);
  }
}
