package dev.leadkit.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Calibration} found: conversion by score band and the hand-offs and conversions
 * every candidate threshold would have produced in the period. See {@link Calibration} for the
 * definitions.
 *
 * @param model the model name
 * @param version the model version
 * @param from start of the period
 * @param to end of the period (exclusive)
 * @param leads leads with a touchpoint in the period
 * @param bands conversion by band of the peak score, highest band first
 * @param curve one row per candidate threshold, highest first
 */
public record CalibrationReport(String model, int version, Instant from, Instant to, int leads,
    List<BandRow> bands, List<ThresholdRow> curve) {

  /** Copies. */
  public CalibrationReport {
    bands = List.copyOf(bands);
    curve = List.copyOf(curve);
  }

  /**
   * Leads whose peak score fell in {@code [low, high)}.
   *
   * @param low lowest score of the band
   * @param high first score above the band
   * @param leads leads in the band
   * @param won of them, won deals
   * @param lost of them, lost deals
   * @param conversion converted leads / leads
   */
  public record BandRow(double low, double high, int leads, int won, int lost,
      double conversion) {}

  /**
   * What one threshold would have done in the period.
   *
   * @param threshold the threshold
   * @param handOffs leads it would have handed over
   * @param conversions of them, leads that converted
   * @param won of them, won deals
   * @param precision conversions / hand-offs
   * @param perWeek hand-offs per week
   */
  public record ThresholdRow(double threshold, int handOffs, int conversions, int won,
      double precision, double perWeek) {}

  /** The period's length in weeks. */
  public double weeks() {
    return Duration.between(from, to).toMillis() / (7.0 * 86_400_000L);
  }

  /**
   * The threshold with the best precision among those handing over at least {@code minPerWeek}
   * leads a week; on a tie, the one with more hand-offs. Empty if none hands over that many.
   */
  public Optional<ThresholdRow> suggestForPrecision(double minPerWeek) {
    return curve.stream().filter(r -> r.perWeek() >= minPerWeek && r.handOffs() > 0)
        .max(Comparator.comparingDouble(ThresholdRow::precision)
            .thenComparingInt(ThresholdRow::handOffs));
  }

  /**
   * The threshold that would have produced closest to {@code perWeek} hand-offs a week ("sales
   * can take 50 leads a week"); on a tie, the higher threshold. Empty without candidates.
   */
  public Optional<ThresholdRow> suggestForCapacity(double perWeek) {
    return curve.stream().min(Comparator.comparingDouble(
        (ThresholdRow r) -> Math.abs(r.perWeek() - perWeek))
        .thenComparing(Comparator.comparingDouble(ThresholdRow::threshold).reversed()));
  }

  /** The row of the highest candidate threshold not above {@code threshold}, if any. */
  public Optional<ThresholdRow> at(double threshold) {
    return curve.stream().filter(r -> r.threshold() <= threshold).findFirst();
  }
}
