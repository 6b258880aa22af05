package dev.leadkit.core.content;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens a template may use, and whether each is always present. A template is checked
 * against its schema when it is compiled: an unknown token is refused, and so is a token that
 * {@linkplain Presence#MAYBE may be missing} unless a fallback follows it.
 *
 * <p>The {@linkplain #standard() standard schema}:
 *
 * <ul>
 *   <li>{@code lead.email}: always present;
 *   <li>{@code lead.<key>} for every {@linkplain AttributeKey#STANDARD standard attribute}
 *       ({@code lead.first_name}, {@code lead.last_name}, {@code lead.company}, {@code
 *       lead.title}, {@code lead.industry}, ...): may be missing;
 *   <li>{@code owner.name}, {@code owner.email}, {@code owner.title}, {@code owner.signature}:
 *       the lead's sales rep, may be missing (a lead without owner).
 * </ul>
 *
 * Custom attributes and host values are added with {@link #withLeadAttribute} and {@link
 * #with}. Token names are dot-separated lower snake case words.
 */
public final class TokenSchema {
  private static final Pattern NAME =
      Pattern.compile("[a-z][a-z0-9_]{0,63}(\\.[a-z][a-z0-9_]{0,63}){0,3}");
  private static final TokenSchema STANDARD = buildStandard();

  /** Whether a token always has a value. */
  public enum Presence {
    /** Always has a non-blank value; may be used without fallback. */
    ALWAYS,
    /** May be missing or blank; needs a fallback. */
    MAYBE
  }

  private final ImmutableSortedMap<String, Presence> tokens;

  private TokenSchema(ImmutableSortedMap<String, Presence> tokens) {
    this.tokens = tokens;
  }

  /** The standard schema described above. */
  public static TokenSchema standard() {
    return STANDARD;
  }

  /** A schema with no tokens. */
  public static TokenSchema empty() {
    return new TokenSchema(ImmutableSortedMap.of());
  }

  private static TokenSchema buildStandard() {
    TokenSchema s = empty().with("lead.email", Presence.ALWAYS);
    for (AttributeKey k : AttributeKey.STANDARD) {
      s = s.withLeadAttribute(k);
    }
    for (String o : new String[] {"name", "email", "title", "signature"}) {
      s = s.with("owner." + o, Presence.MAYBE);
    }
    return s;
  }

  /** A copy that also knows {@code token}; redefining a token changes its presence. */
  public TokenSchema with(String token, Presence presence) {
    if (token == null || presence == null || !NAME.matcher(token).matches()) {
      throw new InvalidValueException("invalid token name \"" + token
          + "\" (want dot-separated lower snake case words)");
    }
    ImmutableSortedMap.Builder<String, Presence> b = ImmutableSortedMap.naturalOrder();
    tokens.forEach((k, v) -> {
      if (!k.equals(token)) {
        b.put(k, v);
      }
    });
    b.put(token, presence);
    return new TokenSchema(b.build());
  }

  /** A copy that knows {@code lead.<key>} as a token that may be missing. */
  public TokenSchema withLeadAttribute(AttributeKey key) {
    return with("lead." + key.name(), Presence.MAYBE);
  }

  /** The presence of {@code token}, or empty if unknown. */
  public Optional<Presence> presence(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  /** Every known token with its presence, sorted. */
  public Map<String, Presence> tokens() {
    return tokens;
  }
}
