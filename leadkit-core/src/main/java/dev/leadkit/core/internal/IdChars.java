package dev.leadkit.core.internal;

/**
 * Shape checks for identifiers and keys without a regular expression: keys are built and
 * checked for every mail and touchpoint, and a character loop costs a fraction of a
 * {@link java.util.regex.Matcher}. Not API.
 */
public final class IdChars {
  private IdChars() {}

  /**
   * Whether {@code value} has 1 to {@code maxLength} characters, each an ASCII letter or digit or
   * one of {@code extra}. Same answer as the character class {@code [A-Za-z0-9<extra>]{1,max}}.
   *
   * @param value the text to check, may be null (then false)
   * @param maxLength the longest allowed length, at least 1
   * @param extra the allowed characters besides letters and digits, e.g. {@code "._:-"}
   * @return true when the whole value has that shape
   */
  public static boolean matches(@org.jspecify.annotations.Nullable String value, int maxLength,
      String extra) {
    if (value == null || value.isEmpty() || value.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || extra.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
