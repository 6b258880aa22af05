package dev.leadkit.journey;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One version of a journey definition: a workflow of {@link Step}s with a goal (R6.1), its
 * entry triggers, re-entry policy and exhaustion rule. Immutable data with a stable JSON form
 * ({@code dev.leadkit.journey.json.JourneyJson}). Enrolled leads keep the version they entered;
 * see {@link Journeys#publish}.
 *
 * <pre>{@code
 * Journey welcome = Journey.builder("welcome")
 *     .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)))
 *     .goal(Predicates.stage().atLeast(LifecycleStage.SQL))
 *     .send("welcome-1", "tpl-welcome-1")
 *     .wait("pause-1", Duration.ofDays(3))
 *     .send("welcome-2", "tpl-welcome-2", Sender.OWNER)
 *     .build();
 * }</pre>
 *
 * @param id the journey id
 * @param version the version, 1 or more
 * @param name a display name
 * @param triggers what enrols leads automatically (may be empty: manual and bulk only)
 * @param reEntry whether a lead may enter again
 * @param goal the goal; a lead satisfying it leaves with {@link ExitReason#GOAL}
 * @param exhaustion what happens when the program runs out
 * @param steps the steps; the first is where every enrolment starts
 */
public record Journey(JourneyId id, int version, String name, List<Trigger> triggers,
    ReEntryPolicy reEntry, Optional<Predicate> goal, Optional<Exhaustion> exhaustion,
    List<Step> steps) {

  /** A target meaning "end the journey here", for the builder's step references. */
  public static final String END = "$end";

  /** Validates the whole definition and copies the lists. */
  public Journey {
    Checks.notNull(id, name, triggers, reEntry, goal, exhaustion, steps);
    if (version < 1) {
      throw new InvalidJourneyException("journey " + id + " version must be 1 or more: "
          + version);
    }
    if (name.isBlank() || name.length() > 200) {
      throw new InvalidJourneyException("journey name must have 1 to 200 characters: \""
          + name + "\"");
    }
    triggers = List.copyOf(triggers);
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new InvalidJourneyException("journey " + id + " has no steps");
    }
    Set<StepId> ids = new HashSet<>();
    for (Step s : steps) {
      if (!ids.add(s.id())) {
        throw new InvalidJourneyException("journey " + id + " declares step " + s.id()
            + " twice");
      }
    }
    for (Step s : steps) {
      for (Optional<StepId> n : s.successors()) {
        if (n.isPresent() && !ids.contains(n.get())) {
          throw new InvalidJourneyException("step " + s.id() + " of journey " + id
              + " leads to unknown step " + n.get());
        }
      }
      if (s instanceof Step.MoveTo m && m.journey().equals(id)) {
        throw new InvalidJourneyException("step " + s.id() + " moves journey " + id
            + " into itself");
      }
    }
  }

  /** Starts a definition of journey {@code id}, version 1. */
  public static Builder builder(String id) {
    return new Builder(JourneyId.of(id));
  }

  /** Starts a definition of journey {@code id}, version 1. */
  public static Builder builder(JourneyId id) {
    return new Builder(id);
  }

  /** An arm for {@link Builder#split}; {@code next} may be {@link #END}. */
  public static Step.Arm arm(String name, int weight, String next) {
    return new Step.Arm(name, weight, target(next));
  }

  /** The first step. */
  public Step firstStep() {
    return steps.get(0);
  }

  /** The step with {@code id}. */
  public Optional<Step> step(StepId stepId) {
    for (Step s : steps) {
      if (s.id().equals(stepId)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** A copy under another version number (the same steps), for publishing an edit. */
  public Journey withVersion(int newVersion) {
    return new Journey(id, newVersion, name, triggers, reEntry, goal, exhaustion, steps);
  }

  static Optional<StepId> target(String step) {
    if (step == null) {
      throw new InvalidJourneyException("step reference must not be null (use Journey.END)");
    }
    return END.equals(step) ? Optional.empty() : Optional.of(StepId.of(step));
  }

  /**
   * Builds a {@link Journey}. Steps run in the order added: a linear step (send, waits, set
   * stage, task, alert, list change) continues with the step added after it unless
   * {@link #goTo} or {@link #end} says otherwise. Branching steps name their targets by id
   * ({@link Journey#END} ends the journey). Options may be set once.
   */
  public static final class Builder {
    private final JourneyId id;
    private int version = 1;
    private boolean versionSet;
    private @Nullable String name;
    private final List<Trigger> triggers = new ArrayList<>();
    private @Nullable ReEntryPolicy reEntry;
    private @Nullable Predicate goal;
    private @Nullable Exhaustion exhaustion;
    private final List<Step> steps = new ArrayList<>();
    private final List<Boolean> auto = new ArrayList<>();

    private Builder(JourneyId id) {
      this.id = id;
    }

    private static void once(boolean set, String what, @Nullable Object current) {
      if (set) {
        throw new InvalidJourneyException(what + " was already set to " + current);
      }
    }

    /** The version (default 1). */
    public Builder version(int value) {
      once(versionSet, "version", version);
      if (value < 1) {
        throw new InvalidJourneyException("version must be 1 or more: " + value);
      }
      version = value;
      versionSet = true;
      return this;
    }

    /** The display name (default: the id). */
    public Builder name(String value) {
      once(name != null, "name", name);
      Checks.notNull(value);
      name = value;
      return this;
    }

    /** Adds an entry trigger. */
    public Builder trigger(Trigger value) {
      Checks.notNull(value);
      triggers.add(value);
      return this;
    }

    /** The re-entry policy (default: never). */
    public Builder reEntry(ReEntryPolicy value) {
      once(reEntry != null, "reEntry", reEntry);
      Checks.notNull(value);
      reEntry = value;
      return this;
    }

    /** The goal predicate, checked whenever the lead changes. */
    public Builder goal(Predicate value) {
      once(goal != null, "goal", goal);
      Checks.notNull(value);
      goal = value;
      return this;
    }

    /** The exhaustion rule. */
    public Builder exhaustion(Exhaustion value) {
      once(exhaustion != null, "exhaustion", exhaustion);
      Checks.notNull(value);
      exhaustion = value;
      return this;
    }

    private Builder linear(Step s) {
      steps.add(s);
      auto.add(true);
      return this;
    }

    private Builder fixed(Step s) {
      steps.add(s);
      auto.add(false);
      return this;
    }

    /** Adds any step as given: its successors are not linked automatically. */
    public Builder step(Step value) {
      Checks.notNull(value);
      return fixed(value);
    }

    /** Sends {@code template} by e-mail in the company's name. */
    public Builder send(String stepId, String template) {
      return send(stepId, template, Sender.COMPANY);
    }

    /** Sends {@code template} by e-mail in the name of {@code sender}. */
    public Builder send(String stepId, String template, Sender sender) {
      return send(stepId, template, Channel.EMAIL, sender, false);
    }

    /** Sends {@code template} with every option. */
    public Builder send(String stepId, String template, Channel channel, Sender sender,
        boolean operational) {
      return linear(new Step.Send(StepId.of(stepId), template, channel, sender, operational,
          Optional.empty()));
    }

    /** Waits {@code duration}. */
    public Builder wait(String stepId, Duration duration) {
      return linear(new Step.Wait(StepId.of(stepId), duration, Optional.empty()));
    }

    /** Waits until {@code date}. */
    public Builder waitUntil(String stepId, DateExpression date) {
      return linear(new Step.WaitUntil(StepId.of(stepId), date, Optional.empty()));
    }

    /** Waits for a touchpoint passing {@code filter}, at most {@code timeout}. */
    public Builder waitForEvent(String stepId, TouchpointFilter filter, Duration timeout,
        String onEvent, String onTimeout) {
      return fixed(new Step.WaitForEvent(StepId.of(stepId), filter, timeout, target(onEvent),
          target(onTimeout)));
    }

    /** Branches on {@code condition}. */
    public Builder branch(String stepId, Predicate condition, String ifTrue, String ifFalse) {
      return fixed(new Step.Branch(StepId.of(stepId), condition, target(ifTrue),
          target(ifFalse)));
    }

    /** A weighted, deterministic A/B split; see {@link Journey#arm}. */
    public Builder split(String stepId, Step.Arm... arms) {
      return fixed(new Step.Split(StepId.of(stepId), List.of(arms)));
    }

    /** Moves the lead to {@code stage}. */
    public Builder setStage(String stepId, LifecycleStage stage) {
      return linear(new Step.SetStage(StepId.of(stepId), stage, Optional.empty()));
    }

    /** Creates a sales task due {@code dueIn} after creation. */
    public Builder task(String stepId, String kind, String title, Duration dueIn) {
      return linear(new Step.CreateTask(StepId.of(stepId), kind, title, dueIn,
          Optional.empty()));
    }

    /** Alerts the owner. */
    public Builder notifyOwner(String stepId, String message) {
      return linear(new Step.NotifyOwner(StepId.of(stepId), message, Optional.empty()));
    }

    /** Adds the lead to a static list. */
    public Builder addToList(String stepId, ListId list) {
      return linear(new Step.ChangeList(StepId.of(stepId), list, true, Optional.empty()));
    }

    /** Removes the lead from a static list. */
    public Builder removeFromList(String stepId, ListId list) {
      return linear(new Step.ChangeList(StepId.of(stepId), list, false, Optional.empty()));
    }

    /** Moves the lead to another journey. */
    public Builder moveTo(String stepId, String journey) {
      return fixed(new Step.MoveTo(StepId.of(stepId), JourneyId.of(journey)));
    }

    /** Leaves with {@code reason}. */
    public Builder exit(String stepId, String reason) {
      return fixed(new Step.Exit(StepId.of(stepId), ExitReason.of(reason)));
    }

    /** Sends a content stream. */
    public Builder stream(String stepId, StreamId stream) {
      return fixed(new Step.FromStream(StepId.of(stepId), stream));
    }

    /** The last added linear step continues with {@code stepId} instead of the next one. */
    public Builder goTo(String stepId) {
      return relink(target(stepId));
    }

    /** The last added linear step ends the journey. */
    public Builder end() {
      return relink(Optional.empty());
    }

    private Builder relink(Optional<StepId> next) {
      int last = steps.size() - 1;
      if (last < 0 || !auto.get(last)) {
        throw new InvalidJourneyException("goTo/end follow a linear step (send, wait, "
            + "waitUntil, setStage, task, notifyOwner, list change)");
      }
      steps.set(last, withNext(steps.get(last), next));
      auto.set(last, false);
      return this;
    }

    static Step withNext(Step s, Optional<StepId> n) {
      if (s instanceof Step.Send x) {
        return new Step.Send(x.id(), x.template(), x.channel(), x.sender(), x.operational(), n);
      } else if (s instanceof Step.Wait x) {
        return new Step.Wait(x.id(), x.duration(), n);
      } else if (s instanceof Step.WaitUntil x) {
        return new Step.WaitUntil(x.id(), x.date(), n);
      } else if (s instanceof Step.SetStage x) {
        return new Step.SetStage(x.id(), x.stage(), n);
      } else if (s instanceof Step.CreateTask x) {
        return new Step.CreateTask(x.id(), x.kind(), x.title(), x.dueIn(), n);
      } else if (s instanceof Step.NotifyOwner x) {
        return new Step.NotifyOwner(x.id(), x.message(), n);
      } else if (s instanceof Step.ChangeList x) {
        return new Step.ChangeList(x.id(), x.list(), x.add(), n);
      }
      throw new InvalidJourneyException("step " + s.id() + " is not linear");
    }

    /** The definition; every reference is checked. */
    public Journey build() {
      List<Step> linked = new ArrayList<>(steps);
      for (int i = 0; i < linked.size(); i++) {
        if (auto.get(i) && i + 1 < linked.size()) {
          linked.set(i, withNext(linked.get(i), Optional.of(linked.get(i + 1).id())));
        }
      }
      return new Journey(id, version, name == null ? id.value() : name, triggers,
          reEntry == null ? ReEntryPolicy.never() : reEntry, Optional.ofNullable(goal),
          Optional.ofNullable(exhaustion), linked);
    }
  }
}
