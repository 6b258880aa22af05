package dev.leadkit.scoring;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.touch.Touchpoint;
import java.util.List;

/**
 * One lead with its recorded touchpoints: the input of calibration and backtests. Fit rules are
 * evaluated on the lead as given (its current profile).
 *
 * @param lead the lead
 * @param touchpoints its touchpoints, any order (sorted by time, then id, when replayed)
 */
public record LeadHistory(Lead lead, List<Touchpoint> touchpoints) {
  /** Validates and copies. */
  public LeadHistory {
    if (lead == null || touchpoints == null) {
      throw new InvalidValueException("lead history needs a lead and touchpoints");
    }
    touchpoints = List.copyOf(CompiledModelImpl.ordered(touchpoints));
  }
}
