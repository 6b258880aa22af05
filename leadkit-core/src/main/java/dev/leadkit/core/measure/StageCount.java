package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LifecycleStage;

/**
 * How many leads of a group had {@code stage} as the furthest stage they ever reached.
 *
 * @param group the group label (see {@link LeadGrouping})
 * @param stage the furthest stage reached
 * @param leads how many leads, at least 1
 */
public record StageCount(String group, LifecycleStage stage, long leads) {
  /** Validates the row. */
  public StageCount {
    if (group == null || stage == null || leads < 0) {
      throw new InvalidValueException("bad stage count row: " + group + ", " + stage + ", "
          + leads);
    }
  }
}
