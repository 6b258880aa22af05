package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * How leads are split into groups for a breakdown (a funnel by source, by cohort). Every lead
 * falls in exactly one group, named by {@link #groupOf(Lead)}; a lead without the value falls in
 * the group {@link #MISSING} ({@code ""}).
 */
public sealed interface LeadGrouping {
  /** The group of leads that lack the grouping value. */
  String MISSING = "";

  /** The group {@code lead} belongs to. */
  String groupOf(Lead lead);

  /** One group, {@code "all"}, holding every lead. */
  static LeadGrouping all() {
    return All.INSTANCE;
  }

  /** Groups by the {@code source} attribute. */
  static LeadGrouping bySource() {
    return new ByAttribute(AttributeKey.SOURCE);
  }

  /** Groups by the display text of {@code key}. */
  static LeadGrouping byAttribute(AttributeKey key) {
    return new ByAttribute(key);
  }

  /** Groups by creation month in {@code zone}, labelled like {@code "2026-04"} (cohorts). */
  static LeadGrouping byCreationMonth(ZoneId zone) {
    return new ByCreationMonth(zone);
  }

  /** No split: one group {@code "all"}. */
  enum All implements LeadGrouping {
    /** The only instance. */
    INSTANCE;

    @Override
    public String groupOf(Lead lead) {
      return "all";
    }
  }

  /**
   * Groups by an attribute's display text.
   *
   * @param key the attribute
   */
  record ByAttribute(AttributeKey key) implements LeadGrouping {
    /** Validates the key. */
    public ByAttribute {
      if (key == null) {
        throw new InvalidValueException("grouping attribute must not be null");
      }
    }

    @Override
    public String groupOf(Lead lead) {
      return lead.attributes().text(key).orElse(MISSING);
    }
  }

  /**
   * Groups by the month the lead was created, in a time zone.
   *
   * @param zone the zone that decides where a month starts
   */
  record ByCreationMonth(ZoneId zone) implements LeadGrouping {
    /** Validates the zone. */
    public ByCreationMonth {
      if (zone == null) {
        throw new InvalidValueException("cohort time zone must not be null");
      }
    }

    @Override
    public String groupOf(Lead lead) {
      return YearMonth.from(lead.createdAt().atZone(zone)).toString();
    }
  }
}
