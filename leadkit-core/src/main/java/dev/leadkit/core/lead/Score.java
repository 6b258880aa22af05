package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.time.Instant;
import java.util.Optional;

/**
 * A named score's value as last computed, stored on the lead so that segments and journeys can
 * read it without depending on the scoring module.
 *
 * @param value the points
 * @param asOf when the value was computed (decay is applied up to this instant)
 * @param band the band or grade the value falls into (e.g. "A", "3", "hot"), if the model has
 *     bands
 */
public record Score(double value, Instant asOf, Optional<String> band) {
  /** Validates the score. */
  public Score {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new InvalidValueException("score must be finite: " + value);
    }
    if (asOf == null || band == null) {
      throw new InvalidValueException("score time and band must not be null");
    }
  }

  /** A score without band. */
  public static Score of(double value, Instant asOf) {
    return new Score(value, asOf, Optional.empty());
  }
}
