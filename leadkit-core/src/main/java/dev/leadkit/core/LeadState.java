package dev.leadkit.core;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One lead's state while the engine decides one input for it: the lead, each plugin's
 * {@linkplain StatePart part} (loaded on first use, at most once per input), the input, the
 * decision's time, and the events emitted so far. {@link Decider}s read and change it; the
 * engine commits it once when every decider has run.
 *
 * <p>An input is decided in rounds. The first round sees the input; when a late decider (a
 * journey, say) changes the lead, another round runs with {@link Input.Changed} so that the
 * earlier deciders see that change too. All rounds share the same parts and end in the same
 * single commit.
 *
 * <p>Created by the engine; confined to the thread deciding the input.
 */
public final class LeadState {
  private final Pass pass;
  private final Input input;
  private final @Nullable Lead before;
  private final List<LeadkitEvent> emitted = new ArrayList<>();

  LeadState(Pass pass, @Nullable Lead before, Input input) {
    this.pass = pass;
    this.before = before;
    this.input = input;
  }

  /**
   * The lead being decided.
   *
   * @return its id
   */
  public LeadId id() {
    return pass.id;
  }

  /**
   * What is being decided.
   *
   * @return the input of this round
   */
  public Input input() {
    return input;
  }

  /**
   * The touchpoint being decided, for a {@link Input.Tracked} input.
   *
   * @return the touchpoint, or empty for other inputs
   */
  public Optional<Touchpoint> touchpoint() {
    return input instanceof Input.Tracked t ? Optional.of(t.touchpoint()) : Optional.empty();
  }

  /**
   * The decision's time, read from the engine's clock once per input. Deciders use it instead
   * of a clock of their own.
   *
   * @return the time
   */
  public Instant now() {
    return pass.now;
  }

  /**
   * The lead as it was when this round began: before the host's change for a
   * {@link Input.Changed} input, the stored lead for other inputs.
   *
   * @return the lead, or null when this input creates it
   */
  public @Nullable Lead before() {
    return before;
  }

  /**
   * The lead with every change made so far: the host's and those of earlier deciders.
   *
   * @return the current working copy
   */
  public Lead lead() {
    return pass.current;
  }

  /**
   * Replaces the working copy of the lead. It is written once, when the input commits.
   *
   * @param changed the new copy: the same lead (id and version) with other content
   * @throws InvalidValueException if {@code changed} is another lead or another version
   */
  public void lead(Lead changed) {
    Args.notNull(changed, "changed");
    Lead cur = pass.current;
    if (!changed.id().equals(cur.id()) || changed.version() != cur.version()) {
      throw new InvalidValueException("a decider must return the same lead (" + cur.id()
          + " version " + cur.version() + "), not " + changed.id() + " version "
          + changed.version());
    }
    if (!changed.sameContent(cur)) {
      pass.current = changed;
      pass.changedBy = pass.phase;
      pass.effects++;
    }
  }

  /**
   * Applies {@code change} to the working copy of the lead.
   *
   * @param change a function of the current copy
   * @return the new working copy
   */
  public Lead update(UnaryOperator<Lead> change) {
    Args.notNull(change, "change");
    lead(Args.notNull(change.apply(pass.current), "the changed lead"));
    return pass.current;
  }

  /**
   * Whether the lead differs from {@link #before()} (always true for a lead this input creates).
   *
   * @return true if the lead changed in this round or by the host's change
   */
  public boolean leadChanged() {
    return before == null || !before.sameContent(pass.current);
  }

  /**
   * The lead's share of {@code part}, loaded from the stores on the first call of this input.
   *
   * @param <T> the part's type
   * @param part the part
   * @return the working copy, the same object on every call of this input
   */
  public <T> T part(StatePart<T> part) {
    Args.notNull(part, "part");
    return pass.part(part);
  }

  /**
   * Marks {@code part} as changed: it is committed with the input.
   *
   * @param part a part this input has loaded
   * @throws InvalidValueException if the part was not loaded
   */
  public void changed(StatePart<?> part) {
    Args.notNull(part, "part");
    pass.changed(part);
  }

  /**
   * Every touchpoint of the lead, oldest first, loaded once per input and shared by every
   * decider; it includes the touchpoint being decided.
   *
   * @return the lead's history
   */
  public List<Touchpoint> history() {
    return pass.part(pass.historyPart);
  }

  /**
   * Whether some decider of this input already asked for {@link #history()}.
   *
   * @return true if the history is loaded
   */
  public boolean historyLoaded() {
    return pass.loaded(pass.historyPart);
  }

  /**
   * Emits {@code event}: later deciders of this input see it in {@link #emitted()}, and the
   * host's listeners hear it once the input commits.
   *
   * @param event the event
   */
  public void emit(LeadkitEvent event) {
    Args.notNull(event, "event");
    emitted.add(event);
    pass.effects++;
    pass.sink.accept(event);
  }

  /**
   * The events emitted in this round so far, in order.
   *
   * @return an unmodifiable view
   */
  public List<LeadkitEvent> emitted() {
    return Collections.unmodifiableList(emitted);
  }

  /**
   * A value shared by every input decided in the same unit of work, for example the inputs of
   * one {@code trackAll} batch; it is dropped when the unit ends. Deciders use it to remember
   * work one input already did for the next (a rebuild from history that covered the rest of the
   * batch, say). The key should be private to the decider.
   *
   * @param <T> the value's type
   * @param key the key
   * @param initial makes the value on the first call of the unit
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public <T> T unitLocal(Object key, java.util.function.Supplier<T> initial) {
    Args.notNull(key, "key");
    Args.notNull(initial, "initial");
    return (T) pass.scratch.computeIfAbsent(key, k -> Args.notNull(initial.get(), "initial value"));
  }

  /**
   * The engine's stage transition rules, for deciders that move the lead's stage.
   *
   * @return the rules
   */
  public StageTransitions stageTransitions() {
    return pass.transitions;
  }
}
