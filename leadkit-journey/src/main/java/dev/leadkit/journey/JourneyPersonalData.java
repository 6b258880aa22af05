package dev.leadkit.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.port.EnrolmentStore;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.time.Instant;
import java.util.Map;

/** What the journey engine holds per lead: enrolments and the send log. Not API. */
final class JourneyPersonalData {
  private JourneyPersonalData() {}

  /** Every enrolment of the lead, live or exited. */
  static Hooks.PersonalData enrolments(EnrolmentStore store) {
    return new Hooks.PersonalData() {
      @Override
      public String section() {
        return "enrolments";
      }

      @Override
      public JsonNode export(LeadId lead) {
        ArrayNode out = LeadkitJson.mapper().createArrayNode();
        for (Enrolment e : store.findByLead(lead)) {
          ObjectNode n = out.addObject();
          n.put("id", e.id().value()).put("journey", e.journey().value())
              .put("version", e.version()).put("status", e.status().name())
              .put("source", e.source()).put("enrolledAt", e.enrolledAt().toString())
              .put("updatedAt", e.updatedAt().toString()).put("messages", e.messages())
              .put("tasks", e.tasks());
          e.step().ifPresent(s -> n.put("step", s.value()));
          e.dueAt().ifPresent(t -> n.put("dueAt", t.toString()));
          e.exitReason().ifPresent(r -> n.put("exitReason", r.code()));
          e.exitedAt().ifPresent(t -> n.put("exitedAt", t.toString()));
          ObjectNode state = n.putObject("state");
          e.state().forEach(state::put);
        }
        return out;
      }

      @Override
      public Map<String, Long> erase(LeadId lead) {
        return Map.of("enrolments", (long) store.deleteLead(lead));
      }
    };
  }

  /** Every message recorded for the lead's frequency caps and duplicate checks. */
  static Hooks.PersonalData sends(SendLog log) {
    return new Hooks.PersonalData() {
      @Override
      public String section() {
        return "sends";
      }

      @Override
      public JsonNode export(LeadId lead) {
        ArrayNode out = LeadkitJson.mapper().createArrayNode();
        for (SendRecord r : log.forLead(lead, Instant.EPOCH)) {
          out.addObject().put("key", r.key().value()).put("channel", r.channel().name())
              .put("template", r.template()).put("at", r.at().toString())
              .put("operational", r.operational()).put("journey", r.journey())
              .put("step", r.step());
        }
        return out;
      }

      @Override
      public Map<String, Long> erase(LeadId lead) {
        return Map.of("sends", (long) log.deleteLead(lead));
      }
    };
  }
}
