package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;

/**
 * One entry of a lead's stage history.
 *
 * @param at when the change happened
 * @param from the stage before
 * @param to the stage after
 * @param reason why, in words a person can read (e.g. "score crossed 20", "imported")
 */
public record StageChange(Instant at, LifecycleStage from, LifecycleStage to, String reason) {
  /** Validates the change. */
  public StageChange {
    if (at == null || from == null || to == null || reason == null) {
      throw new InvalidValueException("stage change fields must not be null");
    }
    if (reason.length() > 512) {
      throw new InvalidValueException("stage change reason longer than 512 characters");
    }
  }
}
