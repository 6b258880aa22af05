package dev.leadkit.core.measure;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The aggregate queries measurement needs, over the lead store (stage history, attributes,
 * consent) and the touchpoint log. A port so that each store can answer in its own way: the
 * in-memory adapter ({@link dev.leadkit.core.memory.InMemory#measurementSource}) scans, a SQL
 * adapter pushes them down to {@code GROUP BY} queries. The report builders in {@link
 * Measurement} combine the answers.
 *
 * <h2>Shared definitions</h2>
 *
 * <ul>
 *   <li>Periods are half-open {@code [from, to)}; a stage change or touchpoint is "in" the
 *       period if its time is.
 *   <li>A lead <em>enters</em> stage S when a stage change has {@code to == S}; a lead is created
 *       in {@code KNOWN} (its creation counts as entering KNOWN).
 *   <li>The stage a lead is in <em>at</em> an instant t is the {@code to} of its last stage
 *       change before t, or KNOWN if it has none; leads created at or after t do not exist yet.
 *   <li>Group values are texts; a missing value is {@code ""}.
 * </ul>
 *
 * <h2>Consistency</h2>
 *
 * Each call is one read; calls are not atomic with each other. Implementations are thread-safe
 * and never change the stores.
 */
public interface MeasurementSource {
  /**
   * For the leads created in {@code createdIn}, grouped by {@code grouping}: how many had each
   * stage as the furthest one (highest {@link LifecycleStage#rank()}, the first reached on a tie)
   * among KNOWN and every stage entered before {@code asOf}. Rows with zero leads are omitted.
   */
  List<StageCount> furthestStages(ReportPeriod createdIn, Instant asOf, LeadGrouping grouping);

  /** How many leads were in each stage at {@code asOf}; stages without leads are omitted. */
  Map<LifecycleStage, Long> stagesAt(Instant asOf);

  /**
   * Distinct leads with a stage change in {@code period} from one of {@code from} (empty: any)
   * to one of {@code to}.
   */
  long leadsMoving(ReportPeriod period, Set<LifecycleStage> from, Set<LifecycleStage> to);

  /**
   * One duration per <em>move</em> from {@code from} to {@code to}: each time a lead entered
   * {@code to} within {@code period} after having entered {@code from} earlier, the time since
   * its latest entry into {@code from} before that. Moves need not be direct (MQL to OPPORTUNITY
   * via SQL counts as a move from MQL to OPPORTUNITY); a lead that never entered {@code from}
   * before entering {@code to} makes no move. Sorted ascending.
   */
  List<Duration> stageMoves(ReportPeriod period, LifecycleStage from, LifecycleStage to);

  /**
   * Created, active and anonymous counts for {@code period}; touchpoints of the {@code passive}
   * types (things leadkit did to the lead, such as {@code email_sent}) do not make a lead or
   * visitor active.
   */
  LeadActivity activity(ReportPeriod period, Set<TouchpointType> passive);

  /**
   * Touchpoints in {@code period} passing {@code filter}, grouped by the values of {@code
   * groupBy} (no grouping: one row with an empty group, or no row if none matched). Rows are
   * sorted by group.
   */
  List<TouchpointCount> touchpointCounts(ReportPeriod period, TouchpointFilter filter,
      List<PropertyKey> groupBy);

  /** The sum of property {@code amount} over touchpoints in {@code period} passing the filter. */
  AmountTotal amounts(ReportPeriod period, TouchpointFilter filter, PropertyKey amount);

  /**
   * What became of the messages sent in {@code sentIn} (see {@link MessageOutcome} for what is
   * counted), grouped by the values of {@code groupBy} on their {@code email_sent} touchpoints,
   * sorted by group. A message is identified by its {@code message_key} property, or by the
   * touchpoint id when it has none (then no outcome can be matched to it).
   */
  List<MessageOutcome> messageOutcomes(ReportPeriod sentIn, List<PropertyKey> groupBy,
      Attribution attribution);

  /**
   * Landing page viewers in {@code period} and how many converted (see {@link PathConversion}).
   */
  PathConversion landingPageConversions(ReportPeriod period, LandingPages pages,
      Set<TouchpointType> conversionTypes, Duration window);

  /** Subscriber numbers on {@code channel} (see {@link SubscriberCounts}). */
  SubscriberCounts subscribers(ReportPeriod period, Channel channel);

  /**
   * For every (persona, asset) pair, over all time: the distinct leads whose {@code personaKeys}
   * values are the persona and who downloaded the asset ({@code asset_downloaded} with an {@code
   * asset} property), and how many of them first entered a stage at least as far as {@code goal}
   * (by crossing into it) after their first download of it. Sorted by persona, then asset.
   */
  List<AssetConversion> assetConversions(List<AttributeKey> personaKeys, LifecycleStage goal);
}
