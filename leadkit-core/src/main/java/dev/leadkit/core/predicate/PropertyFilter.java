package dev.leadkit.core.predicate;

import com.google.common.collect.ImmutableSortedSet;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import java.math.BigDecimal;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one property of a touchpoint. A touchpoint without the property never passes.
 * Closed set: {@link OneOf}, {@link Matches}, {@link Present}, {@link Compare}.
 */
public sealed interface PropertyFilter {
  /** Most values in one {@link OneOf}. */
  int MAX_VALUES = 1000;

  /** The property the filter reads. */
  PropertyKey key();

  /** True if {@code touchpoint} passes. */
  boolean matches(Touchpoint touchpoint);

  /**
   * The property equals one of {@code values} exactly (case-sensitive). Text form:
   * {@code campaign = "spring"} or {@code campaign in ("a", "b")}. SQL: {@code value IN (...)}.
   *
   * @param key the property
   * @param values the accepted values, at least one; kept sorted
   */
  record OneOf(PropertyKey key, Set<String> values) implements PropertyFilter {
    /** Validates and copies. */
    public OneOf {
      if (key == null || values == null) {
        throw new InvalidValueException("property filter key and values must not be null");
      }
      if (values.isEmpty() || values.size() > MAX_VALUES) {
        throw new InvalidValueException("property filter on " + key + " needs 1 to "
            + MAX_VALUES + " values, got " + values.size());
      }
      for (String v : values) {
        if (v == null || v.length() > Touchpoint.MAX_VALUE) {
          throw new InvalidValueException("property filter value on " + key
              + " must be non-null and at most " + Touchpoint.MAX_VALUE + " characters");
        }
      }
      values = ImmutableSortedSet.copyOf(values);
    }

    @Override
    public boolean matches(Touchpoint touchpoint) {
      String v = touchpoint.properties().get(key);
      return v != null && values.contains(v);
    }
  }

  /**
   * The property matches a {@link Glob}. If the pattern starts with {@code /}, the value is
   * first reduced to its path: a leading {@code scheme://authority} (the regular expression
   * {@code ^[A-Za-z0-9+.-]+://[^/?#]*}) is dropped, leaving {@code /} if no path follows, and
   * everything from the first {@code ?} or {@code #} is dropped. So {@code /pricing/**} matches {@code https://example.com/pricing/a?utm=x}.
   * Other patterns compare with the raw value. Text form: {@code url ~ "/pricing/**"}.
   *
   * @param key the property
   * @param glob the pattern
   */
  record Matches(PropertyKey key, Glob glob) implements PropertyFilter {
    /** Validates. */
    public Matches {
      if (key == null || glob == null) {
        throw new InvalidValueException("property filter key and glob must not be null");
      }
    }

    @Override
    public boolean matches(Touchpoint touchpoint) {
      String v = touchpoint.properties().get(key);
      if (v == null) {
        return false;
      }
      return glob.matches(glob.pattern().startsWith("/") ? pathOf(v) : v);
    }

    /** The path part of a URL or path, as described above. */
    public static String pathOf(String value) {
      String v = value;
      int scheme = v.indexOf("://");
      if (scheme > 0 && isScheme(v, scheme)) {
        int slash = v.indexOf('/', scheme + 3);
        int q = firstOf(v, scheme + 3);
        if (slash < 0 || (q >= 0 && q < slash)) {
          v = "/" + (q >= 0 ? v.substring(q) : "");
        } else {
          v = v.substring(slash);
        }
      }
      int cut = firstOf(v, 0);
      return cut >= 0 ? v.substring(0, cut) : v;
    }

    private static boolean isScheme(String v, int end) {
      for (int i = 0; i < end; i++) {
        char c = v.charAt(i);
        boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!(ascii || c == '+' || c == '-' || c == '.')) {
          return false;
        }
      }
      return true;
    }

