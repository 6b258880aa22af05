package dev.leadkit.scoring;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;

/**
 * A lead's score crossed a threshold. An upward crossing is the hand-off to sales (R4.3): the
 * host turns it into a CRM task or an alert. A downward crossing (through decay or negative
 * points) means the lead cooled down. Crossings inside a threshold's cool-down are not
 * published.
 *
 * @param lead the lead
 * @param model the model name
 * @param threshold the threshold's level
 * @param direction up or down
 * @param value the score at the crossing
 * @param scoredAt the score time of the crossing (the touchpoint's time, or the time decay
 *     took the score down)
 * @param at when it was noticed, by the engine's clock
 */
public record ThresholdCrossed(LeadId lead, String model, double threshold,
    Direction direction, double value, Instant scoredAt, Instant at) implements LeadkitEvent {

  /** Which way the score went. */
  public enum Direction {
    /** Reached the threshold: hand the lead to sales. */
    UP,
    /** Fell below the threshold (less its hysteresis). */
    DOWN
  }

  /** True for an upward crossing: the sales hand-off. */
  public boolean isHandOff() {
    return direction == Direction.UP;
  }
}
