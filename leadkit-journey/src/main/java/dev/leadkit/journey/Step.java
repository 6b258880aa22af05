package dev.leadkit.journey;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a journey. Closed set. Steps name their successors by {@link StepId}; an empty
 * successor ends the journey there (the enrolment exits with {@link ExitReason#COMPLETED}, or
 * {@link ExitReason#EXHAUSTED} when the journey has an {@link Exhaustion} rule and the lead
 * never responded).
 *
 * <p>Every step is executed idempotently: a step re-run after a crash decides the same thing
 * (messages keep their {@code MessageKey}, tasks and alerts their key).
 */
public sealed interface Step {
  /** The step's id, unique within its journey. */
  StepId id();

  /** The steps this one may lead to, in declaration order (empty entries mean "end"). */
  List<Optional<StepId>> successors();

  /**
   * Send a message through the outbox, under the send policies.
   *
   * @param id the step id
   * @param template the host's template id
   * @param channel the channel (usually e-mail)
   * @param sender in whose name
   * @param operational true for operational messages, exempt from caps, quiet hours and the
   *     sales collision rule (never from consent)
   * @param next the following step
   */
  record Send(StepId id, String template, Channel channel, Sender sender, boolean operational,
      Optional<StepId> next) implements Step {
    /** Validates. */
    public Send {
      Checks.notNull(id, template, channel, sender, next);
      if (template.isBlank() || template.length() > 200) {
        throw new InvalidJourneyException("template id must have 1 to 200 characters: \""
            + template + "\" (step " + id + ")");
      }
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Wait a fixed duration from entering the step.
   *
   * @param id the step id
   * @param duration positive
   * @param next the following step
   */
  record Wait(StepId id, Duration duration, Optional<StepId> next) implements Step {
    /** Validates. */
    public Wait {
      Checks.notNull(id, duration, next);
      Checks.positive(duration, id);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Wait until a date computed from the lead (e.g. renewal date minus 60 days). A date already
   * past continues at once; a lead without the attribute exits with reason
   * {@code date_missing}.
   *
   * @param id the step id
   * @param date the expression
   * @param next the following step
   */
  record WaitUntil(StepId id, DateExpression date, Optional<StepId> next) implements Step {
    /** Validates. */
    public WaitUntil {
      Checks.notNull(id, date, next);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Wait for a touchpoint passing {@code filter} that happens after the step was entered, or
   * take {@code onTimeout} after {@code timeout}. Works in a journey that was itself entered by
   * a touchpoint: the triggering touchpoint never satisfies the wait.
   *
   * @param id the step id
   * @param filter the awaited touchpoints
   * @param timeout positive
   * @param onEvent where a matching touchpoint leads
   * @param onTimeout where the time-out leads
   */
  record WaitForEvent(StepId id, TouchpointFilter filter, Duration timeout,
      Optional<StepId> onEvent, Optional<StepId> onTimeout) implements Step {
    /** Validates. */
    public WaitForEvent {
      Checks.notNull(id, filter, timeout, onEvent, onTimeout);
      Checks.positive(timeout, id);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(onEvent, onTimeout);
    }
  }

  /**
   * Branch on a predicate of the core DSL (scores, stage, attributes, behaviour, lists).
   *
   * @param id the step id
   * @param condition the predicate
   * @param ifTrue where a lead satisfying it goes
   * @param ifFalse where the others go
   */
  record Branch(StepId id, Predicate condition, Optional<StepId> ifTrue,
      Optional<StepId> ifFalse) implements Step {
    /** Validates. */
    public Branch {
      Checks.notNull(id, condition, ifTrue, ifFalse);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(ifTrue, ifFalse);
    }
  }

  /**
   * One arm of an A/B split.
   *
   * @param name the arm's name, e.g. "A"
   * @param weight positive relative weight
   * @param next where the arm leads
   */
  record Arm(String name, int weight, Optional<StepId> next) {
    /** Validates. */
    public Arm {
      if (name == null || name.isBlank() || name.length() > 64 || next == null) {
        throw new InvalidJourneyException("split arm needs a name of 1 to 64 characters: \""
            + name + "\"");
      }
      if (weight <= 0 || weight > 1_000_000) {
        throw new InvalidJourneyException("split arm weight must be 1..1000000: " + weight);
      }
    }
  }

  /**
   * A weighted A/B split, deterministic per lead: the same lead always takes the same arm of
   * the same step (a hash of journey, step and lead id).
   *
   * @param id the step id
   * @param arms two or more arms with distinct names
   */
  record Split(StepId id, List<Arm> arms) implements Step {
    /** Validates and copies. */
    public Split {
      Checks.notNull(id, arms);
      arms = List.copyOf(arms);
      if (arms.size() < 2 || arms.stream().map(Arm::name).distinct().count() != arms.size()) {
        throw new InvalidJourneyException("split " + id
            + " needs two or more arms with distinct names: " + arms);
      }
    }

    @Override
    public List<Optional<StepId>> successors() {
      List<Optional<StepId>> out = new ArrayList<>();
      arms.forEach(a -> out.add(a.next()));
      return out;
    }
  }

  /**
   * Move the lead to a lifecycle stage (checked against the engine's transition table; an
   * illegal move is logged and skipped).
   *
   * @param id the step id
   * @param stage the stage
   * @param next the following step
   */
  record SetStage(StepId id, LifecycleStage stage, Optional<StepId> next) implements Step {
    /** Validates. */
    public SetStage {
      Checks.notNull(id, stage, next);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Create a sales task (a call, a visit, a follow-up) for the lead's owner, published as
   * {@link dev.leadkit.journey.event.SalesTaskCreated} with a stable task key.
   *
   * @param id the step id
   * @param kind e.g. "call", "visit", "follow_up"
   * @param title a short title for the CRM
   * @param dueIn how long after creation the task is due (zero or more)
   * @param next the following step
   */
  record CreateTask(StepId id, String kind, String title, Duration dueIn,
      Optional<StepId> next) implements Step {
    /** Validates. */
    public CreateTask {
      Checks.notNull(id, kind, title, dueIn, next);
      Checks.text(kind, "task kind", id);
      Checks.text(title, "task title", id);
      if (dueIn.isNegative()) {
        throw new InvalidJourneyException("task due delay must not be negative: " + dueIn);
      }
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Alert the lead's owner, published as {@link dev.leadkit.journey.event.OwnerNotified}.
   *
   * @param id the step id
   * @param message the alert text
   * @param next the following step
   */
  record NotifyOwner(StepId id, String message, Optional<StepId> next) implements Step {
    /** Validates. */
    public NotifyOwner {
      Checks.notNull(id, message, next);
      Checks.text(message, "alert message", id);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Add the lead to, or remove it from, a static list. Applied through the engine's list
   * writer if the host configured one, and always published as
   * {@link dev.leadkit.journey.event.ListChangeRequested}.
   *
   * @param id the step id
   * @param list the list
   * @param add true to add, false to remove
   * @param next the following step
   */
  record ChangeList(StepId id, ListId list, boolean add, Optional<StepId> next) implements Step {
    /** Validates. */
    public ChangeList {
      Checks.notNull(id, list, next);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of(next);
    }
  }

  /**
   * Leave this journey (reason {@code moved}) and enter another one, under its re-entry policy.
   *
   * @param id the step id
   * @param journey the target journey
   */
  record MoveTo(StepId id, JourneyId journey) implements Step {
    /** Validates. */
    public MoveTo {
      Checks.notNull(id, journey);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of();
    }
  }

  /**
   * Leave the journey with a reason.
   *
   * @param id the step id
   * @param reason the reason, lower snake case
   */
  record Exit(StepId id, ExitReason reason) implements Step {
    /** Validates. */
    public Exit {
      Checks.notNull(id, reason);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of();
    }
  }

  /**
   * Send the content stream's pieces on its cadence, skipping what the lead already consumed,
   * until the stream is exhausted; then wait for new content (see {@link ContentStream}).
   *
   * @param id the step id
   * @param stream the stream, published with {@link Journeys#publishStream}
   */
  record FromStream(StepId id, StreamId stream) implements Step {
    /** Validates. */
    public FromStream {
      Checks.notNull(id, stream);
    }

    @Override
    public List<Optional<StepId>> successors() {
      return List.of();
    }
  }
}
