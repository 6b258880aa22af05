package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;

/**
 * A stored tie from an anonymous visitor (cookie or device) to the lead it turned out to be.
 *
 * @param visitor the visitor
 * @param lead the lead it belongs to
 * @param method how the tie was made, e.g. {@code form_email}, {@code tagged_link},
 *     {@code host_assertion}, {@code merge}; lower snake case, at most 32 characters
 * @param at when the tie was made
 */
public record VisitorLink(VisitorId visitor, LeadId lead, String method, Instant at) {
  /** Validates. */
  public VisitorLink {
    if (visitor == null || lead == null || method == null || at == null) {
      throw new InvalidValueException("visitor link fields must not be null (" + visitor + ")");
    }
    if (!method.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new InvalidValueException("visitor link method must be lower snake case: \""
          + method + "\"");
    }
  }

  /** A copy tied to {@code newLead}. */
  public VisitorLink withLead(LeadId newLead) {
    return new VisitorLink(visitor, newLead, method, at);
  }
}
