package dev.leadkit.scoring;

import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where per-lead scoring state lives, one {@link ScoreState} per lead and model.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Copies.</b> Returned states are the caller's to change; stored states change only
 *       through {@link #saveAll}.
 *   <li><b>Compare-and-set.</b> A state is saved only if the stored revision equals the state's
 *       {@link ScoreState#revision()} (0 = not stored yet); otherwise {@link
 *       dev.leadkit.core.ConcurrentUpdateException} is thrown and nothing of the batch is
 *       written. The caller re-reads and retries.
 *   <li><b>Atomic batches.</b> {@link #saveAll} writes all states or none.
 *   <li><b>Due index.</b> {@link #due} finds states whose {@link ScoreState#nextCheck()} has
 *       come, earliest first, without reading every state.
 *   <li>Implementations are thread-safe.
 * </ul>
 *
 * <p>The contract test {@code dev.leadkit.scoring.testkit.ScoreStateStoreContract} in the
 * leadkit-scoring test-jar checks these for any adapter.
 */
public interface ScoreStateStore {
  /** A thread-safe store in memory. */
  static ScoreStateStore inMemory() {
    return new InMemoryScoreStateStore();
  }

  /** The lead's state under {@code model}. */
  Optional<ScoreState> find(LeadId lead, String model);

  /** The states under {@code model} of those {@code leads} that have one. */
  Map<LeadId, ScoreState> findAll(Collection<LeadId> leads, String model);

  /**
   * Saves every state under the compare-and-set rule, atomically; returns the stored copies,
   * each with its new revision, in the order given. A batch must not hold two states for the
   * same lead and model.
   */
  List<ScoreState> saveAll(Collection<ScoreState> states);

  /** Saves one state; see {@link #saveAll}. */
  default ScoreState save(ScoreState state) {
    return saveAll(List.of(state)).get(0);
  }

  /**
   * Every state of {@code lead}, one per model, by model name (for the lead's data export).
   *
   * @param lead the lead
   * @return its states, possibly none
   */
  List<ScoreState> findByLead(LeadId lead);

  /** Removes every state of {@code lead} (all models); returns how many were removed. */
  int deleteLead(LeadId lead);

  /**
   * Leads whose state under {@code model} has {@code nextCheck <= now}, earliest check first,
   * at most {@code limit}.
   */
  List<LeadId> due(String model, Instant now, int limit);

  /** Number of stored states (all models). */
  long count();
}
