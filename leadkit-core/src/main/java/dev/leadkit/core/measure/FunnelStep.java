package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * One step of a funnel.
 *
 * @param stage the step
 * @param count how many passed it
 * @param fromPrevious {@code count} over the previous step's count (REACH: over itself)
 * @param fromTop {@code count} over the REACH count
 */
public record FunnelStep(FunnelStage stage, long count, Rate fromPrevious, Rate fromTop) {
  /** Validates the step. */
  public FunnelStep {
    if (stage == null || fromPrevious == null || fromTop == null || count < 0) {
      throw new InvalidValueException("bad funnel step " + stage + ": " + count);
    }
  }
}
