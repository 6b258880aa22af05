package dev.leadkit.scoring;

import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.Score;
import java.time.Instant;
import java.util.Optional;

/**
 * A lead's stored score under one model (or the grade) changed.
 *
 * @param lead the lead
 * @param model the model name, or the grade's name
 * @param before the score before, if there was one
 * @param after the score now stored on the lead
 * @param at when, by the engine's clock
 */
public record ScoreChanged(LeadId lead, String model, Optional<Score> before, Score after,
    Instant at) implements LeadkitEvent {

  /** True if the band changed (or appeared). */
  public boolean bandChanged() {
    return !before.map(Score::band).equals(Optional.of(after.band()));
  }
}
