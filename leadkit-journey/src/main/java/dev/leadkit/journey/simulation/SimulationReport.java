package dev.leadkit.journey.simulation;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.journey.JourneyId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What one journey version did in a simulated period.
 *
 * @param journey the journey
 * @param version its version
 * @param from the period's start
 * @param to the period's end (exclusive)
 * @param zone the zone days and weeks are counted in
 * @param entries enrolments started in the period
 * @param leadsEntered distinct leads among them
 * @param messages every message the journey queued, in the order decided
 * @param suppressed sends the policies refused, by reason ({@code no_consent},
 *     {@code duplicate_template}, {@code capped})
 * @param exits enrolments that ended, by exit reason code
 * @param tasks sales tasks created, by step
 * @param timesToGoal for each enrolment that reached the goal, the time from enrolment to goal
 * @param inputs recorded inputs replayed (lead creations, touchpoints, stage and consent changes)
 * @param skipped recorded inputs the simulated engine refused (see the log at debug level)
 */
public record SimulationReport(JourneyId journey, int version, Instant from, Instant to,
    ZoneId zone, long entries, long leadsEntered, List<Message> messages,
    Map<String, Long> suppressed, Map<String, Long> exits, Map<String, Long> tasks,
    List<Duration> timesToGoal, long inputs, long skipped) {

  /** Copies the collections; maps are sorted by key. */
  public SimulationReport {
    messages = List.copyOf(messages);
    suppressed = java.util.Collections.unmodifiableMap(new TreeMap<>(suppressed));
    exits = java.util.Collections.unmodifiableMap(new TreeMap<>(exits));
    tasks = java.util.Collections.unmodifiableMap(new TreeMap<>(tasks));
    timesToGoal = List.copyOf(timesToGoal);
  }

  /**
   * Where a simulated message ended.
   */
  public enum Outcome {
    /** Handed to the (counting) mailer. */
    SENT,
    /** Still in the outbox at the end: its time had not come, or it was being retried. */
    PENDING,
    /** Cancelled or dead in the outbox, e.g. no consent at hand-over. */
    NOT_SENT
  }

  /**
   * One message the journey queued.
   *
   * @param key the message key
   * @param lead the lead (its recorded id)
   * @param step the step
   * @param template the template
   * @param decidedAt when the send was decided
   * @param notBefore when it may go: {@code decidedAt} moved by the timing rules
   * @param deferredBy the timing rules that moved it ({@code sales_collision},
   *     {@code quiet_hours}, {@code capped})
   * @param outcome where it ended
   * @param notSentReason the outbox's reason, for {@link Outcome#NOT_SENT}
   */
  public record Message(MessageKey key, LeadId lead, String step, String template,
      Instant decidedAt, Instant notBefore, List<String> deferredBy, Outcome outcome,
      Optional<String> notSentReason) {
    /** Copies the list. */
    public Message {
      deferredBy = List.copyOf(deferredBy);
    }
  }

  /**
   * Messages sent in one day or week, for one step and template.
   *
   * @param period the day, or the Monday starting the week, in the report's zone
   * @param step the step
   * @param template the template
   * @param count how many were sent
   */
  public record SendCount(LocalDate period, String step, String template, long count) {}

  /**
   * Messages handed to the mailer.
   *
   * @return their number
   */
  public long sent() {
    return messages.stream().filter(m -> m.outcome() == Outcome.SENT).count();
  }

  /**
   * Messages still in the outbox at the end of the period.
   *
   * @return their number
   */
  public long pending() {
    return messages.stream().filter(m -> m.outcome() == Outcome.PENDING).count();
  }

  /**
   * Enrolments that reached the goal.
   *
   * @return their number
   */
  public long conversions() {
    return timesToGoal.size();
  }

  /**
   * The median time from enrolment to goal.
   *
   * @return the median (the lower middle for an even count), or empty without conversions
   */
  public Optional<Duration> medianTimeToGoal() {
    if (timesToGoal.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = new ArrayList<>(timesToGoal);
    sorted.sort(Comparator.naturalOrder());
    return Optional.of(sorted.get((sorted.size() - 1) / 2));
  }

  /**
   * Sent messages per day (by the time they could go, {@code notBefore}), step and template.
   *
   * @return rows ordered by day, step and template
   */
  public List<SendCount> sendsByDay() {
    return sends(d -> d);
  }

  /**
   * Sent messages per week (Monday to Sunday), step and template.
   *
   * @return rows ordered by week, step and template
   */
  public List<SendCount> sendsByWeek() {
    return sends(d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  private List<SendCount> sends(Function<LocalDate, LocalDate> bucket) {
    TreeMap<LocalDate, TreeMap<String, TreeMap<String, Long>>> m = new TreeMap<>();
    for (Message msg : messages) {
      if (msg.outcome() == Outcome.SENT) {
        LocalDate d = bucket.apply(LocalDate.ofInstant(msg.notBefore(), zone));
        m.computeIfAbsent(d, x -> new TreeMap<>()).computeIfAbsent(msg.step(),
            x -> new TreeMap<>()).merge(msg.template(), 1L, Long::sum);
      }
    }
    List<SendCount> out = new ArrayList<>();
    m.forEach((d, steps) -> steps.forEach((s, templates) -> templates.forEach(
        (t, n) -> out.add(new SendCount(d, s, t, n)))));
    return List.copyOf(out);
  }

  /**
   * Sent messages per step and template over the whole period.
   *
   * @return counts keyed by {@code step / template}, sorted
   */
  public Map<String, Long> sendsByStep() {
    TreeMap<String, Long> m = new TreeMap<>();
    for (Message msg : messages) {
      if (msg.outcome() == Outcome.SENT) {
        m.merge(msg.step() + " / " + msg.template(), 1L, Long::sum);
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Messages whose time the timing rules moved, by rule; a message moved by two rules counts
   * for both.
   *
   * @return counts by {@code sales_collision}, {@code quiet_hours}, {@code capped}
   */
  public Map<String, Long> deferrals() {
    TreeMap<String, Long> m = new TreeMap<>();
    for (Message msg : messages) {
      msg.deferredBy().forEach(r -> m.merge(r, 1L, Long::sum));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Messages queued but not sent at hand-over, by the outbox's reason.
   *
   * @return counts by reason, e.g. {@code NO_CONSENT}
   */
  public Map<String, Long> notSent() {
    TreeMap<String, Long> m = new TreeMap<>();
    for (Message msg : messages) {
      msg.notSentReason().ifPresent(r -> m.merge(r, 1L, Long::sum));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A plain-text summary: totals, then sends per week by step and template.
   *
   * @return the table
   */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(journey).append(" v").append(version).append(", ").append(from).append(" .. ")
        .append(to).append(" (weeks in ").append(zone).append(")\n");
    for (String[] row : SimulationComparison.metrics(this)) {
      sb.append(String.format("  %-40s %s%n", row[0], row[1]));
    }
    sb.append("  sent per week:\n");
    for (SendCount c : sendsByWeek()) {
      sb.append(String.format("    %s  %-36s %d%n", c.period(), c.step() + " / " + c.template(),
          c.count()));
    }
    return sb.toString();
  }
}
