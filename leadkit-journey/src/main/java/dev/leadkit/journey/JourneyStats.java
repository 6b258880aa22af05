package dev.leadkit.journey;

import java.util.Map;

/**
 * Counters of one journey (all versions), for tuning messages, timing and frequency (R8.3).
 *
 * @param journey the journey
 * @param enrolled enrolments started
 * @param active live enrolments now
 * @param sent messages handed to the mailer
 * @param opened opens of its messages
 * @param clicked clicks in its messages
 * @param converted enrolments that reached the goal
 * @param suppressed sends refused by a policy
 * @param exitedByReason exits per reason code
 * @param steps per-step counters: step id to metric to count ({@code entered}, {@code queued},
 *     {@code sent}, {@code opened}, {@code clicked}, {@code suppressed}, {@code arm.NAME})
 */
public record JourneyStats(JourneyId journey, long enrolled, long active, long sent,
    long opened, long clicked, long converted, long suppressed,
    Map<String, Long> exitedByReason, Map<String, Map<String, Long>> steps) {
  /** Copies. */
  public JourneyStats {
    exitedByReason = Map.copyOf(exitedByReason);
    steps = Map.copyOf(steps);
  }

  /** A step's counter, 0 if never counted. */
  public long step(String step, String metric) {
    return steps.getOrDefault(step, Map.of()).getOrDefault(metric, 0L);
  }
}
