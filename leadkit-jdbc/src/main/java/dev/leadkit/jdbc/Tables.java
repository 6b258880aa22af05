package dev.leadkit.jdbc;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/** The prefixed names of leadkit's tables. */
record Tables(String prefix) {
  /** The default table-name prefix. */
  static final String DEFAULT_PREFIX = "lk_";
  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,29})?");

  Tables {
    checkPrefix(prefix);
  }

  static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new InvalidValueException("table prefix must be empty or match [a-z][a-z0-9_]{0,29}: \""
          + prefix + "\"");
    }
    return prefix;
  }

  String leads() {
    return prefix + "leads";
  }

  String touchpoints() {
    return prefix + "touchpoints";
  }

  String outbox() {
    return prefix + "outbox";
  }

  String visitorLinks() {
    return prefix + "visitor_links";
  }

  String leadAliases() {
    return prefix + "lead_aliases";
  }

  String merges() {
    return prefix + "merges";
  }

  String suppressed() {
    return prefix + "suppressed";
  }

  String anonymousCounts() {
    return prefix + "anonymous_counts";
  }

  String segmentMembers() {
    return prefix + "segment_members";
  }

  String segmentChecks() {
    return prefix + "segment_checks";
  }

  String listMembers() {
    return prefix + "list_members";
  }

  String scoreStates() {
    return prefix + "score_states";
  }

  String leadStageChanges() {
    return prefix + "lead_stage_changes";
  }

  String sendLog() {
    return prefix + "send_log";
  }

  String sendLeadLocks() {
    return prefix + "send_lead_locks";
  }

  String journeyCounters() {
    return prefix + "journey_counters";
  }

  String enrolments() {
    return prefix + "enrolments";
  }

  String timers() {
    return prefix + "timers";
  }

  String leadAttributes() {
    return prefix + "lead_attributes";
  }

  String leadScores() {
    return prefix + "lead_scores";
  }

  String leadConsents() {
    return prefix + "lead_consents";
  }

  String touchpointProperties() {
    return prefix + "touchpoint_properties";
  }

  String offlineCounts() {
    return prefix + "offline_counts";
  }

  String definitions() {
    return prefix + "definitions";
  }

  String schemaHistory() {
    return prefix + "schema_history";
  }
}
