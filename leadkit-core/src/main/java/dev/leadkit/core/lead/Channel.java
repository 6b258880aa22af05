package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A communication or interaction channel. An open set: the constants cover the usual ones and a
 * host may name its own with {@link #of(String)} (lower-case letters, digits, {@code _ -}).
 * Consent is held per channel, and every touchpoint names the channel it came through.
 *
 * @param name the channel name
 */
public record Channel(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** E-mail. */
  public static final Channel EMAIL = new Channel("email");
  /** The company web site. */
  public static final Channel WEB = new Channel("web");
  /** Telephone. */
  public static final Channel PHONE = new Channel("phone");
  /** Text messages. */
  public static final Channel SMS = new Channel("sms");
  /** Postal mail. */
  public static final Channel POST = new Channel("post");
  /** Exhibitions, seminars and other events. */
  public static final Channel EVENT = new Channel("event");
  /** A sales rep's own activity (calls, visits, personal mail). */
  public static final Channel SALES = new Channel("sales");
  /** The product itself (logins, usage). */
  public static final Channel PRODUCT = new Channel("product");
  /** Offline sources such as business cards and survey sheets. */
  public static final Channel OFFLINE = new Channel("offline");

  /** Validates the name. */
  public Channel {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException("invalid channel name \"" + name + "\"");
    }
  }

  /** The channel called {@code name}. */
  public static Channel of(String name) {
    return new Channel(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
