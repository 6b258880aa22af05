package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;

/**
 * One recommended asset and why.
 *
 * @param asset the asset
 * @param basis which leads the evidence came from
 * @param consumers leads of that basis that consumed the asset
 * @param convertedAfter of those, how many reached the goal stage after consuming it
 * @param consumed true if the lead has consumed it already (only recommended when everything
 *     has been consumed)
 * @param fits true if the asset is written for the lead's stage and persona
 */
public record Recommendation(ContentAsset asset, Basis basis, long consumers,
    long convertedAfter, boolean consumed, boolean fits) {
  /** Where the ranking evidence came from, most specific first. */
  public enum Basis {
    /** Leads with the same role and industry. */
    PERSONA,
    /** Leads with the same role. */
    ROLE,
    /** Leads in the same industry. */
    INDUSTRY,
    /** All leads. */
    ALL_LEADS,
    /** No conversion history: catalogue order. */
    NO_HISTORY
  }

  /** Validates the recommendation. */
  public Recommendation {
    if (asset == null || basis == null || consumers < 0 || convertedAfter < 0
        || convertedAfter > consumers) {
      throw new InvalidValueException("bad recommendation for " + asset);
    }
  }
}
