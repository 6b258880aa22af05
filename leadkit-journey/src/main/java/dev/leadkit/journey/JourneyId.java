package dev.leadkit.journey;

/**
 * The identifier of a journey, e.g. {@code welcome} or {@code renewal-2026}. 1 to 64 letters, digits or {@code - _ .}.
 *
 * @param value the identifier text
 */
public record JourneyId(String value) implements Comparable<JourneyId> {
  /** Validates the identifier. */
  public JourneyId {
    Names.check("JourneyId", value);
  }

  /** Wraps {@code value}. */
  public static JourneyId of(String value) {
    return new JourneyId(value);
  }

  @Override
  public int compareTo(JourneyId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
