package dev.leadkit.core.touch;

import dev.leadkit.core.InvalidValueException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of a touchpoint property. An open set with constants for the common ones.
 *
 * @param name lower snake case
 */
public record PropertyKey(String name) implements Comparable<PropertyKey> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The page or link URL (path or absolute URL). */
  public static final PropertyKey URL = new PropertyKey("url");
  /** The referring URL. */
  public static final PropertyKey REFERRER = new PropertyKey("referrer");
  /** The campaign. */
  public static final PropertyKey CAMPAIGN = new PropertyKey("campaign");
  /** The asset (document, video). */
  public static final PropertyKey ASSET = new PropertyKey("asset");
  /** The form. */
  public static final PropertyKey FORM = new PropertyKey("form");
  /** The event, seminar or exhibition. */
  public static final PropertyKey EVENT = new PropertyKey("event");
  /** The message key of the mail this touchpoint relates to. */
  public static final PropertyKey MESSAGE_KEY = new PropertyKey("message_key");
  /** The template of the mail. */
  public static final PropertyKey TEMPLATE = new PropertyKey("template");
  /** The journey that caused it. */
  public static final PropertyKey JOURNEY = new PropertyKey("journey");
  /** The journey step that caused it (with {@link #JOURNEY}). */
  public static final PropertyKey STEP = new PropertyKey("step");
  /** Why something happened, e.g. why a lead left a journey ({@code journey_exited}). */
  public static final PropertyKey REASON = new PropertyKey("reason");
  /** A monetary amount as a plain decimal. */
  public static final PropertyKey AMOUNT = new PropertyKey("amount");
  /** Time spent on the page, asset or video, in seconds (a plain decimal, e.g. {@code 75}). */
  public static final PropertyKey SECONDS = new PropertyKey("seconds");
  /** Free-text note (call notes). */
  public static final PropertyKey NOTE = new PropertyKey("note");
  /**
   * The sales rep ({@link dev.leadkit.core.lead.OwnerId} value) who acted, e.g. who sent a
   * {@code sales_email}; journeys' sales collision rule can count only the lead owner's mail.
   */
  public static final PropertyKey OWNER = new PropertyKey("owner");

  /**
   * An e-mail address given with the touchpoint, e.g. typed into a form. The identity plugin
   * ties the visitor to the lead with that address and removes the property before the
   * touchpoint is stored.
   */
  public static final PropertyKey EMAIL = new PropertyKey("email");
  /**
   * A tagged-link token taken from a landing URL. The identity plugin verifies it, ties the
   * visitor to the lead it names and removes the property before the touchpoint is stored.
   */
  public static final PropertyKey LINK_TOKEN = new PropertyKey("link_token");

  /** The keys above, in declaration order. */
  public static final List<PropertyKey> STANDARD = List.of(URL, REFERRER, CAMPAIGN, ASSET, FORM,
      EVENT, MESSAGE_KEY, TEMPLATE, JOURNEY, STEP, REASON, AMOUNT, SECONDS, NOTE, OWNER, EMAIL,
      LINK_TOKEN);

  /** Validates the name. */
  public PropertyKey {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException("invalid touchpoint property key \"" + name + "\"");
    }
  }

  /** The key called {@code name}. */
  public static PropertyKey of(String name) {
    return new PropertyKey(name);
  }

  @Override
  public int compareTo(PropertyKey o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
