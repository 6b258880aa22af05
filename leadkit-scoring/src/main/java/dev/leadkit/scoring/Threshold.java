package dev.leadkit.scoring;

import dev.leadkit.core.lead.LifecycleStage;
import java.time.Duration;
import java.util.Optional;

/**
 * A score level whose upward crossing hands the lead to sales (R4.3): the plugin publishes a
 * {@link ThresholdCrossed} event and may move the lead to a stage such as MQL.
 *
 * <p>Against oscillation: with a {@code hysteresis} {@code h}, a lead that crossed upward only
 * counts as below again when its score falls under {@code value - h}; with a {@code coolDown}, an
 * upward crossing within that time of the last announced one is not announced (and neither is
 * the matching downward crossing).
 *
 * <pre>{@code
 * Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30)).setsStage(LifecycleStage.MQL)
 * }</pre>
 *
 * @param value the level, finite; reached when the score is {@code >= value}
 * @param hysteresis how far below the level the score must fall to count as below, {@code >= 0}
 * @param coolDown the least time between two announced upward crossings, {@code >= 0}
 * @param stage the stage to move the lead to on an announced upward crossing, if any (only
 *     forward, and only if the lead's stage table allows it)
 */
public record Threshold(double value, double hysteresis, Duration coolDown,
    Optional<LifecycleStage> stage) {
  /** Validates. */
  public Threshold {
    if (!Double.isFinite(value)) {
      throw new ScoringModelException("threshold must be finite: " + value);
    }
    if (!(hysteresis >= 0) || !Double.isFinite(hysteresis)) {
      throw new ScoringModelException("hysteresis must be finite and not negative: " + hysteresis);
    }
    if (coolDown == null || coolDown.isNegative()) {
      throw new ScoringModelException("cool-down must not be negative: " + coolDown);
    }
    if (stage == null) {
      throw new ScoringModelException("threshold stage must not be null");
    }
  }

  /** A threshold at {@code value}, without hysteresis, cool-down or stage change. */
  public static Threshold at(double value) {
    return new Threshold(value, 0, Duration.ZERO, Optional.empty());
  }

  /** A copy with the given hysteresis. */
  public Threshold hysteresis(double points) {
    return new Threshold(value, points, coolDown, stage);
  }

  /** A copy with the given cool-down. */
  public Threshold coolDown(Duration time) {
    return new Threshold(value, hysteresis, time, stage);
  }

  /** A copy that moves the lead to {@code to} on an announced upward crossing. */
  public Threshold setsStage(LifecycleStage to) {
    if (to == null) {
      throw new ScoringModelException("threshold stage must not be null");
    }
    return new Threshold(value, hysteresis, coolDown, Optional.of(to));
  }

  /** The level under which a lead that was above counts as below again. */
  public double exitLevel() {
    return value - hysteresis;
  }
}
