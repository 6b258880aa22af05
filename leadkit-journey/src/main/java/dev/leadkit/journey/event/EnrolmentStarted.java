package dev.leadkit.journey.event;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.journey.Enrolment;
import java.time.Instant;

/**
 * A lead entered a journey (a scheduled enrolment: when its time came).
 *
 * @param enrolment the enrolment as stored
 * @param at when
 */
public record EnrolmentStarted(Enrolment enrolment, Instant at) implements LeadkitEvent {}
