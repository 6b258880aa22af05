package dev.leadkit.core;

import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Watches the decision pipeline, for metrics and tracing: each input decided for a lead, each
 * {@link Decider} that ran on it (with its phase and plugin), and each due timer that fired.
 * Set one with {@link LeadKit.Builder#observer}; an engine without an observer reads no clock and
 * allocates nothing for it.
 *
 * <p>The engine calls an observer on the thread that decides, so a scope's calls happen on one
 * thread, in order: {@link #inputStarted}, then {@link InputScope#decided} once per decider run,
 * then {@link InputScope#finished}. Inputs nest when a decision touches another lead (a merge,
 * say): the inner input starts and finishes inside the outer one. An observer must be
 * thread-safe (several threads decide at once) and fast. What it throws is logged and ignored:
 * an observer never fails an input.
 *
 * <p>The scope covers the deciders and the writes of the input's state; when the input is part
 * of a larger unit of work, the database commit comes after {@link InputScope#finished}.
 */
public interface DecisionObserver {
  /**
   * An input starts being decided for {@code lead}.
   *
   * @param lead the lead
   * @param input the input
   * @return the scope that hears the rest of this input
   */
  InputScope inputStarted(LeadId lead, Input input);

  /**
   * A due timer was fired (a journey wait ended, a decay came due, ...), after its unit of work
   * committed. The lag is {@code fired - due}.
   *
   * @param kind who owns the timer, for example {@code "journey"} or {@code "scoring.decay"}
   * @param due when it was due
   * @param fired when it was fired
   */
  default void timerFired(String kind, Instant due, Instant fired) {}

  /**
   * One observer that tells each of {@code observers}, in order (for example metrics and
   * tracing).
   *
   * @param observers the observers
   * @return {@code observers}' only element, or one that calls them all
   * @throws dev.leadkit.core.InvalidValueException if {@code observers} is empty, or is or holds
   *     null
   */
  static DecisionObserver all(java.util.List<DecisionObserver> observers) {
    dev.leadkit.core.internal.Args.notNull(observers, "observers");
    for (DecisionObserver o : observers) {
      dev.leadkit.core.internal.Args.notNull(o, "observers[]");
    }
    if (observers.isEmpty()) {
      throw new InvalidValueException("observers must not be empty");
    }
    java.util.List<DecisionObserver> list = java.util.List.copyOf(observers);
    if (list.size() == 1) {
      return list.get(0);
    }
    return new DecisionObserver() {
      @Override
      public InputScope inputStarted(LeadId lead, Input input) {
        java.util.List<InputScope> scopes = new java.util.ArrayList<>(list.size());
        for (DecisionObserver o : list) {
          scopes.add(o.inputStarted(lead, input));
        }
        return new InputScope() {
          @Override
          public void decided(Hooks.Phase phase, String plugin, Outcome outcome, long nanos) {
            for (InputScope s : scopes) {
              s.decided(phase, plugin, outcome, nanos);
            }
          }

          @Override
          public void finished(Outcome outcome, @Nullable Throwable failure) {
            // the reverse order of starting: scopes nest
            for (int i = scopes.size() - 1; i >= 0; i--) {
              scopes.get(i).finished(outcome, failure);
            }
          }
        };
      }

      @Override
      public void timerFired(String kind, Instant due, Instant fired) {
        for (DecisionObserver o : list) {
          o.timerFired(kind, due, fired);
        }
      }
    };
  }

  /** What an observer hears about one input. */
  interface InputScope {
    /**
     * A decider ran on this input.
     *
     * @param phase the decider's phase
     * @param plugin the name of the plugin that registered it
     * @param outcome {@link Outcome#CHANGED} if it changed the lead, a state part or emitted an
     *     event, {@link Outcome#UNCHANGED} if not, {@link Outcome#FAILED} if it threw
     * @param nanos how long it ran
     */
    default void decided(Hooks.Phase phase, String plugin, Outcome outcome, long nanos) {}

    /**
     * The input is decided and its state written, or it failed (nothing of it is committed then).
     *
     * @param outcome whether it changed anything, or failed
     * @param failure what it failed with, if it failed
     */
    void finished(Outcome outcome, @Nullable Throwable failure);
  }

  /** What an input or a decider came to. */
  enum Outcome {
    /** It changed the lead, a state part, or emitted an event. */
    CHANGED,
    /** It changed nothing. */
    UNCHANGED,
    /** It threw. */
    FAILED;

    /**
     * The outcome as a lower-case tag value.
     *
     * @return {@code "changed"}, {@code "unchanged"} or {@code "failed"}
     */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
