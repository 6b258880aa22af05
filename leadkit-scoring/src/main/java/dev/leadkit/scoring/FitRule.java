package dev.leadkit.scoring;

import dev.leadkit.core.predicate.Predicate;

/**
 * Points while a lead satisfies a predicate from the core language, typically on its profile:
 * title contains "manager", industry in (...), company size &gt;= 300. Fit points do not decay;
 * they are re-evaluated whenever the lead changes.
 *
 * @param id the rule's id, unique in its model
 * @param when the condition
 * @param points the points while it holds, non-zero and finite (negative for students,
 *     competitors)
 */
public record FitRule(String id, Predicate when, double points) {
  /** Validates. */
  public FitRule {
    ScoringModel.checkId(id, "fit rule");
    if (when == null) {
      throw new ScoringModelException("fit rule \"" + id + "\" needs a predicate: when must not be"
          + " null");
    }
    ScoringModel.checkPoints(points, id);
  }
}
