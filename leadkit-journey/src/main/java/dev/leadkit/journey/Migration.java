package dev.leadkit.journey;

import java.util.HashMap;
import java.util.Map;

/**
 * An explicit move of live enrolments from one version of a journey to another: each mapped
 * step of the old version goes to a step of the new one. Enrolments standing on an unmapped
 * step stay on the old version, which keeps running; scheduled enrolments (not yet started)
 * always move. Nobody is stranded and nobody skips a step they were not mapped past.
 *
 * @param journey the journey
 * @param fromVersion the old version
 * @param toVersion the new version
 * @param steps old step to new step
 */
public record Migration(JourneyId journey, int fromVersion, int toVersion,
    Map<StepId, StepId> steps) {
  /** Validates and copies. */
  public Migration {
    Checks.notNull(journey, steps);
    if (fromVersion < 1 || toVersion < 1 || fromVersion == toVersion) {
      throw new InvalidJourneyException("migration needs two distinct versions: " + fromVersion
          + " -> " + toVersion);
    }
    steps = Map.copyOf(steps);
  }

  /** A migration of {@code journey} from {@code from} to {@code to} mapping {@code steps}. */
  public static Migration of(String journey, int from, int to, Map<String, String> steps) {
    Map<StepId, StepId> m = new HashMap<>();
    steps.forEach((k, v) -> m.put(StepId.of(k), StepId.of(v)));
    return new Migration(JourneyId.of(journey), from, to, m);
  }

  /**
   * What a migration did.
   *
   * @param moved enrolments moved to the new version
   * @param kept live enrolments left on the old version (unmapped step)
   * @param busy enrolments being processed at that moment (run the migration again)
   */
  public record Report(int moved, int kept, int busy) {}
}
