package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.touch.TouchpointType;

/**
 * Something a {@link KpiTarget} is set on, measured over one period. Closed set: a figure of the
 * {@link KpiReport} ({@link Kpi}), a funnel step ({@link Step}), a count of touchpoints or of
 * the leads behind them ({@link Count}), an offline figure entered by the host ({@link
 * Offline}), and the ratio of two metrics ({@link Ratio}), which may use an offline figure as
 * its denominator:
 *
 * <pre>{@code
 * Metric cards = Metric.touchpoints("cards", TouchpointFilter.ofTypes(TouchpointType.EVENT_ATTENDED)
 *     .where(PropertyKey.EVENT, "expo-2026"));
 * Metric exchangeRate = Metric.ratio("card_exchange_rate", cards,
 *     Metric.offline("booth_visitors"));
 * }</pre>
 */
public sealed interface Metric {
  /** The metric's name in reports. */
  String name();

  /** True if the metric is a rate (a ratio), false if it is a count. */
  default boolean rate() {
    return false;
  }

  /** The figures of a {@link KpiReport} a target can be set on. */
  enum KpiFigure {
    /** {@link KpiReport#reach()}. */
    REACH(false),
    /** {@link KpiReport#activeLeads()}. */
    ACTIVE_LEADS(false),
    /** {@link KpiReport#newLeads()}. */
    NEW_LEADS(false),
    /** {@link KpiReport#inquiries()}. */
    INQUIRIES(false),
    /** {@link KpiReport#appointments()}. */
    APPOINTMENTS(false),
    /** {@link KpiReport#opportunities()}. */
    OPPORTUNITIES(false),
    /** {@link KpiReport#wins()}. */
    WINS(false),
    /** {@link KpiReport#downloads()}. */
    DOWNLOADS(false),
    /** {@link KpiReport#conversionRate()}. */
    CONVERSION_RATE(true),
    /** {@link KpiReport#inquiryRate()}. */
    INQUIRY_RATE(true),
    /** {@link KpiReport#appointmentRate()}. */
    APPOINTMENT_RATE(true),
    /** {@link KpiReport#opportunityRate()}. */
    OPPORTUNITY_RATE(true),
    /** {@link KpiReport#winRate()}. */
    WIN_RATE(true),
    /** {@link KpiReport#openRate()}. */
    OPEN_RATE(true),
    /** {@link KpiReport#clickRate()}. */
    CLICK_RATE(true);

    private final boolean rate;

    KpiFigure(boolean rate) {
      this.rate = rate;
    }

    /** True for the rates. */
    public boolean rate() {
      return rate;
    }
  }

  /**
   * A figure of the period's {@link KpiReport}.
   *
   * @param figure which figure
   */
  record Kpi(KpiFigure figure) implements Metric {
    /** Validates. */
    public Kpi {
      if (figure == null) {
        throw new InvalidValueException("KPI figure must not be null");
      }
    }

    @Override
    public String name() {
      return figure.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean rate() {
      return figure.rate();
    }
  }

  /**
   * The total count at a step of the funnel of the leads created in the period (see {@link
   * Funnel}).
   *
   * @param stage the step
   */
  record Step(FunnelStage stage) implements Metric {
    /** Validates. */
    public Step {
      if (stage == null) {
        throw new InvalidValueException("funnel step must not be null");
      }
    }

    @Override
    public String name() {
      return "funnel_" + stage.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Touchpoints in the period passing {@code filter}: how many, or how many distinct leads.
   *
   * @param name the name in reports, lower snake case
   * @param filter which touchpoints
   * @param distinctLeads count the distinct leads instead of the touchpoints
   */
  record Count(String name, TouchpointFilter filter, boolean distinctLeads) implements Metric {
    /** Validates. */
    public Count {
      checkName(name);
      if (filter == null) {
        throw new InvalidValueException("metric " + name + " needs a filter");
      }
    }
  }

  /**
   * The sum of the host's {@linkplain OfflineCount offline figures} of {@code name} in the
   * period.
   *
   * @param name the figure's name
   */
  record Offline(String name) implements Metric {
    /** Validates. */
    public Offline {
      checkName(name);
    }
  }

  /**
   * {@code numerator / denominator}, undefined when the denominator is 0. Unlike a {@link Rate}
   * it may exceed 1 (more cards than counted visitors is a counting error the report shows).
   *
   * @param name the name in reports
   * @param numerator what is counted
   * @param denominator what it is out of
   */
  record Ratio(String name, Metric numerator, Metric denominator) implements Metric {
    /** Validates. */
    public Ratio {
      checkName(name);
      if (numerator == null || denominator == null) {
        throw new InvalidValueException("ratio " + name + " needs both metrics");
      }
    }

    @Override
    public boolean rate() {
      return true;
    }
  }

  /** The KPI report's {@code figure}. */
  static Metric kpi(KpiFigure figure) {
    return new Kpi(figure);
  }

  /** The funnel's count at {@code stage}. */
  static Metric step(FunnelStage stage) {
    return new Step(stage);
  }

  /** Touchpoints passing {@code filter}. */
  static Metric touchpoints(String name, TouchpointFilter filter) {
    return new Count(name, filter, false);
  }

  /** Distinct leads with a touchpoint passing {@code filter}. */
  static Metric leads(String name, TouchpointFilter filter) {
    return new Count(name, filter, true);
  }

  /** The host's offline figure {@code name}. */
  static Metric offline(String name) {
    return new Offline(name);
  }

  /** {@code numerator / denominator}. */
  static Metric ratio(String name, Metric numerator, Metric denominator) {
    return new Ratio(name, numerator, denominator);
  }

  /** Replies: {@code email_replied} touchpoints (反応数). */
  static Metric replies() {
    return touchpoints("replies", TouchpointFilter.ofTypes(TouchpointType.EMAIL_REPLIED));
  }

  /**
   * Actions: what leads did in answer to the programmes, as touchpoints: mail clicks and
   * replies, form submissions, downloads, event registrations and attendance, meetings.
   */
  static Metric actions() {
    return touchpoints("actions", TouchpointFilter.ofTypes(TouchpointType.EMAIL_CLICKED,
        TouchpointType.EMAIL_REPLIED, TouchpointType.FORM_SUBMITTED,
        TouchpointType.ASSET_DOWNLOADED, TouchpointType.EVENT_REGISTERED,
        TouchpointType.EVENT_ATTENDED, TouchpointType.MEETING));
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new InvalidValueException("invalid metric name \"" + name
          + "\" (lower snake case, at most 64 characters)");
    }
  }
}
