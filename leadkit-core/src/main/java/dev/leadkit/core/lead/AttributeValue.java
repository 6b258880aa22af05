package dev.leadkit.core.lead;

import dev.leadkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A typed attribute value. Closed set: text, number, boolean, date, instant and a list of texts.
 * Every variant is immutable and validated.
 */
public sealed interface AttributeValue {
  /** Longest text accepted, in characters. */
  int MAX_TEXT = 4096;
  /** Most elements accepted in a list. */
  int MAX_LIST = 256;

  /** The kind of value, for messages and JSON. */
  Kind kind();

  /** The value as display text (ISO formats for dates, plain decimal for numbers). */
  String asText();

  /** The kinds. */
  enum Kind {
    /** {@link Text}. */
    TEXT,
    /** {@link Num}. */
    NUMBER,
    /** {@link Bool}. */
    BOOLEAN,
    /** {@link Date}. */
    DATE,
    /** {@link Timestamp}. */
    INSTANT,
    /** {@link TextList}. */
    LIST
  }

  /** Text. */
  static Text text(String value) {
    return new Text(value);
  }

  /** A number. */
  static Num number(BigDecimal value) {
    return new Num(value);
  }

  /** A number. */
  static Num number(long value) {
    return new Num(BigDecimal.valueOf(value));
  }

  /** A number. */
  static Num number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new InvalidValueException("attribute number must be finite: " + value);
    }
    return new Num(BigDecimal.valueOf(value));
  }

  /** A boolean. */
  static Bool bool(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  /** A calendar date. */
  static Date date(LocalDate value) {
    return new Date(value);
  }

  /** An instant. */
  static Timestamp instant(Instant value) {
    return new Timestamp(value);
  }

  /** A list of texts. */
  static TextList list(List<String> values) {
    return new TextList(values);
  }

  /**
   * Text, at most {@link #MAX_TEXT} characters.
   *
   * @param value the text
   */
  record Text(String value) implements AttributeValue {
    /** Validates the text. */
    public Text {
      if (value == null) {
        throw new InvalidValueException("text attribute must not be null");
      }
      if (value.length() > MAX_TEXT) {
        throw new InvalidValueException("text attribute longer than " + MAX_TEXT
            + " characters: \"" + value.substring(0, 40) + "...\"");
      }
    }

    @Override
    public Kind kind() {
      return Kind.TEXT;
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /**
   * A decimal number. Trailing zeros are stripped so that {@code 300} and {@code 300.0} are equal.
   *
   * @param value the number
   */
  record Num(BigDecimal value) implements AttributeValue {
    /** Validates and canonicalises the number. */
    public Num {
      if (value == null) {
        throw new InvalidValueException("number attribute must not be null");
      }
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
      if (value.scale() < 0) {
        value = value.setScale(0);
      }
    }

    @Override
    public Kind kind() {
      return Kind.NUMBER;
    }

    @Override
    public String asText() {
      return value.toPlainString();
    }
  }

  /**
   * A boolean.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements AttributeValue {
    static final Bool TRUE = new Bool(true);
    static final Bool FALSE = new Bool(false);

    @Override
    public Kind kind() {
      return Kind.BOOLEAN;
    }

    @Override
    public String asText() {
      return Boolean.toString(value);
    }
  }

  /**
   * A calendar date, without time zone (a renewal date, a birthday).
   *
   * @param value the date
   */
  record Date(LocalDate value) implements AttributeValue {
    /** Validates the date. */
    public Date {
      if (value == null) {
        throw new InvalidValueException("date attribute must not be null");
      }
    }

    @Override
    public Kind kind() {
      return Kind.DATE;
    }

    @Override
    public String asText() {
      return value.toString();
    }
  }

  /**
   * A point in time.
   *
   * @param value the instant
   */
  record Timestamp(Instant value) implements AttributeValue {
    /** Validates the instant. */
    public Timestamp {
      if (value == null) {
        throw new InvalidValueException("instant attribute must not be null");
      }
    }

    @Override
    public Kind kind() {
      return Kind.INSTANT;
    }

    @Override
    public String asText() {
      return value.toString();
    }
  }

  /**
   * An ordered list of distinct texts (tags, interests), at most {@link #MAX_LIST} elements.
   *
   * @param values the elements
   */
  record TextList(List<String> values) implements AttributeValue {
    /** Validates and copies the list; duplicates are dropped, first occurrence kept. */
    public TextList {
      if (values == null) {
        throw new InvalidValueException("list attribute must not be null");
      }
      if (values.size() > MAX_LIST) {
        throw new InvalidValueException("list attribute has " + values.size()
            + " elements, more than " + MAX_LIST);
      }
      for (String v : values) {
        if (v == null) {
          throw new InvalidValueException("list attribute must not contain null: " + values);
        }
        new Text(v);
      }
      values = List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    @Override
    public Kind kind() {
      return Kind.LIST;
    }

    @Override
    public String asText() {
      return String.join(", ", values);
    }
  }
}