    private static int firstOf(String v, int from) {
      for (int i = from; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '?' || c == '#') {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The property is present with any value. Text form: {@code asset exists}.
   *
   * @param key the property
   */
  record Present(PropertyKey key) implements PropertyFilter {
    /** Validates. */
    public Present {
      if (key == null) {
        throw new InvalidValueException("property filter key must not be null");
      }
    }

    @Override
    public boolean matches(Touchpoint touchpoint) {
      return touchpoint.properties().containsKey(key);
    }
  }

  /**
   * How {@link Compare} compares a numeric property with its value.
   */
  enum NumberOp {
    /** {@code =}: numerically equal ({@code 60} equals {@code 60.0}). */
    EQ("="),
    /** {@code !=}: numeric and not equal. */
    NE("!="),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private final String symbol;

    NumberOp(String symbol) {
      this.symbol = symbol;
    }

    /**
     * The operator as written in text.
     *
     * @return the symbol, e.g. {@code >=}
     */
    public String symbol() {
      return symbol;
    }

    /**
     * Applies the operator to a {@code compareTo} result.
     *
     * @param cmp the property's number compared with the value
     * @return true if the operator holds
     */
    public boolean test(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  /**
   * The property holds a number that compares with {@code value} as {@code op} says. A property
   * value is a number if it is a plain decimal: an optional {@code -}, 1 to
   * {@value #MAX_INTEGER_DIGITS} digits, and optionally {@code .} and 1 to
   * {@value #MAX_FRACTION_DIGITS} digits ({@code 60}, {@code -1.5}, {@code 007}); anything else
   * ({@code 1e3}, {@code +1}, {@code 60s}, {@code " 60"}) is not a number and never passes, not
   * even {@code !=}. Text form: {@code seconds >= 60}, {@code seconds = 90.5},
   * {@code seconds != 0}. SQL: the property's numeric column compared with the value.
   *
   * @param key the property
   * @param op the comparison
   * @param value the value compared with; within the same bounds as a property number; kept
   *     without trailing zeros ({@code 60.0} becomes {@code 60})
   */
  record Compare(PropertyKey key, NumberOp op, BigDecimal value) implements PropertyFilter {
    /** Most digits before the point in a numeric property value. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Most digits after the point in a numeric property value. */
    public static final int MAX_FRACTION_DIGITS = 12;

    /** Validates and normalises the value. */
    public Compare {
      if (key == null || op == null || value == null) {
        throw new InvalidValueException("numeric property filter key, op and value must not be"
            + " null");
      }
      BigDecimal v = value.stripTrailingZeros();
      if (v.scale() > MAX_FRACTION_DIGITS
          || (long) v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
        throw new InvalidValueException("numeric property filter on " + key + ": value "
            + value + " needs at most " + MAX_INTEGER_DIGITS
            + " digits before and " + MAX_FRACTION_DIGITS + " after the point");
      }
      value = v.scale() < 0 ? v.setScale(0) : v;
    }

    @Override
    public boolean matches(Touchpoint touchpoint) {
      String v = touchpoint.properties().get(key);
      if (v == null || !isNumber(v)) {
        return false;
      }
      return op.test(new BigDecimal(v).compareTo(value));
    }

    /**
     * The number a property value holds, or null if it is not a number as described above.
     *
     * @param value a property value
     * @return its number, or null
     */
    public static @Nullable BigDecimal numberOf(String value) {
      return isNumber(value) ? new BigDecimal(value) : null;
    }

    /**
     * True if {@code value} is a number as described above.
     *
     * @param value a property value
     * @return whether it is a plain decimal within the bounds
     */
    public static boolean isNumber(String value) {
      int n = value.length();
      int i = n > 0 && value.charAt(0) == '-' ? 1 : 0;
      int start = i;
      while (i < n && isDigit(value.charAt(i))) {
        i++;
      }
      int whole = i - start;
      if (whole < 1 || whole > MAX_INTEGER_DIGITS) {
        return false;
      }
      if (i == n) {
        return true;
      }
      if (value.charAt(i) != '.') {
        return false;
      }
      int fracStart = ++i;
      while (i < n && isDigit(value.charAt(i))) {
        i++;
      }
      int frac = i - fracStart;
      return i == n && frac >= 1 && frac <= MAX_FRACTION_DIGITS;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
