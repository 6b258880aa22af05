/**
 * Measurement (R8): the funnel, seed 003's KPIs, stage velocity and per journey, step and
 * template performance, computed through the {@link dev.leadkit.core.measure.MeasurementSource}
 * query port and returned as plain records with a JSON form ({@link
 * dev.leadkit.core.measure.MeasurementJson}).
 */
@NullMarked
package dev.leadkit.core.measure;

import org.jspecify.annotations.NullMarked;
