package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the links of an outgoing message so that each link to a tracked site carries a
 * signed token for the recipient lead (R3.1, "tagging mail"). Links to other sites, anchors,
 * {@code mailto:} and {@code tel:} links are left exactly as they are, so tokens never leak to
 * third parties.
 *
 * <pre>{@code
 * LinkTagger tagger = LinkTagger.custom(tokens)
 *     .trackedDomains("example.co.jp")    // and its subdomains
 *     .timeToLive(Duration.ofDays(90))
 *     .build();
 * String html = tagger.tagHtml(template, lead.id(), Optional.of(messageKey));
 * }</pre>
 *
 * <p>The token is added as the query parameter {@value #DEFAULT_PARAMETER} (configurable),
 * before any fragment; an existing parameter of that name is replaced. One token is issued per
 * call and shared by every link of the message. The landing page passes the parameter's value
 * to {@link Identity#identifyByToken} or as the {@code link_token} property of the page-view
 * touchpoint. Immutable and thread-safe.
 */
public final class LinkTagger {
  /** The default query parameter name. */
  public static final String DEFAULT_PARAMETER = "lk";

  private static final Pattern HREF = Pattern.compile(
      "(<(?:a|area)\\b[^>]*?\\shref\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_URL = Pattern.compile("(?i)https?://[^\\s<>\"'()\\[\\]{}]+");
  private static final Pattern SCHEME_HOST = Pattern.compile("(?i)^https?://([^/?#:@]+)");

  private final LinkTokens tokens;
  private final Set<String> domains;
  private final String parameter;
  private final Optional<Duration> ttl;
  private final Clock clock;

  private LinkTagger(Builder b) {
    this.tokens = b.tokens;
    this.domains = Set.copyOf(b.domains);
    this.parameter = b.parameter == null ? DEFAULT_PARAMETER : b.parameter;
    this.ttl = Optional.ofNullable(b.ttl);
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
  }

  /** Starts a tagger that signs with {@code tokens}. */
  public static Builder custom(LinkTokens tokens) {
    if (tokens == null) {
      throw new InvalidValueException("link tokens must not be null");
    }
    return new Builder(tokens);
  }

  /** The query parameter that carries the token. */
  public String parameter() {
    return parameter;
  }

  /** A fresh token for {@code lead} and {@code message}, with this tagger's time to live. */
  public String token(LeadId lead, Optional<MessageKey> message) {
    Optional<Instant> expiry = ttl.map(d -> clock.instant().plus(d));
    return tokens.issue(lead, message, expiry);
  }

  /** Tags every {@code <a href>} and {@code <area href>} of {@code html} that points to a tracked site. */
  public String tagHtml(String html, LeadId lead, Optional<MessageKey> message) {
    String token = token(lead, message);
    Matcher m = HREF.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 256);
    while (m.find()) {
      boolean doubleQuoted = m.group(2) != null;
      String href = doubleQuoted ? m.group(2) : m.group(3);
      String decoded = href.replace("&amp;", "&");
      String tagged = isTracked(decoded) ? withToken(decoded, token).replace("&", "&amp;") : href;
      char q = doubleQuoted ? '"' : '\'';
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + q + tagged + q));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Tags every bare http(s) URL in plain {@code text} that points to a tracked site. */
  public String tagText(String text, LeadId lead, Optional<MessageKey> message) {
    String token = token(lead, message);
    Matcher m = BARE_URL.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      String url = m.group();
      int end = url.length();
      while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
        end--;
      }
      String core = url.substring(0, end);
      String tagged = isTracked(core) ? withToken(core, token) : core;
      m.appendReplacement(out, Matcher.quoteReplacement(tagged + url.substring(end)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code url} with a token for {@code lead}, or {@code url} unchanged if it is not tracked. */
  public String tagUrl(String url, LeadId lead, Optional<MessageKey> message) {
    return isTracked(url) ? withToken(url, token(lead, message)) : url;
  }

  /** True if {@code url} is an http(s) URL whose host is a tracked domain or a subdomain of one. */
  public boolean isTracked(String url) {
    Matcher m = SCHEME_HOST.matcher(url);
    if (!m.find()) {
      return false;
    }
    String host = m.group(1).toLowerCase(Locale.ROOT);
    for (String d : domains) {
      if (host.equals(d) || host.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }

  /** The token carried by {@code url} under this tagger's parameter, if any. */
  public Optional<String> tokenIn(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    for (String pair : query.split("&")) {
      if (pair.startsWith(parameter + "=")) {
        return Optional.of(pair.substring(parameter.length() + 1));
      }
    }
    return Optional.empty();
  }

  private String withToken(String url, String token) {
    int hash = url.indexOf('#');
    String fragment = hash < 0 ? "" : url.substring(hash);
    String base = hash < 0 ? url : url.substring(0, hash);
    int q = base.indexOf('?');
    String path = q < 0 ? base : base.substring(0, q);
    List<String> params = new ArrayList<>();
    if (q >= 0) {
      for (String pair : base.substring(q + 1).split("&")) {
        if (!pair.isEmpty() && !pair.equals(parameter) && !pair.startsWith(parameter + "=")) {
          params.add(pair);
        }
      }
    }
    params.add(parameter + "=" + token);
    return path + "?" + String.join("&", params) + fragment;
  }

  /** Builds a {@link LinkTagger}; each option may be set once. */
  public static final class Builder {
    private final LinkTokens tokens;
    private final Set<String> domains = new LinkedHashSet<>();
    private @Nullable String parameter;
    private @Nullable Duration ttl;
    private @Nullable Clock clock;

    private Builder(LinkTokens tokens) {
      this.tokens = tokens;
    }

    /** Tags links to these domains and their subdomains (e.g. {@code example.co.jp}). */
    public Builder trackedDomains(String... values) {
      for (String d : values) {
        if (d == null || !d.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
          throw new InvalidValueException("tracked domain must be a host name: \"" + d + "\"");
        }
        domains.add(d.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** The query parameter name (default {@value #DEFAULT_PARAMETER}). */
    public Builder parameter(String value) {
      if (parameter != null) {
        throw new InvalidValueException("parameter was already set to " + parameter);
      }
      if (value == null || !value.matches("[A-Za-z0-9_]{1,32}")) {
        throw new InvalidValueException("token parameter must be 1 to 32 letters, digits or _: \""
            + value + "\"");
      }
      parameter = value;
      return this;
    }

    /** How long issued tokens are accepted (default: forever). */
    public Builder timeToLive(Duration value) {
      if (ttl != null) {
        throw new InvalidValueException("timeToLive was already set to " + ttl);
      }
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidValueException("token time to live must be positive: " + value);
      }
      ttl = value;
      return this;
    }

    /** The clock expiries are counted from (default: system UTC; use the engine's). */
    public Builder clock(Clock value) {
      if (clock != null) {
        throw new InvalidValueException("clock was already set to " + clock);
      }
      if (value == null) {
        throw new InvalidValueException("clock must not be null");
      }
      clock = value;
      return this;
    }

    /** The tagger; at least one tracked domain is required. */
    public LinkTagger build() {
      if (domains.isEmpty()) {
        throw new InvalidValueException("a link tagger needs at least one tracked domain, so that"
            + " tokens never go to other sites");
      }
      return new LinkTagger(this);
    }
  }
}
