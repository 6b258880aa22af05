package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.EnrolmentId;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.StepId;
import java.time.Instant;

/**
 * A step finished for one enrolment (waits: when the wait was over).
 *
 * @param enrolment the enrolment
 * @param journey the journey
 * @param version its version
 * @param lead the lead
 * @param step the step
 * @param outcome what it did, e.g. {@code queued}, {@code suppressed}, {@code true},
 *     {@code arm:B}, {@code event}, {@code timeout}
 * @param at when
 */
public record StepExecuted(EnrolmentId enrolment, JourneyId journey, int version, LeadId lead,
    StepId step, String outcome, Instant at) implements LeadkitEvent {}
