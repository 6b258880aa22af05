package dev.leadkit.core.identity;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;

/**
 * A touchpoint from a visitor linked to one lead carried evidence of another (a form with
 * another address, another lead's tagged link). The touchpoint went to the lead the evidence
 * names; the visitor stays linked where it was. To move it, call {@link Identity#reassign}.
 *
 * @param visitor the visitor
 * @param linkedLead the lead the visitor is linked to
 * @param claimedLead the lead the evidence names
 * @param method the kind of evidence
 * @param touchpoint the touchpoint that carried it
 * @param at when
 */
public record IdentityConflict(VisitorId visitor, LeadId linkedLead, LeadId claimedLead,
    StitchMethod method, TouchpointId touchpoint, Instant at) implements LeadkitEvent {}
