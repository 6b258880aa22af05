package dev.leadkit.core.measure;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The funnel of the leads created in a period: how many reached each {@link FunnelStage} by the
 * end of the period, in total and per group (source, cohort). A lead counts at every step up to
 * the furthest stage it ever reached (by rank, before {@code asOf}), so counts never grow down
 * the funnel: a lead that went straight to SQL has passed MQL too, and a deal that was lost
 * still passed OPPORTUNITY.
 *
 * <p>The REACH step of {@code total} adds the anonymous visitors active in the period to the
 * new leads. Anonymous visitors belong to no group, so a group's REACH equals its KNOWN.
 *
 * @param period the creation period of the leads counted
 * @param asOf the instant up to which stage history is read (the period's end)
 * @param anonymousVisitors the anonymous visitors added to the total's REACH
 * @param total the steps over all leads
 * @param groups the steps per group, sorted by group label
 */
public record Funnel(ReportPeriod period, Instant asOf, long anonymousVisitors,
    List<FunnelStep> total, Map<String, List<FunnelStep>> groups) {
  /** Validates and copies. */
  public Funnel {
    if (period == null || asOf == null || total == null || groups == null
        || anonymousVisitors < 0) {
      throw new InvalidValueException("funnel fields must not be null");
    }
    total = List.copyOf(total);
    ImmutableSortedMap.Builder<String, List<FunnelStep>> b = ImmutableSortedMap.naturalOrder();
    groups.forEach((k, v) -> b.put(k, List.copyOf(v)));
    groups = b.build();
  }

  /** The total count at {@code stage}. */
  public long count(FunnelStage stage) {
    return total.get(stage.ordinal()).count();
  }

  /** The count at {@code stage} in {@code group}, 0 for an unknown group. */
  public long count(String group, FunnelStage stage) {
    List<FunnelStep> g = groups.get(group);
    return g == null ? 0 : g.get(stage.ordinal()).count();
  }
}
