package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Two leads that may be the same person.
 *
 * @param first the lead with the lower id
 * @param second the lead with the higher id
 * @param reasons which signals matched: {@code same_phone}, {@code same_name_and_company},
 *     {@code merged_address} (the address of a lead that was merged into the other)
 */
public record DuplicateCandidate(LeadId first, LeadId second, SortedSet<String> reasons) {
  /** Validates, orders the pair and copies. */
  public DuplicateCandidate {
    if (first == null || second == null || reasons == null || reasons.isEmpty()) {
      throw new InvalidValueException("duplicate candidate needs two leads and a reason");
    }
    if (first.compareTo(second) >= 0) {
      throw new InvalidValueException("duplicate candidate must be ordered: " + first + ", "
          + second);
    }
    reasons = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(reasons));
  }

  static DuplicateCandidate of(LeadId a, LeadId b, Set<String> reasons) {
    return a.compareTo(b) < 0 ? new DuplicateCandidate(a, b, new TreeSet<>(reasons))
        : new DuplicateCandidate(b, a, new TreeSet<>(reasons));
  }
}
