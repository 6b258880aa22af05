package dev.leadkit.core.segment;

import java.time.Duration;

/**
 * What a full evaluation of one segment over all leads did.
 *
 * @param segment the segment
 * @param leadsScanned leads read from the store
 * @param entered leads that entered
 * @param exited leads that left
 * @param members members afterwards
 * @param took wall time taken, by the engine clock
 */
public record EvaluationReport(SegmentId segment, long leadsScanned, long entered, long exited,
    long members, Duration took) {}
