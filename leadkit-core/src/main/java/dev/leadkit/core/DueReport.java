package dev.leadkit.core;

import dev.leadkit.core.mail.DispatchReport;
import java.time.Instant;
import java.util.Map;

/**
 * What one {@link LeadKit#runDue()} did.
 *
 * @param now the time it ran for
 * @param processed items processed per plugin work name
 * @param dispatch what the outbox dispatcher did
 */
public record DueReport(Instant now, Map<String, Integer> processed, DispatchReport dispatch) {
  /** Copies. */
  public DueReport {
    processed = Map.copyOf(processed);
  }
}
