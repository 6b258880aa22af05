package dev.leadkit.core.segment;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;

/**
 * A lead became a member of a segment.
 *
 * @param segment the segment
 * @param lead the lead
 * @param cause what made it enter
 * @param at when: the engine time of the change that caused it, or for {@link
 *     MembershipCause#TIME} the instant the window or date boundary was crossed
 */
public record SegmentEntered(SegmentId segment, LeadId lead, MembershipCause cause, Instant at)
    implements LeadkitEvent {}
