package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;

/**
 * A lead that was merged into another: its id and address now lead to the survivor.
 *
 * @param merged the id of the lead that no longer exists on its own
 * @param mergedEmail the merged lead's address
 * @param survivor the lead it was merged into
 * @param mergeId the id of the merge record that made the alias
 */
public record LeadAlias(LeadId merged, EmailAddress mergedEmail, LeadId survivor,
    String mergeId) {
  /** Validates. */
  public LeadAlias {
    if (merged == null || mergedEmail == null || survivor == null || mergeId == null) {
      throw new InvalidValueException("lead alias fields must not be null (" + merged + ")");
    }
    if (merged.equals(survivor)) {
      throw new InvalidValueException("a lead cannot be an alias of itself: " + merged);
    }
  }
}
