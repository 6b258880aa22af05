package dev.leadkit.core.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the segments plugin holds per lead: memberships, scheduled checks and list rows. */
final class SegmentPersonalData {
  private SegmentPersonalData() {}

  /** The segment memberships and their scheduled checks. */
  static Hooks.PersonalData memberships(SegmentMembershipStore store) {
    return new Hooks.PersonalData() {
      @Override
      public String section() {
        return "segments";
      }

      @Override
      public JsonNode export(LeadId lead) {
        ArrayNode out = LeadkitJson.mapper().createArrayNode();
        for (SegmentId s : new TreeSet<>(store.segmentsOf(lead))) {
          ObjectNode m = out.addObject().put("segment", s.value());
          store.memberSince(s, lead).ifPresent(t -> m.put("since", t.toString()));
          store.scheduled(s, lead).ifPresent(t -> m.put("nextCheck", t.toString()));
        }
        return out;
      }

      @Override
      public Map<String, Long> erase(LeadId lead) {
        long n = store.segmentsOf(lead).size();
        store.forgetLead(lead);
        return Map.of("segment_memberships", n);
      }
    };
  }

  /** The static lists the lead is on. */
  static Hooks.PersonalData lists(StaticListStore store) {
    return new Hooks.PersonalData() {
      @Override
      public String section() {
        return "lists";
      }

      @Override
      public JsonNode export(LeadId lead) {
        ArrayNode out = LeadkitJson.mapper().createArrayNode();
        new TreeSet<>(store.listsOf(lead)).forEach(l -> out.add(l.value()));
        return out;
      }

      @Override
      public Map<String, Long> erase(LeadId lead) {
        Set<ListId> lists = store.listsOf(lead);
        Map<String, Long> counts = new TreeMap<>();
        for (ListId l : lists) {
          store.removeAll(l, List.of(lead));
        }
        counts.put("list_memberships", (long) lists.size());
        return counts;
      }
    };
  }
}
