package dev.leadkit.core.internal;

/** XML escaping shared by the modules that render HTML and SVG (not part of the API). */
public final class Xml {
  private Xml() {}

  /**
   * Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids
   * (control characters other than tab and line feed, lone surrogates, U+FFFE and U+FFFF).
   *
   * @param s the text
   * @return the escaped text
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if ((c >= 0x20 || c == '\n' || c == '\t') && c != 0xFFFE && c != 0xFFFF) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              b.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
              b.append(c);
            }
          }
        }
      }
    }
    return b.toString();
  }
}
