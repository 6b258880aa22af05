package dev.leadkit.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.scoring.json.ScoringJson;
import java.util.Map;

/** The scoring plugin's per-lead data: one score state per model. */
final class ScorePersonalData implements Hooks.PersonalData {
  private final ScoreStateStore store;

  ScorePersonalData(ScoreStateStore store) {
    this.store = store;
  }

  @Override
  public String section() {
    return "scores";
  }

  @Override
  public JsonNode export(LeadId lead) {
    ArrayNode out = LeadkitJson.mapper().createArrayNode();
    store.findByLead(lead).forEach(s -> out.add(ScoringJson.state(s)));
    return out;
  }

  @Override
  public Map<String, Long> erase(LeadId lead) {
    return Map.of("score_states", (long) store.deleteLead(lead));
  }
}
