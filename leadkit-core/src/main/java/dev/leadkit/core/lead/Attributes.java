package dev.leadkit.core.lead;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An immutable, key-sorted map of typed attribute values. Empty texts are not stored: setting a
 * key to blank text removes it, so "missing" has one representation.
 */
public final class Attributes {
  /** Most attributes one lead may carry. */
  public static final int MAX_ATTRIBUTES = 512;

  private static final Attributes EMPTY = new Attributes(ImmutableSortedMap.of());

  private final ImmutableSortedMap<AttributeKey, AttributeValue> values;

  private Attributes(ImmutableSortedMap<AttributeKey, AttributeValue> values) {
    this.values = values;
  }

  /** No attributes. */
  public static Attributes empty() {
    return EMPTY;
  }

  /** Attributes holding exactly {@code values} (blank texts dropped). */
  public static Attributes of(Map<AttributeKey, ? extends AttributeValue> values) {
    Attributes a = EMPTY;
    for (Map.Entry<AttributeKey, ? extends AttributeValue> e : values.entrySet()) {
      a = a.with(e.getKey(), e.getValue());
    }
    return a;
  }

  /** A copy with {@code key} set to {@code value}; blank text removes the key. */
  public Attributes with(AttributeKey key, AttributeValue value) {
    if (key == null || value == null) {
      throw new InvalidValueException("attribute key and value must not be null: " + key);
    }
    if (value instanceof AttributeValue.Text t && t.value().isBlank()) {
      return without(key);
    }
    if (value.equals(values.get(key))) {
      return this;
    }
    if (!values.containsKey(key) && values.size() >= MAX_ATTRIBUTES) {
      throw new InvalidValueException("a lead may carry at most " + MAX_ATTRIBUTES
          + " attributes; refusing " + key);
    }
    ImmutableSortedMap.Builder<AttributeKey, AttributeValue> b = ImmutableSortedMap.naturalOrder();
    values.forEach((k, v) -> {
      if (!k.equals(key)) {
        b.put(k, v);
      }
    });
    b.put(key, value);
    return new Attributes(b.build());
  }

  /** A copy with {@code key} set to the text {@code value}. */
  public Attributes with(AttributeKey key, String value) {
    return with(key, AttributeValue.text(value));
  }

  /** A copy with every entry of {@code other} set over this one's. */
  public Attributes withAll(Attributes other) {
    Attributes a = this;
    for (Map.Entry<AttributeKey, AttributeValue> e : other.values.entrySet()) {
      a = a.with(e.getKey(), e.getValue());
    }
    return a;
  }

  /** A copy without {@code key}. */
  public Attributes without(AttributeKey key) {
    if (!values.containsKey(key)) {
      return this;
    }
    ImmutableSortedMap.Builder<AttributeKey, AttributeValue> b = ImmutableSortedMap.naturalOrder();
    values.forEach((k, v) -> {
      if (!k.equals(key)) {
        b.put(k, v);
      }
    });
    return new Attributes(b.build());
  }

  /** The value under {@code key}. */
  public Optional<AttributeValue> get(AttributeKey key) {
    return Optional.ofNullable(values.get(key));
  }

  /** True if {@code key} holds a value. */
  public boolean has(AttributeKey key) {
    return values.containsKey(key);
  }

  /** The value under {@code key} as display text, whatever its kind. */
  public Optional<String> text(AttributeKey key) {
    return get(key).map(AttributeValue::asText);
  }

  /** The number under {@code key}, if the value is a number. */
  public Optional<BigDecimal> number(AttributeKey key) {
    return get(key).filter(AttributeValue.Num.class::isInstance)
        .map(v -> ((AttributeValue.Num) v).value());
  }

  /** The date under {@code key}, if the value is a date (or an instant, taken in UTC). */
  public Optional<LocalDate> date(AttributeKey key) {
    AttributeValue v = values.get(key);
    if (v instanceof AttributeValue.Date d) {
      return Optional.of(d.value());
    }
    if (v instanceof AttributeValue.Timestamp t) {
      return Optional.of(LocalDate.ofInstant(t.value(), java.time.ZoneOffset.UTC));
    }
    return Optional.empty();
  }

  /** The instant under {@code key}, if the value is an instant. */
  public Optional<Instant> instant(AttributeKey key) {
    return get(key).filter(AttributeValue.Timestamp.class::isInstance)
        .map(v -> ((AttributeValue.Timestamp) v).value());
  }

  /**
   * The time zone under {@link AttributeKey#TIME_ZONE}, if there is one.
   *
   * @return the zone, or empty if the attribute is absent
   * @throws InvalidTimeZoneException if the attribute is not a text naming a zone that {@link
   *     ZoneId#of(String)} knows
   */
  public Optional<ZoneId> timeZone() {
    AttributeValue v = values.get(AttributeKey.TIME_ZONE);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof AttributeValue.Text t)) {
      throw new InvalidTimeZoneException(v.asText());
    }
    try {
      return Optional.of(ZoneId.of(t.value()));
    } catch (DateTimeException e) {
      throw new InvalidTimeZoneException(t.value(), e);
    }
  }

  /** A read-only sorted view of all entries. */
  public SortedMap<AttributeKey, AttributeValue> asMap() {
    return values;
  }

  /** Number of attributes held. */
  public int size() {
    return values.size();
  }

  /** True if none is held. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && a.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
