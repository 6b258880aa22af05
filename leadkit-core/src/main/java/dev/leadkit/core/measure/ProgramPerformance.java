package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.List;
import java.util.Optional;

/**
 * Per journey, per step and per template performance (R8.3), from touchpoints by this
 * convention, which the journey engine follows:
 *
 * <ul>
 *   <li>a journey message sent is an {@code email_sent} touchpoint with properties {@code
 *       journey}, {@code step}, {@code template} and {@code message_key};
 *   <li>opens, clicks, unsubscribes and bounces carry the same {@code message_key};
 *   <li>a lead leaving a journey is a {@code journey_exited} touchpoint with {@code journey},
 *       {@code step} (where it was) and {@code reason}.
 * </ul>
 *
 * Conversions follow the {@link Attribution} rule.
 *
 * @param period the period
 * @param attribution the attribution rule used
 * @param byJourney rows keyed by [journey]
 * @param byStep rows keyed by [journey, step]
 * @param byTemplate rows keyed by [template]
 */
public record ProgramPerformance(ReportPeriod period, Attribution attribution,
    List<ProgramRow> byJourney, List<ProgramRow> byStep, List<ProgramRow> byTemplate) {
  /** Validates and copies. */
  public ProgramPerformance {
    if (period == null || attribution == null || byJourney == null || byStep == null
        || byTemplate == null) {
      throw new InvalidValueException("program performance fields must not be null");
    }
    byJourney = List.copyOf(byJourney);
    byStep = List.copyOf(byStep);
    byTemplate = List.copyOf(byTemplate);
  }

  /** The row of {@code journey}. */
  public Optional<ProgramRow> journey(String journey) {
    return byJourney.stream().filter(r -> r.key().equals(List.of(journey))).findFirst();
  }

  /** The row of {@code step} in {@code journey}. */
  public Optional<ProgramRow> step(String journey, String step) {
    return byStep.stream().filter(r -> r.key().equals(List.of(journey, step))).findFirst();
  }

  /** The row of {@code template}. */
  public Optional<ProgramRow> template(String template) {
    return byTemplate.stream().filter(r -> r.key().equals(List.of(template))).findFirst();
  }
}
