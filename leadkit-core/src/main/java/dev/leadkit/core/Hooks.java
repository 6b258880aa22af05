package dev.leadkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.mail.HandOverCheck;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where plugins attach to the engine's flow. See the flow of one touchpoint in the
 * architecture: resolve identity, append, then scoring, segments and journeys, then events out.
 * Registration is only possible during {@link LeadKitPlugin#install}.
 */
public interface Hooks {
  /** The order in which touchpoint handlers run after a touchpoint is stored. */
  enum Phase {
    /** Identity bookkeeping that must see the touchpoint first. */
    IDENTITY,
    /** Scoring rules. */
    SCORING,
    /** Segment membership. */
    SEGMENTS,
    /** Journey wake-ups and triggers. */
    JOURNEYS,
    /** Anything else. */
    OTHER
  }

  /** Rewrites a touchpoint before it is stored, e.g. to attribute a visitor to its lead. */
  @FunctionalInterface
  interface TouchpointResolver {
    /** The touchpoint to store instead of {@code touchpoint} (or the same one). */
    Touchpoint resolve(Touchpoint touchpoint);
  }

  /** Reacts to a newly stored touchpoint. */
  @FunctionalInterface
  interface TouchpointHandler {
    /** Called once per newly stored touchpoint. */
    void onTouchpoint(Touchpoint touchpoint);
  }

  /** Reacts to a stored lead's change. */
  @FunctionalInterface
  interface LeadChangeHandler {
    /** Called after {@code after} was stored; {@code before} is null for a new lead. */
    void onLeadChanged(@Nullable Lead before, Lead after);
  }

  /** Time-driven work, run by {@link LeadKit#runDue()}. */
  @FunctionalInterface
  interface DueWork {
    /** Processes what is due at {@code now}; returns how many items it processed. */
    int runDue(Instant now);

    /**
     * Processes what is due at {@code now} within {@code budget}: work in batches, report each
     * batch with {@link DueBudget#batchDone(int)} and stop when it answers false. The default
     * runs {@link #runDue(Instant)} as one batch.
     */
    default int runDue(Instant now, DueBudget budget) {
      int n = runDue(now);
      budget.batchDone(n);
      return n;
    }
  }

  /** What a run of due work may still do; see {@link LeadKit#runDue(DueLimits)}. */
  interface DueBudget {
    /**
     * Records a finished batch of {@code items}; the engine hands ready outbox messages to the
     * mailer meanwhile, so mail leaves while the due work goes on. Returns whether the work may
     * go on with another batch.
     */
    boolean batchDone(int items);
  }

  /**
   * Per-lead data a plugin keeps in its own ports (enrolments, send log, memberships, lists,
   * score state, ...). The identity plugin's {@code erase} deletes it and its {@code export}
   * includes it, so that erasure and export cover every port without knowing the plugins.
   */
  interface PersonalData {
    /**
     * The name of this part's section in the export, unique among installed plugins, e.g.
     * {@code "enrolments"}.
     *
     * @return a short lower-case name
     */
    String section();

    /**
     * Everything this part holds about {@code lead}, for the lead's data export.
     *
     * @param lead the lead
     * @return a JSON array or object; an empty array if nothing is held
     */
    JsonNode export(LeadId lead);

    /**
     * Deletes everything this part holds about {@code lead}, inside the caller's unit of work.
     * Anonymous aggregates (counters without a lead id) may stay.
     *
     * @param lead the lead
     * @return anonymous counts of what was deleted, e.g. {@code {"enrolments": 2}}
     */
    Map<String, Long> erase(LeadId lead);
  }

  /**
   * Registers per-lead data that erasure must delete and export must include.
   *
   * @param part the plugin's part; its {@link PersonalData#section()} must be unique
   */
  void personalData(PersonalData part);

  /**
   * Adds a send rule that the outbox dispatcher re-checks immediately before every hand-over to
   * the mailer, after consent; checks run in registration order.
   *
   * @param check the rule
   */
  void onHandOver(HandOverCheck check);

  /** Adds a resolver; resolvers run in registration order. */
  void resolveTouchpoints(TouchpointResolver resolver);

  /** Adds a handler to {@code phase}. */
  void onTouchpoint(Phase phase, TouchpointHandler handler);

  /** Adds a lead change handler; handlers run in registration order. */
  void onLeadChange(LeadChangeHandler handler);

  /**
   * Adds a decider to {@code phase} of the decision pipeline. Deciders of one phase run in
   * registration order; phases run in their declared order. See {@link Decider}.
   *
   * @param phase where in the pipeline it runs
   * @param decider the decider
   */
  void decide(Phase phase, Decider decider);

  /**
   * Adds a reaction to events of {@code type} that is part of the decision that publishes them:
   * it runs at once, inside the same unit of work, before the commit; if it throws, the unit of
   * work fails. (Host listeners on {@link LeadKit#events()} hear events after the commit.)
   */
  <E extends LeadkitEvent> void onEvent(Class<E> type, Consumer<? super E> listener);

  /** Adds time-driven work under {@code name}. */
  void onDue(String name, DueWork work);
}
