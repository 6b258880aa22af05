package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Elements;
import java.util.List;

/**
 * Which page URLs are landing pages: those whose path starts with one of the prefixes. The path
 * of an absolute URL is what follows the host ({@code https://example.com/lp/a?x=1} has path
 * {@code /lp/a?x=1}); a relative URL is its own path.
 *
 * @param prefixes path prefixes such as {@code "/lp/"}, not empty
 */
public record LandingPages(List<String> prefixes) {
  /** Validates and copies. */
  public LandingPages {
    if (prefixes == null || prefixes.isEmpty()) {
      throw new InvalidValueException("landing pages need at least one path prefix");
    }
    for (String p : Elements.setOf("landing page prefixes", prefixes)) {
      if (p == null || !p.startsWith("/")) {
        throw new InvalidValueException("landing page prefix must start with '/': \"" + p
            + "\"");
      }
    }
    prefixes = List.copyOf(prefixes);
  }

  /** Pages under {@code prefixes}. */
  public static LandingPages under(String... prefixes) {
    return new LandingPages(List.copyOf(Elements.setOf("landing page prefixes", prefixes)));
  }

  /** True if {@code url} is a landing page. */
  public boolean matches(String url) {
    String path = pathOf(url);
    for (String p : Elements.setOf("landing page prefixes", prefixes)) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The path part of {@code url} as described in the class documentation. */
  public static String pathOf(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int slash = url.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : url.substring(slash);
  }
}
