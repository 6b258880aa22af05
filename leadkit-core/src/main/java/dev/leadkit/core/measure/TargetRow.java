package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.Optional;

/**
 * One target with what was reached.
 *
 * @param target the target
 * @param actual the metric's value in the period; empty for a ratio whose denominator is 0
 * @param achievement {@code actual / target} (1.0 = reached exactly); empty when actual is
 */
public record TargetRow(KpiTarget target, Optional<Double> actual, Optional<Double> achievement) {
  /** Validates. */
  public TargetRow {
    if (target == null || actual == null || achievement == null
        || actual.isPresent() != achievement.isPresent()) {
      throw new InvalidValueException("bad target row for " + target);
    }
  }

  /** True if the actual value reached the target. */
  public boolean met() {
    return actual.isPresent() && actual.get() >= target.target();
  }
}
