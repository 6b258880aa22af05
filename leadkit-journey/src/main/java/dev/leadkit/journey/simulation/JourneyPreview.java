package dev.leadkit.journey.simulation;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.journey.JourneyId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A dry run of a journey version against the current population.
 *
 * @param journey the journey
 * @param version its version
 * @param at when it would be published (the end of the replayed period)
 * @param until the end of the horizon
 * @param zone the zone of {@link #toTable()}
 * @param entries who would enter within the horizon, in the order they enter
 */
public record JourneyPreview(JourneyId journey, int version, Instant at, Instant until,
    ZoneId zone, List<Entry> entries) {

  /** Copies the list. */
  public JourneyPreview {
    entries = List.copyOf(entries);
  }

  /**
   * One lead that would enter, and what it would receive.
   *
   * @param lead the lead
   * @param email its address
   * @param enteredAt when it would enter ({@link JourneyPreview#at()} for those entering now)
   * @param messages the messages it would be sent within the horizon, by time
   * @param tasks sales tasks created for it, as {@code step: kind}
   */
  public record Entry(LeadId lead, String email, Instant enteredAt,
      List<SimulationReport.Message> messages, List<String> tasks) {
    /** Copies the lists. */
    public Entry {
      messages = List.copyOf(messages);
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * Leads entering at the publication time itself.
   *
   * @return their number
   */
  public long enteringNow() {
    return entries.stream().filter(e -> e.enteredAt().equals(at)).count();
  }

  /**
   * A plain-text listing: one line per lead, then one indented line per message.
   *
   * @return the text
   */
  public String toTable() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    StringBuilder sb = new StringBuilder();
    sb.append(journey).append(" v").append(version).append(": ").append(entries.size())
        .append(" lead(s) would enter between ").append(f.format(at)).append(" and ")
        .append(f.format(until)).append(" (").append(zone).append(")\n");
    for (Entry e : entries) {
      sb.append("  ").append(e.email()).append(", enters ").append(f.format(e.enteredAt()))
          .append('\n');
      for (SimulationReport.Message m : e.messages()) {
        sb.append("    ").append(f.format(m.notBefore())).append("  ").append(m.step())
            .append(" / ").append(m.template());
        if (!m.deferredBy().isEmpty()) {
          sb.append("  (deferred by ").append(String.join(", ", m.deferredBy())).append(')');
        }
        sb.append('\n');
      }
      for (String t : e.tasks()) {
        sb.append("    task ").append(t).append('\n');
      }
    }
    return sb.toString();
  }
}
