package dev.leadkit.core;

/**
 * One step of the decision pipeline: given one lead's state and the input being decided, it
 * changes the state and emits events. The engine runs the installed deciders in a fixed order
 * (identity, scoring, segments, journeys, others; see {@link Hooks.Phase}) over one in-memory
 * copy of the state, each seeing what the ones before it changed, and then commits everything
 * once.
 *
 * <p>A decider must not call the engine back to change a lead, must not write a port, and must
 * read time only through {@link LeadState#now()}. What it reads beyond the lead comes from
 * {@link LeadState#part}, loaded at most once per input; what it writes goes into the state, and
 * is written by the engine in the input's single commit.
 */
@FunctionalInterface
public interface Decider {
  /**
   * Decides {@link LeadState#input()} for {@link LeadState#lead()}.
   *
   * @param state the lead's state for this input; changes go into it
   */
  void decide(LeadState state);
}
