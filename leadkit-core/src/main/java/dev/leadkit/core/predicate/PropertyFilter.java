package dev.leadkit.core.predicate;

import com.google.common.collect.ImmutableSortedSet;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import java.util.Set;

/**
 * A condition on one property of a touchpoint. A touchpoint without the property never passes.
 * Closed set: {@link OneOf}, {@link Matches}, {@link Present}.
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
}
