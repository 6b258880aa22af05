package dev.leadkit.journey;

import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;

/**
 * A message a person or the host sends outside any journey, through the same send policies.
 *
 * @param lead the recipient
 * @param template the template
 * @param channel the channel
 * @param sender in whose name
 * @param operational true for operational mail (exempt from caps and timing rules)
 * @param label an idempotency label: the same lead and label give the same message key, so a
 *     retried request sends once
 */
public record ManualMessage(LeadId lead, String template, Channel channel, Sender sender,
    boolean operational, String label) {
  /** Validates. */
  public ManualMessage {
    Checks.notNull(lead, template, channel, sender, label);
    Checks.text(template, "template", lead);
    Names.check("manual message label", label);
  }

  /** A non-operational e-mail in the owner's name. */
  public static ManualMessage fromOwner(LeadId lead, String template, String label) {
    return new ManualMessage(lead, template, Channel.EMAIL, Sender.OWNER, false, label);
  }
}
