package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;

/**
 * A predicate tree would be deeper than {@link Predicate#MAX_DEPTH} levels. Thrown when such a
 * tree is built through the fluent API or the record constructors; the text and JSON readers
 * report the same limit as their own typed errors ({@link PredicateParseException} and {@code
 * PredicateJsonException}).
 */
public class PredicateTooDeepException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /** The depth the refused tree would have had. */
  private final int depth;

  /**
   * Creates the exception.
   *
   * @param node the kind of node being built ({@code and}, {@code or} or {@code not})
   * @param depth the depth the refused tree would have had
   */
  public PredicateTooDeepException(String node, int depth) {
    super(node + " would make a predicate " + depth + " levels deep; at most "
        + Predicate.MAX_DEPTH + " levels are allowed");
    this.depth = depth;
  }

  /**
   * The depth the refused tree would have had.
   *
   * @return more than {@link Predicate#MAX_DEPTH}
   */
  public int depth() {
    return depth;
  }
}
