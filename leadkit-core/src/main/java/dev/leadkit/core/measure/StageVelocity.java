package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LifecycleStage;
import java.time.Duration;
import java.util.Optional;

/**
 * How many leads moved from one stage to another in a period and how long it took them (see
 * {@link MeasurementSource#stageMoves} for what a move is).
 *
 * @param from the earlier stage
 * @param to the later stage
 * @param moves how many moves completed in the period
 * @param mean the mean time a move took, empty without moves
 * @param median the median time (the mean of the two middle values for an even count), empty
 *     without moves
 */
public record StageVelocity(LifecycleStage from, LifecycleStage to, long moves,
    Optional<Duration> mean, Optional<Duration> median) {
  /** Validates the row. */
  public StageVelocity {
    if (from == null || to == null || mean == null || median == null || moves < 0
        || mean.isPresent() != (moves > 0) || median.isPresent() != (moves > 0)) {
      throw new InvalidValueException("bad stage velocity " + from + " -> " + to + ": " + moves);
    }
  }
}
