package dev.leadkit.journey;

/**
 * An enrolment that is not moving: due work nobody processed, a lease that expired long ago,
 * or a journey version that is not published in this engine.
 *
 * @param enrolment the enrolment
 * @param reason why it is reported
 */
public record StuckEnrolment(Enrolment enrolment, String reason) {}
