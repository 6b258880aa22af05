package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;

/**
 * Seed 003's lead-nurturing KPIs for one period. Definitions, with {@code P} the period:
 *
 * <ul>
 *   <li><b>approach count</b> ({@link #reach()}, アプローチ数): {@code activeLeads +
 *       anonymousVisitors}, the distinct people leadkit had contact with in P;
 *   <li>{@code activeLeads}: leads created in P, or with an inbound (not {@linkplain
 *       KpiSettings#passive() passive}) touchpoint in P, or with a stage change in P;
 *   <li><b>conversion rate</b> (コンバージョン率): {@code newLeads / reach}, the share of contacts
 *       that became known leads in P;
 *   <li><b>inquiry rate</b> (問い合せ獲得率): {@code inquiries / activeLeads}, inquiries = distinct
 *       leads with an {@linkplain KpiSettings#inquiry() inquiry} touchpoint in P;
 *   <li><b>appointment rate</b> (アポ獲得率): {@code appointments / activeLeads}, appointments =
 *       distinct leads with an {@linkplain KpiSettings#appointment() appointment} touchpoint in P;
 *   <li><b>opportunity rate</b> (商談化率): {@code opportunities / activeLeads}, opportunities =
 *       distinct leads that entered OPPORTUNITY in P;
 *   <li><b>win rate</b> (成約率): {@code wins / (wins + losses)}, wins = distinct leads that entered
 *       CUSTOMER in P, losses = distinct leads that moved from SQL or OPPORTUNITY to LOST in P;
 *   <li><b>downloads</b> (資料請求・ダウンロード数): {@code asset_downloaded} touchpoints in P, and
 *       the distinct leads behind them;
 *   <li><b>subscribers</b> (メールマガジンの発行部数): see {@link SubscriberCounts};
 *   <li><b>mail</b> open, click, unsubscribe, bounce and conversion rates: see {@link
 *       MessageOutcome}, over every message sent in P;
 *   <li><b>landing page conversion</b>: see {@link PathConversion}.
 * </ul>
 *
 * Every rate is a {@link Rate}: a zero denominator gives an undefined rate reported as 0 with
 * its counts, never an exception or NaN.
 *
 * @param period the period
 * @param activeLeads active leads
 * @param anonymousVisitors anonymous visitors active in P
 * @param newLeads leads created in P
 * @param inquiries leads with an inquiry
 * @param appointments leads with an appointment
 * @param opportunities leads that entered OPPORTUNITY
 * @param wins leads that entered CUSTOMER
 * @param losses leads whose deal was lost
 * @param downloads asset downloads
 * @param downloaders distinct leads that downloaded
 * @param subscribers subscriber counts
 * @param mail message outcomes over every message sent in P
 * @param landingPages landing page conversion counts
 */
public record KpiReport(ReportPeriod period, long activeLeads, long anonymousVisitors,
    long newLeads, long inquiries, long appointments, long opportunities, long wins,
    long losses, long downloads, long downloaders, SubscriberCounts subscribers,
    MessageOutcome mail, PathConversion landingPages) {
  /** Validates the report. */
  public KpiReport {
    if (period == null || subscribers == null || mail == null || landingPages == null) {
      throw new InvalidValueException("KPI report fields must not be null");
    }
    if (newLeads > activeLeads || inquiries > activeLeads || appointments > activeLeads
        || opportunities > activeLeads || downloaders > downloads || anonymousVisitors < 0
        || wins < 0 || losses < 0 || newLeads < 0 || inquiries < 0 || appointments < 0
        || opportunities < 0 || downloaders < 0) {
      throw new InvalidValueException("inconsistent KPI counts for " + period);
    }
  }

  /** The approach count: active leads plus anonymous visitors. */
  public long reach() {
    return activeLeads + anonymousVisitors;
  }

  /** {@code newLeads / reach}. */
  public Rate conversionRate() {
    return Rate.of(newLeads, reach());
  }

  /** {@code inquiries / activeLeads}. */
  public Rate inquiryRate() {
    return Rate.of(inquiries, activeLeads);
  }

  /** {@code appointments / activeLeads}. */
  public Rate appointmentRate() {
    return Rate.of(appointments, activeLeads);
  }

  /** {@code opportunities / activeLeads}. */
  public Rate opportunityRate() {
    return Rate.of(opportunities, activeLeads);
  }

  /** {@code wins / (wins + losses)}. */
  public Rate winRate() {
    return Rate.of(wins, wins + losses);
  }

  /** Mail opens per delivered message. */
  public Rate openRate() {
    return mail.openRate();
  }

  /** Mail clicks per delivered message. */
  public Rate clickRate() {
    return mail.clickRate();
  }

  /** Unsubscribes per delivered message. */
  public Rate unsubscribeRate() {
    return mail.unsubscribeRate();
  }

  /** Bounces per sent message. */
  public Rate bounceRate() {
    return mail.bounceRate();
  }

  /** Conversion from mail: converted per delivered message. */
  public Rate mailConversionRate() {
    return mail.conversionRate();
  }

  /** Conversion from landing pages: converted viewers per viewer. */
  public Rate landingPageConversionRate() {
    return landingPages.rate();
  }
}
