package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Pipeline velocity: how much revenue the pipeline turns out per day,
 *
 * <pre>
 *   perDay = openOpportunities × winRate × averageDealValue ÷ salesCycle (in days)
 * </pre>
 *
 * <ul>
 *   <li>{@code openOpportunities}: leads in stage OPPORTUNITY at the period's end;
 *   <li>{@code winRate}: wins ÷ (wins + losses) closed in the period (as in {@link KpiReport});
 *   <li>{@code averageDealValue}: the mean {@code amount} of the {@code purchase} touchpoints in
 *       the period (one purchase is one deal; touchpoints without a parseable amount are left
 *       out); lead attributes such as {@code budget} are not used, since they are hopes, not
 *       deals;
 *   <li>{@code salesCycle}: the mean time of the OPPORTUNITY to CUSTOMER moves completed in the
 *       period.
 * </ul>
 *
 * {@code perDay} is empty when any input is missing (no closed deals, no purchases, no completed
 * cycle) or the cycle is zero.
 *
 * @param openOpportunities open opportunities at the period's end
 * @param winRate the win rate
 * @param averageDealValue the average deal value
 * @param salesCycle the average sales cycle
 * @param perDay the velocity in currency per day
 */
public record PipelineVelocity(long openOpportunities, Rate winRate,
    Optional<BigDecimal> averageDealValue, Optional<Duration> salesCycle,
    Optional<BigDecimal> perDay) {
  /** Validates the record. */
  public PipelineVelocity {
    if (winRate == null || averageDealValue == null || salesCycle == null || perDay == null
        || openOpportunities < 0) {
      throw new InvalidValueException("pipeline velocity fields must not be null");
    }
  }
}
