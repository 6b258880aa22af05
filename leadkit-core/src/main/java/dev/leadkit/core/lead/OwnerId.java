package dev.leadkit.core.lead;

import java.util.UUID;

/**
 * The identifier of a sales rep who owns leads. 1 to 64 characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record OwnerId(String value) implements Comparable<OwnerId> {
  /** Validates the identifier. */
  public OwnerId {
    Ids.check("OwnerId", value);
  }

  /** Wraps {@code value}. */
  public static OwnerId of(String value) {
    return new OwnerId(value);
  }

  /** A new random identifier. */
  public static OwnerId random() {
    return new OwnerId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(OwnerId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
