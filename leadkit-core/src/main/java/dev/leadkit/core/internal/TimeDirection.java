package dev.leadkit.core.internal;

import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.Predicate.AttributeTest;
import dev.leadkit.core.predicate.Predicate.Operand;
import java.util.List;

/**
 * How a predicate's result can change with time alone, for a fixed lead and touchpoint history.
 *
 * <p>Used by full segment evaluation: when time can only take leads out of a segment
 * ({@link #LEAVES}), a lead that does not match now cannot enter before its data changes, so
 * only current and former members need a time-based re-check schedule, and the matching set can
 * come from a set-based query instead of a lead-by-lead scan.
 *
 * <p>The analysis is conservative: {@link #BOTH} means "could go either way", not "does".
 */
public enum TimeDirection {
  /** Time alone never changes the result. */
  NONE,
  /** Time alone can turn true into false, never false into true. */
  LEAVES,
  /** Time alone can turn false into true, never true into false. */
  ENTERS,
  /** Time alone may change the result either way. */
  BOTH;

  /** The direction of {@code p}. */
  public static TimeDirection of(Predicate p) {
    if (p instanceof Predicate.And a) {
      return combine(a.operands());
    }
    if (p instanceof Predicate.Or o) {
      return combine(o.operands());
    }
    if (p instanceof Predicate.Not n) {
      return of(n.operand()).negated();
    }
    if (p instanceof Predicate.Attribute a) {
      return readsToday(a.test()) ? BOTH : NONE;
    }
    if (p instanceof Predicate.TouchCount c) {
      if (!(c.window() instanceof Predicate.Window.Last)) {
        return NONE;
      }
      // touchpoints only leave a sliding window (later ones count as soon as they are stored),
      // so the count only falls: "at least min" can only stop holding; an upper bound can start
      // holding as well
      return c.max().isPresent() ? BOTH : LEAVES;
    }
    if (p instanceof Predicate.LastTouch l) {
      return l.recency() == Predicate.Recency.WITHIN ? LEAVES : ENTERS;
    }
    return NONE;
  }

  private TimeDirection negated() {
    return switch (this) {
      case LEAVES -> ENTERS;
      case ENTERS -> LEAVES;
      default -> this;
    };
  }

  private TimeDirection with(TimeDirection other) {
    if (this == other || other == NONE) {
      return this;
    }
    return this == NONE ? other : BOTH;
  }

  private static TimeDirection combine(List<Predicate> operands) {
    TimeDirection d = NONE;
    for (Predicate p : operands) {
      d = d.with(of(p));
      if (d == BOTH) {
        return BOTH;
      }
    }
    return d;
  }

  private static boolean readsToday(AttributeTest t) {
    if (t instanceof AttributeTest.Equals e) {
      return isToday(e.operand());
    }
    if (t instanceof AttributeTest.NotEquals n) {
      return isToday(n.operand());
    }
    if (t instanceof AttributeTest.Compare c) {
      return isToday(c.operand());
    }
    if (t instanceof AttributeTest.Between b) {
      return isToday(b.low()) || isToday(b.high());
    }
    return false;
  }

  private static boolean isToday(Operand o) {
    return o instanceof Operand.Today;
  }
}
