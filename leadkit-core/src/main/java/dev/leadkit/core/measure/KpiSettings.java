package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Elements;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.Set;

/**
 * What the KPIs count as an inquiry, an appointment, a landing page and a conversion. Immutable;
 * start from {@link #ofDefaults()} and change with the {@code with...} methods.
 *
 * @param inquiry touchpoints that are an inquiry (default: {@code form_submitted} with {@code
 *     form} "inquiry" or "contact")
 * @param appointment touchpoints that are an appointment (default: {@code meeting})
 * @param landingPages which pages are landing pages (default: under {@code /lp/})
 * @param landingPageConversion touchpoint types that count as a landing page conversion (default:
 *     {@code form_submitted})
 * @param landingPageWindow how long after a landing page view a conversion counts (default 1 day)
 * @param attribution how conversions are credited to mail (default {@link
 *     Attribution#defaults()})
 * @param passive types that do not make a lead or visitor active, since leadkit or the mail
 *     system did them (default: {@code email_sent}, {@code email_bounced}, {@code
 *     journey_exited}); must not overlap the inquiry or appointment types
 * @param subscription the channel whose subscribers are counted (default e-mail)
 */
public record KpiSettings(TouchpointFilter inquiry, TouchpointFilter appointment,
    LandingPages landingPages, Set<TouchpointType> landingPageConversion,
    Duration landingPageWindow, Attribution attribution, Set<TouchpointType> passive,
    Channel subscription) {
  private static final KpiSettings DEFAULTS = new KpiSettings(
      TouchpointFilter.ofTypes(TouchpointType.FORM_SUBMITTED)
          .where(PropertyKey.FORM, "inquiry", "contact"),
      TouchpointFilter.ofTypes(TouchpointType.MEETING), LandingPages.under("/lp/"),
      Set.of(TouchpointType.FORM_SUBMITTED), Duration.ofDays(1), Attribution.defaults(),
      Set.of(TouchpointType.EMAIL_SENT, TouchpointType.EMAIL_BOUNCED,
          TouchpointType.JOURNEY_EXITED), Channel.EMAIL);

  /** Validates and copies. */
  public KpiSettings {
    if (inquiry == null || appointment == null || landingPages == null
        || landingPageConversion == null || landingPageWindow == null || attribution == null
        || passive == null || subscription == null) {
      throw new InvalidValueException("KPI settings must not be null");
    }
    if (landingPageConversion.isEmpty() || landingPageWindow.isNegative()) {
      throw new InvalidValueException("landing page conversion needs types and a window >= 0: "
          + landingPageConversion + ", " + landingPageWindow);
    }
    landingPageConversion = Elements.setOf("landing page conversion types", landingPageConversion);
    passive = Elements.setOf("passive types", passive);
    for (TouchpointType t : passive) {
      if (inquiry.types().contains(t) || appointment.types().contains(t)) {
        throw new InvalidValueException("passive type " + t
            + " cannot also be an inquiry or appointment");
      }
    }
  }

  /** The defaults described above. */
  public static KpiSettings ofDefaults() {
    return DEFAULTS;
  }

  /** A copy with another inquiry filter. */
  public KpiSettings withInquiry(TouchpointFilter value) {
    return new KpiSettings(value, appointment, landingPages, landingPageConversion,
        landingPageWindow, attribution, passive, subscription);
  }

  /** A copy with another appointment filter. */
  public KpiSettings withAppointment(TouchpointFilter value) {
    return new KpiSettings(inquiry, value, landingPages, landingPageConversion,
        landingPageWindow, attribution, passive, subscription);
  }

  /** A copy with other landing pages. */
  public KpiSettings withLandingPages(LandingPages value) {
    return new KpiSettings(inquiry, appointment, value, landingPageConversion,
        landingPageWindow, attribution, passive, subscription);
  }

  /** A copy with another landing page conversion window. */
  public KpiSettings withLandingPageWindow(Duration value) {
    return new KpiSettings(inquiry, appointment, landingPages, landingPageConversion, value,
        attribution, passive, subscription);
  }

  /** A copy with another attribution rule. */
  public KpiSettings withAttribution(Attribution value) {
    return new KpiSettings(inquiry, appointment, landingPages, landingPageConversion,
        landingPageWindow, value, passive, subscription);
  }
}
