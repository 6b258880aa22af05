package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.StreamId;
import java.time.Instant;

/**
 * A lead has received (or consumed) every piece of a content stream. It stays in the stream:
 * content published later reaches it.
 *
 * @param stream the stream
 * @param lead the lead
 * @param enrolment the enrolment
 * @param at when
 */
public record StreamExhausted(StreamId stream, LeadId lead, EnrolmentId enrolment, Instant at)
    implements LeadkitEvent {}
