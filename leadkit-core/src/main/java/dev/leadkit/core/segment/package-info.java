/**
 * Segments: named predicates over leads with maintained membership. A {@link
 * dev.leadkit.core.segment.SegmentsPlugin} keeps membership current incrementally (touchpoints,
 * lead changes, time windows) and publishes {@link dev.leadkit.core.segment.SegmentEntered} and
 * {@link dev.leadkit.core.segment.SegmentExited}; static lists hold leads a host puts there.
 */
@NullMarked
package dev.leadkit.core.segment;

import org.jspecify.annotations.NullMarked;
