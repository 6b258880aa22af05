package dev.leadkit.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.touch.PropertyKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON columns in the core's documented format ({@link LeadkitJson}), so that what a host
 * reads from the tables with its own tools is the same JSON leadkit uses everywhere else.
 */
final class LeadkitJsonCodec implements DocumentCodec {
  @Override
  public String writeAttributes(Attributes attributes) {
    return LeadkitJson.write(LeadkitJson.attributes(attributes));
  }

  @Override
  public Attributes readAttributes(String json) {
    return LeadkitJson.attributes(LeadkitJson.parse(json));
  }

  @Override
  public String writeStageHistory(List<StageChange> history) {
    return LeadkitJson.write(LeadkitJson.stageHistory(history));
  }

  @Override
  public List<StageChange> readStageHistory(String json) {
    return LeadkitJson.stageHistory(LeadkitJson.parse(json));
  }

  @Override
  public String writeConsents(Map<Channel, ConsentRecord> consents) {
    return LeadkitJson.write(LeadkitJson.consents(consents));
  }

  @Override
  public Map<Channel, ConsentRecord> readConsents(String json) {
    return LeadkitJson.consents(LeadkitJson.parse(json));
  }

  @Override
  public String writeScores(Map<String, Score> scores) {
    return LeadkitJson.write(LeadkitJson.scores(scores));
  }

  @Override
  public Map<String, Score> readScores(String json) {
    return LeadkitJson.scores(LeadkitJson.parse(json));
  }

  @Override
  public String writeProperties(Map<PropertyKey, String> properties) {
    return LeadkitJson.write(LeadkitJson.properties(properties));
  }

  @Override
  public Map<PropertyKey, String> readProperties(String json) {
    return LeadkitJson.properties(LeadkitJson.parse(json));
  }

  @Override
  public String writeData(Map<String, String> data) {
    ObjectNode n = LeadkitJson.mapper().createObjectNode();
    data.forEach(n::put);
    return LeadkitJson.write(n);
  }

  @Override
  public Map<String, String> readData(String json) {
    JsonNode n = LeadkitJson.parse(json);
    Map<String, String> out = new TreeMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(),
        LeadkitJson.text(e.getValue(), "template_data." + e.getKey())));
    return out;
  }
}
