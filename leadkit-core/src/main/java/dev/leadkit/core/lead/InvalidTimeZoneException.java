package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;

/**
 * A lead's {@code time_zone} attribute ({@link AttributeKey#TIME_ZONE}) is not a time zone id
 * that {@link java.time.ZoneId#of(String)} knows, such as {@code Asia/Tokyo} or {@code +09:00}.
 * Refused when a lead is upserted, imported or modified, so that quiet hours are never computed
 * in a guessed zone.
 */
public class InvalidTimeZoneException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param value the refused value, as text
   * @param cause why {@code ZoneId} refused it, if it did
   */
  public InvalidTimeZoneException(String value, Throwable cause) {
    super("time_zone must be a time zone id such as \"Asia/Tokyo\" or \"+09:00\", not \""
        + value + "\"", cause);
  }

  /**
   * Creates the exception for a value of the wrong kind.
   *
   * @param value the refused value, as text
   */
  public InvalidTimeZoneException(String value) {
    super("time_zone must be a text naming a time zone such as \"Asia/Tokyo\", not \""
        + value + "\"");
  }
}
