package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.ExitReason;
import java.time.Instant;

/**
 * A lead left a journey.
 *
 * @param enrolment the enrolment as stored, exited
 * @param reason why
 * @param at when
 */
public record EnrolmentExited(Enrolment enrolment, ExitReason reason, Instant at)
    implements LeadkitEvent {}
