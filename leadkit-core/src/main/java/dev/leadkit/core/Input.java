package dev.leadkit.core;

import dev.leadkit.core.internal.Args;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;

/**
 * What the decision pipeline decides for one lead: every change to a lead's state enters the
 * engine as one of these, and the {@link Decider}s see it through {@link LeadState#input()}.
 *
 * <ul>
 *   <li>{@link Tracked}: a touchpoint about the lead was recorded;
 *   <li>{@link Changed}: the lead's profile, stage, consent or owner was changed (an upsert, a
 *       {@code modify}, {@code changeStage}, {@code recordConsent}, {@code assignOwner}, or a
 *       decider of an earlier round of the same input);
 *   <li>{@link Timer}: due work of the lead came due (decay, a window closing, a journey wait);
 *   <li>{@link Command}: an operation on the lead as a whole (for example a re-score after a
 *       merge).
 * </ul>
 */
public sealed interface Input {
  /**
   * A touchpoint about the lead, as the log stored it.
   *
   * @param touchpoint the recorded touchpoint
   */
  record Tracked(Touchpoint touchpoint) implements Input {
    /**
     * Checks the touchpoint.
     *
     * @param touchpoint the recorded touchpoint
     */
    public Tracked {
      Args.notNull(touchpoint, "touchpoint");
    }
  }

  /**
   * A change to the lead itself; compare {@link LeadState#before()} with {@link LeadState#lead()}.
   *
   * @param cause a short, stable word for logs: {@code "upsert"}, {@code "modify"}, {@code "stage"},
   *     {@code "consent"}, {@code "owner"} or {@code "round"} (a change a decider made)
   */
  record Changed(String cause) implements Input {
    /**
     * Checks the cause.
     *
     * @param cause a short, stable word for logs
     */
    public Changed {
      Args.notBlank(cause, "cause");
    }
  }

  /**
   * Due work of the lead came due.
   *
   * @param kind who owns the timer, for example {@code "scoring.decay"}
   * @param due when it was due (at or before the decision's {@link LeadState#now()})
   */
  record Timer(String kind, Instant due) implements Input {
    /**
     * Checks the values.
     *
     * @param kind who owns the timer
     * @param due when it was due
     */
    public Timer {
      Args.notBlank(kind, "kind");
      Args.notNull(due, "due");
    }
  }

  /**
   * An operation on the lead as a whole.
   *
   * @param name the command, for example {@code "rescore"}
   */
  record Command(String name) implements Input {
    /**
     * Checks the name.
     *
     * @param name the command
     */
    public Command {
      Args.notBlank(name, "name");
    }
  }
}
