package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * Landing page conversion counts. A <em>viewer</em> is a subject (a lead, or an anonymous visitor
 * not tied to a lead) with a landing page view in the period; it <em>converted</em> if it has a
 * conversion touchpoint (by default {@code form_submitted}) at or after one of those views and
 * at most the conversion window after it.
 *
 * @param viewers distinct subjects that viewed a landing page
 * @param converted of those, how many converted
 */
public record PathConversion(long viewers, long converted) {
  /** Validates the counts. */
  public PathConversion {
    if (viewers < 0 || converted < 0 || converted > viewers) {
      throw new InvalidValueException("bad landing page counts: " + converted + " of "
          + viewers);
    }
  }

  /** {@code converted / viewers}. */
  public Rate rate() {
    return Rate.of(converted, viewers);
  }
}
