package dev.leadkit.core.lead;

import java.util.UUID;

/**
 * The identifier of a lead. 1 to 64 characters of letters, digits and {@code - _ . :}.
 *
 * @param value the identifier text
 */
public record LeadId(String value) implements Comparable<LeadId> {
  /** Validates the identifier. */
  public LeadId {
    Ids.check("LeadId", value);
  }

  /** Wraps {@code value}. */
  public static LeadId of(String value) {
    return new LeadId(value);
  }

  /** A new random identifier. */
  public static LeadId random() {
    return new LeadId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(LeadId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
