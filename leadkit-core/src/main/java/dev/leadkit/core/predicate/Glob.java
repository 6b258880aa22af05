package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import java.util.Arrays;

/**
 * A glob pattern for property values such as URLs: the bounded alternative to regular
 * expressions. Matching takes time proportional to (pattern length x value length) at worst and
 * never backtracks, so no pattern can hang an evaluation.
 *
 * <ul>
 *   <li>{@code **} matches any run of characters, including {@code /} and the empty run;
 *   <li>{@code *} matches any run of characters except {@code /};
 *   <li>{@code ?} matches exactly one character except {@code /};
 *   <li>{@code \} makes the next character literal ({@code \*}, {@code \?}, {@code \\});
 *   <li>every other character matches itself, case-sensitively.
 * </ul>
 *
 * <p>A pattern ending in {@code /**} also matches the value without that suffix:
 * {@code /products/erp/**} matches {@code /products/erp}, {@code /products/erp/} and
 * {@code /products/erp/pricing/a}. In SQL: {@code v = '/products/erp' OR v LIKE
 * '/products/erp/%'}.
 *
 * <p>The whole value must match. See {@link PropertyFilter.Matches} for how URL values are
 * normalised before matching.
 */
public final class Glob {
  /** Longest pattern accepted, in characters. */
  public static final int MAX_LENGTH = 512;

  private static final int ANY = -1; // '?'
  private static final int STAR = -2; // '*'
  private static final int DEEP = -3; // '**'

  private final String pattern;
  private final int[] program;
  private final boolean deepSuffix;

  private Glob(String pattern) {
    if (pattern == null) {
      throw new InvalidValueException("glob pattern must not be null");
    }
    if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
      throw new InvalidValueException("glob pattern must have 1 to " + MAX_LENGTH
          + " characters: \"" + abbreviate(pattern) + "\"");
    }
    int[] prog = new int[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          throw new InvalidValueException("glob pattern ends with a lone backslash: \""
              + abbreviate(pattern) + "\"");
        }
        prog[n++] = pattern.charAt(++i);
      } else if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
            i++;
          }
          prog[n++] = DEEP;
        } else {
          prog[n++] = STAR;
        }
      } else if (c == '?') {
        prog[n++] = ANY;
      } else {
        prog[n++] = c;
      }
    }
    this.pattern = pattern;
    this.program = Arrays.copyOf(prog, n);
    this.deepSuffix = n >= 2 && program[n - 1] == DEEP && program[n - 2] == '/';
    int p = 0;
    while (p < n && program[p] >= 0) {
      p++;
    }
    this.literalPrefix = new String(program, 0, p);
    this.prefixThenDeep = p == n - 1 && program[p] == DEEP;
  }

  private final String literalPrefix;
  private final boolean prefixThenDeep;

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  /** Compiles {@code pattern}; a malformed or too long pattern throws {@link InvalidValueException}. */
  public static Glob of(String pattern) {
    return new Glob(pattern);
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** True if the pattern has no wildcard, so it matches exactly one value. */
  public boolean isLiteral() {
    for (int op : program) {
      if (op < 0) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code value} matches the whole pattern. */
  public boolean matches(String value) {
    if (!value.startsWith(literalPrefix)) {
      // every match starts with the literal prefix, except "/a" for "/a/**"
      return prefixThenDeep && deepSuffix && value.length() == literalPrefix.length() - 1
          && literalPrefix.startsWith(value);
    }
    if (prefixThenDeep) {
      return true;
    }
    if (literalPrefix.length() == program.length) {
      return value.length() == program.length;
    }
    if (run(value, program.length)) {
      return true;
    }
    // "/a/**" also matches "/a"
    return deepSuffix && run(value, program.length - 2);
  }

  /** Runs the first {@code len} instructions as an NFA over {@code value}: O(len * value). */
  private boolean run(String value, int len) {
    boolean[] cur = new boolean[len + 1];
    boolean[] next = new boolean[len + 1];
    cur[0] = true;
    close(cur, len);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      Arrays.fill(next, false);
      boolean any = false;
      for (int s = 0; s < len; s++) {
        if (!cur[s]) {
          continue;
        }
        int op = program[s];
        if (op == DEEP) {
          next[s] = true;
          any = true;
        } else if (op == STAR) {
          if (c != '/') {
            next[s] = true;
            any = true;
          }
        } else if (op == ANY) {
          if (c != '/') {
            next[s + 1] = true;
            any = true;
          }
        } else if (op == c) {
          next[s + 1] = true;
          any = true;
        }
      }
      if (!any) {
        return false;
      }
      close(next, len);
      boolean[] t = cur;
      cur = next;
      next = t;
    }
    return cur[len];
  }

  /** Star states may match the empty run: whoever is at a star is also past it. */
  private void close(boolean[] states, int len) {
    for (int s = 0; s < len; s++) {
      if (states[s] && program[s] < ANY) {
        states[s + 1] = true;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
