package dev.leadkit.core.measure;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import java.util.List;
import java.util.Map;

/**
 * The performance of one journey, step or template in a period.
 *
 * @param key the journey id; or journey id and step; or template id ({@code ""} if missing)
 * @param mail the outcomes of the messages sent in the period
 * @param exitsByReason {@code journey_exited} touchpoints in the period by {@code reason},
 *     sorted by reason
 */
public record ProgramRow(List<String> key, MessageOutcome mail, Map<String, Long> exitsByReason) {
  /** Validates and copies. */
  public ProgramRow {
    if (key == null || mail == null || exitsByReason == null) {
      throw new InvalidValueException("program row fields must not be null");
    }
    key = List.copyOf(key);
    exitsByReason = ImmutableSortedMap.copyOf(exitsByReason);
  }

  /** All exits, whatever the reason. */
  public long exits() {
    return exitsByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
