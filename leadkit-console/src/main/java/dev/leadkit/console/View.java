package dev.leadkit.console;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

/**
 * How a viewer reads a picture: dates and times in {@code zone}, numbers and dates written for
 * {@code locale}, and money in {@code currency}.
 *
 * @param zone the viewer's time zone
 * @param locale the viewer's locale, e.g. {@code ja-JP} or {@code en-US}
 * @param currency the currency of amounts (deal values)
 */
public record View(ZoneId zone, Locale locale, Currency currency) {
  /**
   * Validates.
   *
   * @throws InvalidValueException if a component is null
   */
  public View {
    Args.notNull(zone, "zone");
    Args.notNull(locale, "locale");
    Args.notNull(currency, "currency");
  }

  /**
   * A view with the currency of the locale's country.
   *
   * @param zone the viewer's time zone
   * @param locale a locale with a country, e.g. {@code Locale.JAPAN}
   * @return the view
   * @throws InvalidValueException if an argument is null or the locale names no country with a
   *     currency
   */
  public static View of(ZoneId zone, Locale locale) {
    Args.notNull(zone, "zone");
    Args.notNull(locale, "locale");
    try {
      Currency c = Currency.getInstance(locale);
      if (c == null) {
        throw new InvalidValueException("locale " + locale.toLanguageTag() + " has no currency");
      }
      return new View(zone, locale, c);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("locale \"" + locale.toLanguageTag()
          + "\" names no country with a currency; pass the currency explicitly");
    }
  }

  /**
   * Tokyo time, Japanese formats and yen.
   *
   * @return the view
   */
  public static View japan() {
    return new View(ZoneId.of("Asia/Tokyo"), Locale.JAPAN, Currency.getInstance("JPY"));
  }
}
