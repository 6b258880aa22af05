package dev.leadkit.core.touch;

import dev.leadkit.core.InvalidValueException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kind of interaction a touchpoint records. An open set: the constants cover R2.1 and a
 * host may add its own with {@link #of(String)} (lower snake case, dots allowed).
 *
 * @param name the type's name
 */
public record TouchpointType(String name) implements Comparable<TouchpointType> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

  /** A web page was viewed (property {@code url}). */
  public static final TouchpointType PAGE_VIEW = new TouchpointType("page_view");
  /** A marketing mail was sent (properties {@code message_key}, {@code template}). */
  public static final TouchpointType EMAIL_SENT = new TouchpointType("email_sent");
  /** A mail was opened. */
  public static final TouchpointType EMAIL_OPENED = new TouchpointType("email_opened");
  /** A link in a mail was clicked (property {@code url}). */
  public static final TouchpointType EMAIL_CLICKED = new TouchpointType("email_clicked");
  /** The lead replied to a mail (property {@code message_key}, when known). */
  public static final TouchpointType EMAIL_REPLIED = new TouchpointType("email_replied");
  /** A mail bounced. */
  public static final TouchpointType EMAIL_BOUNCED = new TouchpointType("email_bounced");
  /** The lead marked a mail as spam (a complaint through the provider's feedback loop). */
  public static final TouchpointType EMAIL_COMPLAINED = new TouchpointType("email_complained");
  /** The lead unsubscribed through a mail. */
  public static final TouchpointType EMAIL_UNSUBSCRIBED = new TouchpointType("email_unsubscribed");
  /** A form was submitted (property {@code form}). */
  public static final TouchpointType FORM_SUBMITTED = new TouchpointType("form_submitted");
  /** An asset (white paper, brochure) was downloaded (property {@code asset}). */
  public static final TouchpointType ASSET_DOWNLOADED = new TouchpointType("asset_downloaded");
  /** Registered for an event or seminar (property {@code event}). */
  public static final TouchpointType EVENT_REGISTERED = new TouchpointType("event_registered");
  /** Attended an event, seminar or exhibition booth (property {@code event}). */
  public static final TouchpointType EVENT_ATTENDED = new TouchpointType("event_attended");
  /** A sales call was logged. */
  public static final TouchpointType CALL_LOGGED = new TouchpointType("call_logged");
  /** A sales rep sent the lead a personal mail (used to avoid collisions, R6.9). */
  public static final TouchpointType SALES_EMAIL = new TouchpointType("sales_email");
  /** A meeting or visit took place. */
  public static final TouchpointType MEETING = new TouchpointType("meeting");
  /** The lead logged into the product. */
  public static final TouchpointType PRODUCT_LOGIN = new TouchpointType("product_login");
  /** A purchase (property {@code amount}). */
  public static final TouchpointType PURCHASE = new TouchpointType("purchase");
  /** A contract renewal. */
  public static final TouchpointType RENEWAL = new TouchpointType("renewal");
  /** A cart or sign-up was abandoned. */
  public static final TouchpointType CART_ABANDONED = new TouchpointType("cart_abandoned");

  /**
   * A lead left a journey (properties {@code journey}, {@code step}: the step it was at, {@code
   * reason}: e.g. "goal_reached", "unsubscribed", "completed", "exit_rule"). Recorded by the
   * journey engine; measurement counts exits by reason from it. Not in {@link #STANDARD}, which
   * lists interactions of the lead.
   */
  public static final TouchpointType JOURNEY_EXITED = new TouchpointType("journey_exited");

  /**
   * The journey engine sent a message on a channel other than e-mail (properties {@code
   * journey}, {@code step}, {@code template}, {@code message_key}). Recorded by the journey
   * engine; not in {@link #STANDARD}, which lists interactions of the lead.
   */
  public static final TouchpointType MESSAGE_SENT = new TouchpointType("message_sent");

  /** The standard types. */
  public static final List<TouchpointType> STANDARD = List.of(PAGE_VIEW, EMAIL_SENT,
      EMAIL_OPENED, EMAIL_CLICKED, EMAIL_REPLIED, EMAIL_BOUNCED, EMAIL_UNSUBSCRIBED,
      EMAIL_COMPLAINED, FORM_SUBMITTED, ASSET_DOWNLOADED, EVENT_REGISTERED, EVENT_ATTENDED,
      CALL_LOGGED, SALES_EMAIL, MEETING, PRODUCT_LOGIN, PURCHASE, RENEWAL, CART_ABANDONED);

  /** Validates the name. */
  public TouchpointType {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException("invalid touchpoint type \"" + name + "\"");
    }
  }

  /** The type called {@code name}. */
  public static TouchpointType of(String name) {
    return new TouchpointType(name);
  }

  @Override
  public int compareTo(TouchpointType o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
