package dev.leadkit.scoring;

import dev.leadkit.core.touch.Touchpoint;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour rules one touchpoint type can match, in rule order, prepared so that a
 * touchpoint finds the rules that match without testing them one by one.
 *
 * <p>Most rules are "this type" or "this type and a URL path" ({@code /pricing},
 * {@code /products/**}). Rules of the first kind always match. For the second kind a table maps
 * each literal path to the rules it satisfies: exactly (a literal rule, or a subtree rule on its
 * root) and as an ancestor (a subtree rule). One scan of the touchpoint's path, hashing it as it
 * goes, probes the table at every {@code /} (the ancestors) and at the end (the path itself).
 * Any other rule is tested with its {@link FastFilter}. The result is a bit set over the
 * positions in {@link #rules}, so the caller visits the matching rules in rule order, as the
 * plain loop would. With more than 64 rules for one type there is no bit set; {@link #indexed}
 * is false and the caller tests every rule.
 */
final class TypeRules {
  /** Rule indexes, in rule order. */
  final int[] rules;
  /** True if {@link #matching} may be used (at most 64 rules). */
  final boolean indexed;
  /** True if some rule reads a property, so the caller should look up the URL. */
  final boolean readsProperties;
  private final FastFilter[] filters;
  private final long always;
  private final long tested;
  private final boolean hasPaths;
  // open addressing over path literals; a null key ends a probe
  private final String[] keys;
  private final int[] hashes;
  private final long[] exact;
  private final long[] below;
  private final int mask;
  // bit min(length, 63) is set if some literal of that length is in exact / below
  private final long exactLengths;
  private final long belowLengths;

  TypeRules(int[] rules, FastFilter[] all) {
    this.rules = rules;
    this.indexed = rules.length <= 64;
    this.filters = new FastFilter[rules.length];
    long alwaysBits = 0;
    long testedBits = 0;
    long exactLens = 0;
    long belowLens = 0;
    boolean reads = false;
    int paths = 0;
    for (int i = 0; i < rules.length; i++) {
      filters[i] = all[rules[i]];
      reads |= !filters[i].matchesAll();
      if (filters[i].urlPathLiteral() != null) {
        paths++;
      }
    }
    this.readsProperties = reads;
    int size = Integer.highestOneBit(Math.max(4, paths * 4 - 1)) << 1;
    keys = new String[size];
    hashes = new int[size];
    exact = new long[size];
    below = new long[size];
    mask = size - 1;
    if (indexed) {
      for (int i = 0; i < rules.length; i++) {
        long bit = 1L << i;
        String literal = filters[i].urlPathLiteral();
        if (filters[i].matchesAll()) {
          alwaysBits |= bit;
        } else if (literal == null) {
          testedBits |= bit;
        } else {
          int slot = slot(literal);
          exact[slot] |= bit;
          exactLens |= lengthBit(literal.length());
          if (filters[i].urlPathSubtree()) {
            below[slot] |= bit;
            belowLens |= lengthBit(literal.length());
          }
        }
      }
    }
    this.exactLengths = exactLens;
    this.belowLengths = belowLens;
    this.always = alwaysBits;
    this.tested = testedBits;
    this.hasPaths = indexed && paths > 0;
  }

  private int slot(String literal) {
    int h = literal.hashCode();
    int i = spread(h) & mask;
    while (keys[i] != null && !keys[i].equals(literal)) {
      i = (i + 1) & mask;
    }
    keys[i] = literal;
    hashes[i] = h;
    return i;
  }

  private static long lengthBit(int length) {
    return 1L << Math.min(length, 63);
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /**
   * The positions in {@link #rules} of the rules that match {@code t}, as bits (only when
   * {@link #indexed}).
   *
   * @param url the touchpoint's URL property, or null
   */
  long matching(Touchpoint t, @Nullable String url) {
    long m = always;
    long rest = tested;
    if (url == null) {
      return rest == 0 ? m : m | tested(rest, t, null, 0);
    }
    if (rest == 0 && url.startsWith("/")) {
      // the common case: a plain path, its bounds found in the same scan
      return hasPaths ? m | plainPath(url) : m;
    }
    long bounds = FastFilter.pathBounds(url);
    if (hasPaths) {
      m |= paths(url, bounds);
    }
    return rest == 0 ? m : m | tested(rest, t, url, bounds);
  }

  private long tested(long rest, Touchpoint t, @Nullable String url, long urlBounds) {
    long m = 0;
    while (rest != 0) {
      int i = Long.numberOfTrailingZeros(rest);
      rest &= rest - 1;
      if (filters[i].matches(t, url, urlBounds)) {
        m |= 1L << i;
      }
    }
    return m;
  }

  /**
   * {@link #paths} for a URL that starts with {@code /}: no scheme or authority, so the path runs
   * up to the first {@code ?} or {@code #} (as {@link FastFilter#pathBounds} cuts it).
   */
  private long plainPath(String v) {
    long m = 0;
    int h = 0;
    int end = v.length();
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      if (c == '/' && (belowLengths & lengthBit(i)) != 0) {
        m |= probe(below, h, v, 0, i);
      } else if (c == '?' || c == '#') {
        end = i;
        break;
      }
      h = 31 * h + c;
    }
    return (exactLengths & lengthBit(end)) != 0 ? m | probe(exact, h, v, 0, end) : m;
  }

  private long paths(String url, long urlBounds) {
    String v;
    int start;
    int end;
    if (urlBounds == FastFilter.ROOT_ONLY) {
      v = "/";
      start = 0;
      end = 1;
    } else {
      v = url;
      start = (int) (urlBounds >>> 32);
      end = (int) urlBounds;
    }
    long m = 0;
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = v.charAt(i);
      if (c == '/' && (belowLengths & lengthBit(i - start)) != 0) {
        // the path lies below [start, i): subtree rules rooted there match
        m |= probe(below, h, v, start, i);
      }
      h = 31 * h + c;
    }
    return (exactLengths & lengthBit(end - start)) != 0 ? m | probe(exact, h, v, start, end)
        : m;
  }

  private long probe(long[] bits, int h, String v, int start, int end) {
    int len = end - start;
    int i = spread(h) & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length() == len && v.regionMatches(start, k, 0, len)) {
        return bits[i];
      }
      i = (i + 1) & mask;
    }
    return 0;
  }
}
