package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidEmailException;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A normalised e-mail address: the unique key of a lead.
 *
 * <p>{@link #parse(String)} turns what people type or import into one canonical form, so that
 * {@code " Taro.Yamada@Example.CO.JP "} and {@code "taro.yamada@example.co.jp"} are the same
 * lead:
 *
 * <ul>
 *   <li>surrounding white space (including ideographic spaces) is removed;
 *   <li>full-width forms common in Japanese data entry ({@code ＠}, full-width letters and
 *       digits) become their ASCII forms (Unicode NFKC);
 *   <li>the whole address is lower-cased. RFC 5321 allows a case-sensitive local part, but no
 *       mainstream provider uses one, and treating case variants as different people is the
 *       bigger harm;
 *   <li>an internationalised domain is stored in its ASCII (punycode) form.
 * </ul>
 *
 * <p>It then enforces RFC 5321's limits (local part at most 64 octets, domain at most 255, a
 * forward path at most 256 including the angle brackets, so 254 for the address) and a
 * conservative syntax: a dot-atom local part (no quoted strings, no comments) and a domain of
 * at least two labels of letters, digits and hyphens. Dots inside the local part are kept:
 * leadkit never guesses provider-specific aliasing rules.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) implements Comparable<EmailAddress> {
  /** Maximum length of the local part in octets (RFC 5321 4.5.3.1.1). */
  public static final int MAX_LOCAL_PART = 64;
  /** Maximum length of the domain in octets (RFC 5321 4.5.3.1.2). */
  public static final int MAX_DOMAIN = 255;
  /** Maximum length of a whole address (RFC 5321 path limit of 256 less the brackets). */
  public static final int MAX_ADDRESS = 254;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  /** Accepts only an already normalised value; use {@link #parse(String)} for raw input. */
  public EmailAddress {
    String normal = normalise(value);
    if (!normal.equals(value)) {
      throw new InvalidEmailException(value, "not in normal form; use EmailAddress.parse");
    }
  }

  /** Normalises and validates raw input; throws {@link InvalidEmailException} quoting it. */
  public static EmailAddress parse(String raw) {
    return new EmailAddress(normalise(raw));
  }

  /** True if {@code raw} would be accepted by {@link #parse(String)}; false for null. */
  public static boolean isValid(@Nullable String raw) {
    try {
      normalise(raw);
      return true;
    } catch (InvalidEmailException e) {
      return false;
    }
  }

  /** The part before the {@code @}. */
  public String localPart() {
    return value.substring(0, value.lastIndexOf('@'));
  }

  /** The domain, in ASCII form. */
  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  static String normalise(@Nullable String raw) {
    if (raw == null) {
      throw new InvalidEmailException("null", "address is missing");
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    if (s.isEmpty()) {
      throw new InvalidEmailException(raw, "address is empty");
    }
    int at = s.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidEmailException(raw, "no @");
    }
    if (s.indexOf('@') != at) {
      throw new InvalidEmailException(raw, "more than one @");
    }
    String local = s.substring(0, at).toLowerCase(Locale.ROOT);
    String domain = s.substring(at + 1);
    if (local.isEmpty()) {
      throw new InvalidEmailException(raw, "empty local part");
    }
    if (local.length() > MAX_LOCAL_PART) {
      throw new InvalidEmailException(
          raw, "local part longer than " + MAX_LOCAL_PART + " characters");
    }
    checkLocal(raw, local);
    String asciiDomain = asciiDomain(raw, domain);
    String address = local + "@" + asciiDomain;
    if (address.length() > MAX_ADDRESS) {
      throw new InvalidEmailException(raw, "longer than " + MAX_ADDRESS + " characters");
    }
    return address;
  }

  private static void checkLocal(String raw, String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidEmailException(raw, "misplaced dot in local part");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
          || ATEXT_SPECIALS.indexOf(c) >= 0;
      if (!ok) {
        throw new InvalidEmailException(
            raw, "character '" + c + "' not allowed in local part");
      }
    }
  }

  private static String asciiDomain(String raw, String domain) {
    if (domain.isEmpty()) {
      throw new InvalidEmailException(raw, "empty domain");
    }
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidEmailException(raw, "malformed domain (" + e.getMessage() + ")");
    }
    if (ascii.length() > MAX_DOMAIN) {
      throw new InvalidEmailException(raw, "domain longer than " + MAX_DOMAIN + " characters");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidEmailException(raw, "domain needs at least two labels");
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        throw new InvalidEmailException(raw, "domain label empty or longer than 63");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new InvalidEmailException(raw, "domain label starts or ends with '-'");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          throw new InvalidEmailException(raw, "character '" + c + "' not allowed in domain");
        }
      }
    }
    String tld = labels[labels.length - 1];
    if (tld.chars().allMatch(Character::isDigit)) {
      throw new InvalidEmailException(raw, "top-level domain is numeric");
    }
    return ascii;
  }

  @Override
  public int compareTo(EmailAddress o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
