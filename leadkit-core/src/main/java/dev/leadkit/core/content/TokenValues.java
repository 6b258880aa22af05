package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import java.util.Map;
import java.util.Optional;

/**
 * The values of tokens for one rendering. A blank value counts as missing, so the fallback
 * applies.
 */
@FunctionalInterface
public interface TokenValues {
  /** The value of {@code token}, if any. */
  Optional<String> get(String token);

  /**
   * Values for the standard schema: {@code lead.email}, {@code lead.<attribute>} (display text
   * of any attribute), and {@code owner.*} from {@code owner}.
   */
  static TokenValues of(Lead lead, Optional<OwnerProfile> owner) {
    if (lead == null || owner == null) {
      throw new InvalidValueException("token values need a lead and an optional owner");
    }
    return token -> {
      if (token.startsWith("lead.")) {
        if (token.equals("lead.email")) {
          return Optional.of(lead.email().value());
        }
        return lead.attributes().text(LeadKeys.key(token.substring(5)));
      }
      if (token.startsWith("owner.") && owner.isPresent()) {
        OwnerProfile o = owner.get();
        return switch (token) {
          case "owner.name" -> Optional.of(o.name());
          case "owner.email" -> Optional.of(o.email());
          case "owner.title" -> o.title();
          case "owner.signature" -> Optional.of(o.signature());
          default -> Optional.empty();
        };
      }
      return Optional.empty();
    };
  }

  /** Values from a map. */
  static TokenValues of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return token -> Optional.ofNullable(copy.get(token));
  }

  /** These values, with {@code other} consulted for tokens these lack. */
  default TokenValues orElse(TokenValues other) {
    return token -> {
      Optional<String> v = get(token);
      return v.isPresent() && !v.get().isBlank() ? v : other.get(token);
    };
  }
}
