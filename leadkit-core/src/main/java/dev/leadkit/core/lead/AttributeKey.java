package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of a lead attribute. Standard keys cover the profile of R1.2; any other name that
 * matches {@code [a-z][a-z0-9_]{0,63}} is a custom key.
 *
 * @param name the key's name, lower snake case
 */
public record AttributeKey(String name) implements Comparable<AttributeKey> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Given name. */
  public static final AttributeKey FIRST_NAME = new AttributeKey("first_name");
  /** Family name. */
  public static final AttributeKey LAST_NAME = new AttributeKey("last_name");
  /** Company (organisation) name. */
  public static final AttributeKey COMPANY = new AttributeKey("company");
  /** Department. */
  public static final AttributeKey DEPARTMENT = new AttributeKey("department");
  /** Job title as written, e.g. "Sales Manager". */
  public static final AttributeKey TITLE = new AttributeKey("title");
  /** Role or persona, e.g. "decision_maker", "it_admin". */
  public static final AttributeKey ROLE = new AttributeKey("role");
  /** Industry. */
  public static final AttributeKey INDUSTRY = new AttributeKey("industry");
  /** Company size in employees (a number). */
  public static final AttributeKey COMPANY_SIZE = new AttributeKey("company_size");
  /** Budget (a number, in the host's currency). */
  public static final AttributeKey BUDGET = new AttributeKey("budget");
  /** The problem or topic the lead cares about (text or list). */
  public static final AttributeKey INTEREST = new AttributeKey("interest");
  /** When the first contact was made. */
  public static final AttributeKey FIRST_CONTACT_AT = new AttributeKey("first_contact_at");
  /** Phone number. */
  public static final AttributeKey PHONE = new AttributeKey("phone");
  /** Country (ISO 3166 code). */
  public static final AttributeKey COUNTRY = new AttributeKey("country");
  /** IANA time zone id, e.g. "Asia/Tokyo", used for quiet hours. */
  public static final AttributeKey TIME_ZONE = new AttributeKey("time_zone");
  /** Where the lead came from, e.g. "exhibition-2025", "web-form". */
  public static final AttributeKey SOURCE = new AttributeKey("source");
  /** Contract renewal date (a date). */
  public static final AttributeKey RENEWAL_DATE = new AttributeKey("renewal_date");

  /** The standard keys, in declaration order. */
  public static final List<AttributeKey> STANDARD = List.of(FIRST_NAME, LAST_NAME, COMPANY,
      DEPARTMENT, TITLE, ROLE, INDUSTRY, COMPANY_SIZE, BUDGET, INTEREST, FIRST_CONTACT_AT, PHONE,
      COUNTRY, TIME_ZONE, SOURCE, RENEWAL_DATE);

  /** Validates the name. */
  public AttributeKey {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "invalid attribute key \"" + name + "\" (want [a-z][a-z0-9_]{0,63})");
    }
  }

  /** The key called {@code name}. */
  public static AttributeKey of(String name) {
    return new AttributeKey(name);
  }

  /** True if this is one of {@link #STANDARD}. */
  public boolean isStandard() {
    return STANDARD.contains(this);
  }

  @Override
  public int compareTo(AttributeKey o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
