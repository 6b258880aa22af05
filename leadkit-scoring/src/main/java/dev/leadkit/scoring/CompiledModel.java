package dev.leadkit.scoring;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.PredicateDependencies;
import dev.leadkit.core.touch.Touchpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ScoringModel} compiled for speed: behaviour rules indexed by touchpoint type, caps
 * and decay as primitive arrays, fit predicates compiled once. Immutable and thread-safe; the
 * {@link ScoreState}s it works on are not.
 *
 * <p>The lean path, without engine or store (the P1 benchmark measures {@link #score}, the same
 * step with thresholds):
 *
 * <pre>{@code
 * CompiledModel m = model.compile();
 * ScoreState s = m.newState(leadId);
 * for (Touchpoint t : touchpoints) {
 *   m.apply(s, t);               // allocates nothing
 * }
 * double now = m.valueAt(s, clock.instant());
 * }</pre>
 */
public interface CompiledModel {
  /** Receives threshold crossings from {@link #score} and {@link #check}. */
  @FunctionalInterface
  interface CrossingListener {
    /**
     * A threshold was crossed.
     *
     * @param index the threshold's index in {@link ScoringModel#thresholds()}
     * @param threshold the threshold
     * @param up true for upward (hand-off), false for downward
     * @param value the score at the crossing
     * @param atMillis when, in epoch millis
     */
    void crossed(int index, Threshold threshold, boolean up, double value, long atMillis);
  }

  /** A listener that ignores crossings. */
  CrossingListener IGNORE = (i, t, up, v, at) -> { };

  /** The model this was compiled from. */
  ScoringModel model();

  /** A fresh, empty state for {@code lead}. */
  ScoreState newState(LeadId lead);

  /** True if {@code state} was computed by this model's name and version. */
  boolean accepts(ScoreState state);

  /**
   * The hot path: decays the state to the touchpoint's time (if later), then adds the points of
   * every behaviour rule that matches, within its caps. Only rules that can match the
   * touchpoint's type are looked at. Allocates nothing. Thresholds are not looked at; see
   * {@link #score}. A touchpoint older than the state's time gets its points decayed by its age.
   *
   * @return the points given (before decay)
   */
  double apply(ScoreState state, Touchpoint touchpoint);

  /**
   * One full step: notices a downward crossing that decay caused before the touchpoint, applies
   * it, reports crossings and schedules the next decay check ({@link ScoreState#nextCheck()}).
   *
   * @return the points given
   */
  double score(ScoreState state, Touchpoint touchpoint, CrossingListener listener);

  /**
   * Re-examines thresholds at {@code at} (decay may have taken the score down) and schedules
   * the next check. Changes no points.
   */
  void check(ScoreState state, Instant at, CrossingListener listener);

  /**
   * Sets the fit points and re-examines thresholds at {@code at}.
   */
  void setFit(ScoreState state, double fitPoints, Instant at, CrossingListener listener);

  /** The score at {@code at}: fit + negative + decayed positive points. */
  double valueAt(ScoreState state, Instant at);

  /** The score at {@code atMillis}; see {@link #valueAt(ScoreState, Instant)}. */
  double valueAt(ScoreState state, long atMillis);

  /** The band of {@code value}, if the model has bands. */
  Optional<String> band(double value);

  /** The fit points the lead in {@code input} earns now (0 without fit rules). */
  double fitPoints(EvaluationInput input);

  /** What the fit rules read; empty dependencies without fit rules. */
  PredicateDependencies fitDependencies();

  /**
   * Scores a whole history from scratch in order (time, then id), as the engine does on a model
   * change: fit points first, then every touchpoint, then a check at {@code now}.
   */
  ScoreState replay(LeadId lead, double fitPoints, List<Touchpoint> history, Instant now);

  /**
   * Why the state built from {@code history} has its value at {@code now}: every rule
   * contribution with its time and decay.
   */
  ScoreExplanation explain(EvaluationInput input, List<Touchpoint> history);
}
