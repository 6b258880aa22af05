package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Elements;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a content variant applies: the lead's industry is one of {@code industries}, its role one
 * of {@code roles} and its stage one of {@code stages}; an empty set places no condition, but at
 * least one set is not empty. Industry and role compare case-insensitively (values are stored in
 * lower case).
 *
 * @param industries accepted industries ({@code industry} attribute)
 * @param roles accepted roles ({@code role} attribute)
 * @param stages accepted lifecycle stages
 */
public record VariantRule(Set<String> industries, Set<String> roles,
    Set<LifecycleStage> stages) {
  /** Validates and normalises. */
  public VariantRule {
    if (industries == null || roles == null || stages == null) {
      throw new InvalidValueException("variant rule sets must not be null");
    }
    industries = lower(industries);
    roles = lower(roles);
    stages = Elements.setOf("stages", stages);
    if (industries.isEmpty() && roles.isEmpty() && stages.isEmpty()) {
      throw new InvalidValueException(
          "a variant rule needs a condition; use otherwise(...) for the default variant");
    }
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> out = new HashSet<>();
    for (String v : Elements.setOf("variant rule values", values)) {
      if (v.isBlank()) {
        throw new InvalidValueException("variant rule values must not be blank: " + values);
      }
      out.add(v.trim().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /** Leads in one of {@code industries}. */
  public static VariantRule industry(String... industries) {
    return new VariantRule(Elements.setOf("industries", industries), Set.of(), Set.of());
  }

  /** Leads in one of {@code roles}. */
  public static VariantRule role(String... roles) {
    return new VariantRule(Set.of(), Elements.setOf("roles", roles), Set.of());
  }

  /** Leads in one of {@code stages}. */
  public static VariantRule stage(LifecycleStage... stages) {
    return new VariantRule(Set.of(), Set.of(), Elements.setOf("stages", stages));
  }

  /** This rule, also requiring one of {@code more} industries. */
  public VariantRule andIndustry(String... more) {
    return new VariantRule(Elements.setOf("industries", more), roles, stages);
  }

  /** This rule, also requiring one of {@code more} roles. */
  public VariantRule andRole(String... more) {
    return new VariantRule(industries, Elements.setOf("roles", more), stages);
  }

  /** This rule, also requiring one of {@code more} stages. */
  public VariantRule andStage(LifecycleStage... more) {
    return new VariantRule(industries, roles, Elements.setOf("stages", more));
  }

  /** True if {@code lead} satisfies every condition. */
  public boolean matches(Lead lead) {
    return in(industries, lead.attributes().text(AttributeKey.INDUSTRY))
        && in(roles, lead.attributes().text(AttributeKey.ROLE))
        && (stages.isEmpty() || stages.contains(lead.stage()));
  }

  private static boolean in(Set<String> accepted, Optional<String> value) {
    return accepted.isEmpty() || value.map(v -> accepted.contains(
        v.trim().toLowerCase(Locale.ROOT))).orElse(false);
  }
}
