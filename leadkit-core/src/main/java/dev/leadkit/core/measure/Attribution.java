package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LifecycleStage;
import java.time.Duration;

/**
 * The rule that credits a conversion to a message: <b>last touch within a window</b>.
 *
 * <p>A <em>conversion</em> is a stage change that crosses into the goal: {@code to} ranks at
 * least as far as {@code goal} and {@code from} ranks below it (so OPPORTUNITY to CUSTOMER is not
 * a second conversion when the goal is OPPORTUNITY, and a lost deal re-opened is a new one).
 * It is credited to the lead's <em>last</em> {@code email_sent} touchpoint sent strictly before
 * it and at most {@code window} before it, and to no other message. A conversion with no such
 * message is credited to none. Every message earns at most one conversion.
 *
 * @param goal the goal stage (default {@link LifecycleStage#OPPORTUNITY})
 * @param window how long after a message a conversion still counts (default 30 days)
 */
public record Attribution(LifecycleStage goal, Duration window) {
  /** Validates the rule. */
  public Attribution {
    if (goal == null || window == null || window.isNegative() || window.isZero()) {
      throw new InvalidValueException("attribution needs a goal stage and a positive window: "
          + goal + ", " + window);
    }
  }

  /** Goal OPPORTUNITY, window 30 days. */
  public static Attribution defaults() {
    return new Attribution(LifecycleStage.OPPORTUNITY, Duration.ofDays(30));
  }

  /** True if a change {@code from -> to} is a conversion under this rule. */
  public boolean isConversion(LifecycleStage from, LifecycleStage to) {
    return to.isAtLeast(goal) && !from.isAtLeast(goal);
  }
}
