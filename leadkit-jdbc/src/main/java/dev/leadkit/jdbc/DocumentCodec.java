package dev.leadkit.jdbc;

import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.touch.PropertyKey;
import java.util.List;
import java.util.Map;

/**
 * How the adapters turn the structured parts of a row into JSON text and back. One seam, so that
 * the storage format follows the core's JSON codec.
 */
interface DocumentCodec {
  String writeAttributes(Attributes attributes);

  Attributes readAttributes(String json);

  String writeStageHistory(List<StageChange> history);

  List<StageChange> readStageHistory(String json);

  String writeConsents(Map<Channel, ConsentRecord> consents);

  Map<Channel, ConsentRecord> readConsents(String json);

  String writeScores(Map<String, Score> scores);

  Map<String, Score> readScores(String json);

  String writeProperties(Map<PropertyKey, String> properties);

  Map<PropertyKey, String> readProperties(String json);

  String writeData(Map<String, String> data);

  Map<String, String> readData(String json);
}
