package dev.leadkit.core.predicate;

import dev.leadkit.core.port.TouchpointQuery;
import java.time.Instant;
import java.util.Optional;

/**
 * A predicate compiled once into an evaluator: glob patterns, sets and constants are prepared
 * and the tree is turned into a network of small evaluators, so evaluating a lead does no
 * parsing and no dispatch on node types. Immutable and thread-safe.
 */
public interface CompiledPredicate {
  /** The predicate this was compiled from. */
  Predicate source();

  /** True if the lead in {@code input} satisfies the predicate at {@code input.now()}. */
  boolean test(EvaluationInput input);

  /** Why the lead does or does not satisfy it; the root's result equals {@link #test}. */
  Explanation explain(EvaluationInput input);

  /**
   * The earliest instant after {@code input.now()} at which the result may change although
   * nothing about the lead changes: a touchpoint leaving a sliding window, a last touch
   * growing old, today reaching a relative date. Empty if time alone never changes it. May be
   * early (the engine then re-checks and finds no change), never late.
   */
  Optional<Instant> nextChange(EvaluationInput input);

  /** What the predicate reads. */
  PredicateDependencies dependencies();

  /**
   * The touchpoints an evaluation at {@code now} needs, as one query (types and earliest time);
   * empty if it reads none. A {@link TouchpointHistory} may hold only these.
   */
  Optional<TouchpointQuery> historyQuery(Instant now);
}
