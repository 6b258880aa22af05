package dev.leadkit.journey;

/**
 * The identifier of a content stream, e.g. {@code education}. 1 to 64 letters, digits or {@code - _ .}.
 *
 * @param value the identifier text
 */
public record StreamId(String value) implements Comparable<StreamId> {
  /** Validates the identifier. */
  public StreamId {
    Names.check("StreamId", value);
  }

  /** Wraps {@code value}. */
  public static StreamId of(String value) {
    return new StreamId(value);
  }

  @Override
  public int compareTo(StreamId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
