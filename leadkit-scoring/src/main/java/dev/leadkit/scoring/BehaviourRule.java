package dev.leadkit.scoring;

import dev.leadkit.core.predicate.TouchpointFilter;

/**
 * Points for each touchpoint that passes a filter (type plus property filters such as a URL
 * pattern, campaign, asset or event), within the rule's caps. Negative points are penalties
 * (unsubscribe, careers page); they do not decay.
 *
 * @param id the rule's id, unique in its model (explanations and cap counters use it)
 * @param filter which touchpoints count, in the core predicate language
 * @param points points per touchpoint, non-zero and finite
 * @param caps limits on how often it counts
 */
public record BehaviourRule(String id, TouchpointFilter filter, double points, Caps caps) {
  /** Validates. */
  public BehaviourRule {
    ScoringModel.checkId(id, "behaviour rule");
    if (filter == null || caps == null) {
      throw new ScoringModelException("behaviour rule \"" + id + "\" needs a filter and caps");
    }
    ScoringModel.checkPoints(points, id);
  }
}
