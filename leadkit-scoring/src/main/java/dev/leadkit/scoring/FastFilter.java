package dev.leadkit.scoring;

import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import org.jspecify.annotations.Nullable;

/**
 * A behaviour rule's property filters prepared for the hot path. The common URL patterns, a
 * literal path ({@code /}) or a path subtree ({@code /products/**}), are matched on the URL's
 * path in place, without allocating; every other filter is delegated to core's {@link
 * PropertyFilter#matches}, so the semantics stay core's (a property test checks both agree).
 * The touchpoint's type is not checked: the rule index only offers rules whose types match.
 */
final class FastFilter {
  private static final int DELEGATE = 0;
  private static final int PATH_LITERAL = 1;
  private static final int PATH_SUBTREE = 2;
  private static final int RAW_LITERAL = 3;

  private final PropertyFilter[] filters;
  private final PropertyKey[] keys;
  private final int[] kinds;
  private final String[] literals;

  FastFilter(TouchpointFilter filter) {
    int n = filter.properties().size();
    filters = filter.properties().toArray(new PropertyFilter[0]);
    keys = new PropertyKey[n];
    kinds = new int[n];
    literals = new String[n];
    for (int i = 0; i < n; i++) {
      PropertyFilter p = filters[i];
      keys[i] = p.key();
      kinds[i] = DELEGATE;
      if (p instanceof PropertyFilter.Matches m) {
        String pattern = m.glob().pattern();
        boolean path = pattern.startsWith("/");
        if (plain(pattern)) {
          kinds[i] = path ? PATH_LITERAL : RAW_LITERAL;
          literals[i] = pattern;
        } else if (path && pattern.endsWith("/**")
            && plain(pattern.substring(0, pattern.length() - 3))) {
          kinds[i] = PATH_SUBTREE;
          literals[i] = pattern.substring(0, pattern.length() - 3);
        }
      }
    }
  }

  /** True if the filter has no property conditions: every touchpoint of its types matches. */
  boolean matchesAll() {
    return kinds.length == 0;
  }

  /**
   * For a filter whose only condition is a URL path pattern that is a literal path or a path
   * subtree: that literal (the subtree's root for {@code /a/**}); null for any other filter.
   */
  @Nullable String urlPathLiteral() {
    return kinds.length == 1 && keys[0].equals(PropertyKey.URL)
        && (kinds[0] == PATH_LITERAL || kinds[0] == PATH_SUBTREE) ? literals[0] : null;
  }

  /** For a filter with a {@link #urlPathLiteral}: true if it is a subtree ({@code /a/**}). */
  boolean urlPathSubtree() {
    return kinds[0] == PATH_SUBTREE;
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  boolean matches(Touchpoint t) {
    String url = t.properties().get(PropertyKey.URL);
    return matches(t, url, url == null ? 0 : pathBounds(url));
  }

  /**
   * Like {@link #matches(Touchpoint)}, with the touchpoint's URL property and its
   * {@link #pathBounds} computed once by the caller for all the rules it checks, so that a
   * touchpoint costs one property lookup and one scan of its URL however many URL rules exist.
   */
  boolean matches(Touchpoint t, @Nullable String url, long urlBounds) {
    for (int i = 0; i < kinds.length; i++) {
      int kind = kinds[i];
      if (kind == DELEGATE) {
        if (!filters[i].matches(t)) {
          return false;
        }
        continue;
      }
      boolean isUrl = keys[i].equals(PropertyKey.URL);
      String v = isUrl ? url : t.properties().get(keys[i]);
      if (v == null) {
        return false;
      }
      boolean ok = kind == RAW_LITERAL ? v.equals(literals[i])
          : region(v, isUrl ? urlBounds : pathBounds(v), literals[i], kind == PATH_SUBTREE);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Where the path of {@code v} lies, packed as {@code start << 32 | end}; see {@link #path}. */
  static long pathBounds(String v) {
    int start = 0;
    int scheme = v.indexOf("://");
    if (scheme > 0 && isScheme(v, scheme)) {
      int slash = v.indexOf('/', scheme + 3);
      int q = firstOf(v, scheme + 3);
      if (slash < 0 || (q >= 0 && q < slash)) {
        return ROOT_ONLY;
      }
      start = slash;
    }
    int cut = firstOf(v, start);
    return ((long) start << 32) | (cut >= 0 ? cut : v.length());
  }

  /** Marks a URL with an authority and no path: its path is "/". */
  static final long ROOT_ONLY = -1L;

  private static boolean region(String v, long bounds, String literal, boolean subtree) {
    return bounds == ROOT_ONLY ? region("/", 0, 1, literal, subtree)
        : region(v, (int) (bounds >>> 32), (int) bounds, literal, subtree);
  }

  /** Matches the path part of {@code v} as {@code PropertyFilter.Matches#pathOf} cuts it. */
  static boolean path(String v, String literal, boolean subtree) {
    return region(v, pathBounds(v), literal, subtree);
  }

  private static boolean region(String v, int start, int end, String literal,
      boolean subtree) {
    int len = end - start;
    int l = literal.length();
    if (len == l && v.regionMatches(start, literal, 0, l)) {
      return true;
    }
    return subtree && len > l && v.regionMatches(start, literal, 0, l)
        && v.charAt(start + l) == '/';
  }

  private static boolean isScheme(String v, int end) {
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
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
