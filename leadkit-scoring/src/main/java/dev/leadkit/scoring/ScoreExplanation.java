package dev.leadkit.scoring;

import dev.leadkit.core.touch.TouchpointId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a lead has its score under one model: fit rules that hold and every behaviour rule
 * contribution with its time, the points given, caps that stopped it, and the decay applied up
 * to {@link #at()}. The score equals {@code fitPoints + negative + positive}.
 *
 * @param model the model name
 * @param version the model version
 * @param at the time the explanation is for
 * @param value the score at {@code at}
 * @param band the band of the score, if the model has bands
 * @param fitPoints fit points
 * @param negative negative behaviour points (not decayed)
 * @param positive positive behaviour points after decay
 * @param fit every fit rule and whether it holds
 * @param contributions every matching (rule, touchpoint) pair in scoring order
 */
public record ScoreExplanation(String model, int version, Instant at, double value,
    Optional<String> band, double fitPoints, double negative, double positive,
    List<FitContribution> fit, List<Contribution> contributions) {

  /** Copies. */
  public ScoreExplanation {
    fit = List.copyOf(fit);
    contributions = List.copyOf(contributions);
  }

  /**
   * One fit rule.
   *
   * @param rule the rule id
   * @param condition the rule's predicate as text
   * @param holds whether it holds
   * @param points the points it gives (0 if it does not hold)
   */
  public record FitContribution(String rule, String condition, boolean holds, double points) {}

  /**
   * One behaviour rule matching one touchpoint.
   *
   * @param rule the rule id
   * @param touchpoint the touchpoint
   * @param touchedAt the touchpoint's time
   * @param given the points given (0 if a cap stopped it; cut if {@code maxPoints} was reached)
   * @param cap the cap that stopped or cut it: "once", "day", "week" or "max", if any
   * @param decayFactor how much of {@code given} is left at {@link #at()} (1 for negative
   *     points and without decay)
   * @param current what is left of it at {@link #at()}
   */
  public record Contribution(String rule, TouchpointId touchpoint, Instant touchedAt,
      double given, Optional<String> cap, double decayFactor, double current) {}

  /** The contributions of one rule. */
  public List<Contribution> of(String rule) {
    return contributions.stream().filter(c -> c.rule().equals(rule)).toList();
  }
}
