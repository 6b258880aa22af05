package dev.leadkit.journey;

/**
 * The identifier of a step within a journey, e.g. {@code mail-1}. 1 to 64 letters, digits or {@code - _ .}.
 *
 * @param value the identifier text
 */
public record StepId(String value) implements Comparable<StepId> {
  /** Validates the identifier. */
  public StepId {
    Names.check("StepId", value);
  }

  /** Wraps {@code value}. */
  public static StepId of(String value) {
    return new StepId(value);
  }

  @Override
  public int compareTo(StepId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
