package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.List;

/**
 * What became of the messages of one group (a journey, a step, a template) sent in a period.
 * Every count counts <em>messages</em> (distinct message keys), not events: a message opened
 * three times is one opened message.
 *
 * <ul>
 *   <li>{@code sent}: {@code email_sent} touchpoints in the period;
 *   <li>{@code bounced}: sent messages with an {@code email_bounced};
 *   <li>{@code opened}: delivered (not bounced) messages with an {@code email_opened} or an
 *       {@code email_clicked} (a click proves the mail was opened);
 *   <li>{@code clicked}: delivered messages with an {@code email_clicked};
 *   <li>{@code unsubscribed}: delivered messages with an {@code email_unsubscribed};
 *   <li>{@code converted}: delivered messages credited with a conversion by the
 *       {@link Attribution} rule.
 * </ul>
 *
 * Outcome events count whenever they happened (also after the period), matched by {@code
 * message_key}.
 *
 * @param group the values of the grouping properties in the order asked; {@code ""} if missing
 * @param sent messages sent
 * @param bounced of those, bounced
 * @param opened of the delivered ones, opened
 * @param clicked of the delivered ones, clicked
 * @param unsubscribed of the delivered ones, unsubscribed through the message
 * @param converted of the delivered ones, credited with a conversion
 */
public record MessageOutcome(List<String> group, long sent, long bounced, long opened,
    long clicked, long unsubscribed, long converted) {
  /** Validates and copies. */
  public MessageOutcome {
    if (group == null) {
      throw new InvalidValueException("message outcome group must not be null");
    }
    group = List.copyOf(group);
    long delivered = sent - bounced;
    if (sent < 0 || bounced < 0 || delivered < 0 || opened < 0 || opened > delivered
        || clicked < 0 || clicked > opened || unsubscribed < 0 || unsubscribed > delivered
        || converted < 0 || converted > delivered) {
      throw new InvalidValueException("inconsistent message outcome counts for " + group
          + ": sent " + sent + ", bounced " + bounced + ", opened " + opened + ", clicked "
          + clicked + ", unsubscribed " + unsubscribed + ", converted " + converted);
    }
  }

  /** Sent minus bounced. */
  public long delivered() {
    return sent - bounced;
  }

  /** The sum of two rows, labelled with {@code group}. */
  public MessageOutcome plus(MessageOutcome o, List<String> group) {
    return new MessageOutcome(group, sent + o.sent, bounced + o.bounced, opened + o.opened,
        clicked + o.clicked, unsubscribed + o.unsubscribed, converted + o.converted);
  }

  /** {@code opened / delivered}. */
  public Rate openRate() {
    return Rate.of(opened, delivered());
  }

  /** {@code clicked / delivered}. */
  public Rate clickRate() {
    return Rate.of(clicked, delivered());
  }

  /** {@code unsubscribed / delivered}. */
  public Rate unsubscribeRate() {
    return Rate.of(unsubscribed, delivered());
  }

  /** {@code bounced / sent}. */
  public Rate bounceRate() {
    return Rate.of(bounced, sent);
  }

  /** {@code converted / delivered}: conversion from mail. */
  public Rate conversionRate() {
    return Rate.of(converted, delivered());
  }

  /** An all-zero row for {@code group}. */
  public static MessageOutcome none(List<String> group) {
    return new MessageOutcome(group, 0, 0, 0, 0, 0, 0);
  }
}
