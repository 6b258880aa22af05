package dev.leadkit.journey.port;

import dev.leadkit.core.InvalidValueException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One counter: a metric of a journey, or of one of its steps.
 *
 * @param journey the journey id
 * @param step the step id, or empty for the journey as a whole
 * @param metric e.g. {@code enrolled}, {@code sent}, {@code exited.goal}
 */
public record CounterKey(String journey, Optional<String> step, String metric) {
  private static final Pattern METRIC = Pattern.compile("[a-z][A-Za-z0-9_.-]{0,79}");

  /** Validates. */
  public CounterKey {
    if (journey == null || step == null || metric == null || !METRIC.matcher(metric).matches()) {
      throw new InvalidValueException("invalid counter " + journey + "/" + step + "/" + metric);
    }
  }

  /** A journey-level counter. */
  public static CounterKey of(String journey, String metric) {
    return new CounterKey(journey, Optional.empty(), metric);
  }

  /** A step-level counter. */
  public static CounterKey of(String journey, String step, String metric) {
    return new CounterKey(journey, Optional.of(step), metric);
  }
}
