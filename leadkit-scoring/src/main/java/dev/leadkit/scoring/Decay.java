package dev.leadkit.scoring;

import java.time.Duration;

/**
 * How positive behaviour points fade with time (R4.5). Decay is computed lazily from the stored
 * value and the time it was computed; no job touches every lead. Fit points and negative points
 * do not decay, so decay never raises a score.
 *
 * <p>Decay moves in steps aligned to the epoch (by default whole UTC days): points earned within
 * one step count in full until the step ends, so a burst of activity in one afternoon adds up to
 * exactly its points (seed 001's 20 points hand the lead over), and a lead's score changes at
 * most once a step without activity. {@code every(Duration.ofMillis(1))} gives continuous decay.
 * Steps compose: decaying from {@code a} to {@code b} and then to {@code c} equals decaying from
 * {@code a} to {@code c}, which is what makes incremental scoring equal a replay.
 */
public sealed interface Decay {
  /** The default step: one UTC day. */
  Duration DAY = Duration.ofDays(1);

  /** No decay. */
  static Decay none() {
    return new None();
  }

  /**
   * Exponential decay in daily steps: after {@code n} whole days points count {@code
   * 2^(-n days / halfLife)}.
   */
  static Exponential halfLife(Duration halfLife) {
    return new Exponential(halfLife, DAY);
  }

  /**
   * Linear decay in daily steps: the positive points lose {@code points} per {@code period}
   * (pro rata per step), never going below zero.
   */
  static Linear linear(double points, Duration period) {
    return new Linear(points, period, DAY);
  }

  /** The step in which decay moves; {@link Duration#ZERO} without decay. */
  Duration step();

  /** No decay. */
  record None() implements Decay {
    @Override
    public Duration step() {
      return Duration.ZERO;
    }
  }

  /**
   * Exponential decay.
   *
   * @param halfLife the time after which points count half, at least one second
   * @param step the step, from 1 ms to 365 days
   */
  record Exponential(Duration halfLife, Duration step) implements Decay {
    /** Validates. */
    public Exponential {
      if (halfLife == null || halfLife.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ScoringModelException("half-life must be at least one second: " + halfLife);
      }
      checkStep(step);
    }

    /** A copy moving in steps of {@code value} (1 ms = continuous). */
    public Exponential every(Duration value) {
      return new Exponential(halfLife, value);
    }
  }

  /**
   * Linear decay.
   *
   * @param points points lost per period, positive and finite
   * @param period the period, at least one second
   * @param step the step, from 1 ms to 365 days
   */
  record Linear(double points, Duration period, Duration step) implements Decay {
    /** Validates. */
    public Linear {
      if (!(points > 0) || !Double.isFinite(points)) {
        throw new ScoringModelException("linear decay points must be positive: " + points);
      }
      if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ScoringModelException("linear decay period must be at least one second: "
            + period);
      }
      checkStep(step);
    }

    /** A copy moving in steps of {@code value} (1 ms = continuous). */
    public Linear every(Duration value) {
      return new Linear(points, period, value);
    }
  }

  private static void checkStep(Duration step) {
    if (step == null || step.compareTo(Duration.ofMillis(1)) < 0
        || step.compareTo(Duration.ofDays(365)) > 0) {
      throw new ScoringModelException("decay step must be from 1 ms to 365 days: " + step);
    }
  }
}
