package dev.leadkit.journey;

import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.Optional;

/**
 * What happens when a program runs out (R6.8; seed 004: "6 mails and 3 calls over 8 weeks,
 * and no response?"). The budget caps what the enrolment does: a send beyond
 * {@code maxMessages} or a task beyond {@code maxTasks} is skipped. The enrolment is exhausted
 * when {@code within} has passed since it started, or its steps ran out, and the lead never
 * produced a touchpoint passing {@code response} since enrolment. It then exits with
 * {@link ExitReason#EXHAUSTED} and, if {@code then} is set, enters that journey (e.g. a
 * re-engagement program). A lead who responded simply completes.
 *
 * @param maxMessages most messages the enrolment sends
 * @param maxTasks most sales tasks it creates
 * @param within how long the program runs
 * @param response what counts as a response
 * @param then the journey to move exhausted leads to
 */
public record Exhaustion(int maxMessages, int maxTasks, Duration within,
    TouchpointFilter response, Optional<JourneyId> then) {
  /** Validates. */
  public Exhaustion {
    Checks.notNull(within, response, then);
    Checks.positive(within, "exhaustion window");
    if (maxMessages < 0 || maxTasks < 0) {
      throw new InvalidJourneyException("exhaustion budget must not be negative: "
          + maxMessages + " messages, " + maxTasks + " tasks");
    }
  }

  /**
   * The default response: a click, a form, a download, an event registration, a call logged, a
   * meeting, or a reply mail from sales.
   */
  public static TouchpointFilter defaultResponse() {
    return TouchpointFilter.of(TouchpointType.EMAIL_CLICKED, TouchpointType.FORM_SUBMITTED,
        TouchpointType.ASSET_DOWNLOADED, TouchpointType.EVENT_REGISTERED,
        TouchpointType.CALL_LOGGED, TouchpointType.MEETING);
  }

  /** {@code maxMessages} mails and {@code maxTasks} tasks within {@code within}, default response. */
  public static Exhaustion of(int maxMessages, int maxTasks, Duration within) {
    return new Exhaustion(maxMessages, maxTasks, within, defaultResponse(), Optional.empty());
  }

  /** A copy that moves exhausted leads to {@code journey}. */
  public Exhaustion thenMoveTo(JourneyId journey) {
    return new Exhaustion(maxMessages, maxTasks, within, response, Optional.of(journey));
  }

  /** A copy with another response filter. */
  public Exhaustion response(TouchpointFilter filter) {
    return new Exhaustion(maxMessages, maxTasks, within, filter, then);
  }
}
