package dev.leadkit.scoring;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Limits on how often a behaviour rule gives points. Days and weeks are UTC calendar days and
 * ISO weeks (Monday to Sunday, UTC) of the touchpoint's time. Every limit that is set applies.
 *
 * <pre>{@code
 * Caps.none().perDay(3).maxPoints(15)   // at most 3 times a day and 15 points in all
 * Caps.oncePerLead()                    // only the first matching touchpoint counts
 * }</pre>
 *
 * @param once only the first matching touchpoint gives points
 * @param perDay at most this many scoring touchpoints per UTC day
 * @param perWeek at most this many scoring touchpoints per ISO week
 * @param maxPoints at most this many points in all (by absolute value, before decay); the last
 *     award is cut to fit
 */
public record Caps(boolean once, OptionalInt perDay, OptionalInt perWeek,
    OptionalDouble maxPoints) {
  private static final Caps NONE = new Caps(false, OptionalInt.empty(), OptionalInt.empty(),
      OptionalDouble.empty());

  /** Validates. */
  public Caps {
    if (perDay == null || perWeek == null || maxPoints == null) {
      throw new ScoringModelException("caps must not be null");
    }
    if (perDay.isPresent() && perDay.getAsInt() < 1) {
      throw new ScoringModelException("per-day cap must be at least 1: " + perDay.getAsInt());
    }
    if (perWeek.isPresent() && perWeek.getAsInt() < 1) {
      throw new ScoringModelException("per-week cap must be at least 1: " + perWeek.getAsInt());
    }
    if (maxPoints.isPresent() && !(maxPoints.getAsDouble() > 0
        && Double.isFinite(maxPoints.getAsDouble()))) {
      throw new ScoringModelException("max points must be positive and finite: "
          + maxPoints.getAsDouble());
    }
  }

  /** No limit. */
  public static Caps none() {
    return NONE;
  }

  /** Only the first matching touchpoint gives points. */
  public static Caps oncePerLead() {
    return new Caps(true, OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
  }

  /** A copy that also gives points at most {@code n} times per UTC day. */
  public Caps perDay(int n) {
    return new Caps(once, OptionalInt.of(n), perWeek, maxPoints);
  }

  /** A copy that also gives points at most {@code n} times per ISO week. */
  public Caps perWeek(int n) {
    return new Caps(once, perDay, OptionalInt.of(n), maxPoints);
  }

  /** A copy that also gives at most {@code points} points in all. */
  public Caps maxPoints(double points) {
    return new Caps(once, perDay, perWeek, OptionalDouble.of(points));
  }

  /** True if no limit is set. */
  public boolean isNone() {
    return equals(NONE);
  }
}
