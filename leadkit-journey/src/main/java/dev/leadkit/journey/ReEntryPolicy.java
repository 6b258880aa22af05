package dev.leadkit.journey;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a lead who left a journey may enter it again. Whatever the policy, a lead has at
 * most one active enrolment per journey.
 *
 * @param kind never, after a cool-down, or always
 * @param coolDown the cool-down, present only for {@link Kind#AFTER_COOL_DOWN}
 */
public record ReEntryPolicy(Kind kind, Optional<Duration> coolDown) {
  /** The kinds of policy. */
  public enum Kind {
    /** Once per lead, ever. */
    NEVER,
    /** Again once the cool-down has passed since the last exit. */
    AFTER_COOL_DOWN,
    /** Again as soon as the previous enrolment ended. */
    ALWAYS
  }

  /** Validates. */
  public ReEntryPolicy {
    Checks.notNull(kind, coolDown);
    if ((kind == Kind.AFTER_COOL_DOWN) != coolDown.isPresent()) {
      throw new InvalidJourneyException("a cool-down goes with AFTER_COOL_DOWN only: " + kind
          + " " + coolDown);
    }
    coolDown.ifPresent(d -> Checks.positive(d, "cool-down"));
  }

  /** Never again. */
  public static ReEntryPolicy never() {
    return new ReEntryPolicy(Kind.NEVER, Optional.empty());
  }

  /** Again after {@code coolDown} since the last exit. */
  public static ReEntryPolicy after(Duration coolDown) {
    return new ReEntryPolicy(Kind.AFTER_COOL_DOWN, Optional.of(coolDown));
  }

  /** Always again. */
  public static ReEntryPolicy always() {
    return new ReEntryPolicy(Kind.ALWAYS, Optional.empty());
  }
}
