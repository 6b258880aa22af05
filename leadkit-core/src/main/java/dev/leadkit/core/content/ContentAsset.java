package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Elements;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A piece of content a lead can consume (white paper, case study, webinar recording), with the
 * stages and persona it is written for. Its {@code id} is the {@code asset} property of the
 * {@code asset_downloaded} touchpoints it produces.
 *
 * @param id the asset id
 * @param title a title for people
 * @param stages stages it fits; empty for any
 * @param roles roles it fits (lower case); empty for any
 * @param industries industries it fits (lower case); empty for any
 */
public record ContentAsset(String id, String title, Set<LifecycleStage> stages,
    Set<String> roles, Set<String> industries) {
  /** Validates and normalises. */
  public ContentAsset {
    if (id == null || id.isBlank() || title == null || stages == null || roles == null
        || industries == null) {
      throw new InvalidValueException("an asset needs an id, a title and fit sets: \"" + id
          + "\"");
    }
    stages = Elements.setOf("stages", stages);
    roles = lower(roles);
    industries = lower(industries);
  }

  private static Set<String> lower(Set<String> values) {
    Set<String> out = new HashSet<>();
    for (String v : Elements.setOf("roles and industries", values)) {
      out.add(v.trim().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  /** An asset that fits every lead. */
  public static ContentAsset of(String id, String title) {
    return new ContentAsset(id, title, Set.of(), Set.of(), Set.of());
  }

  /** A copy fitting only {@code fit} stages. */
  public ContentAsset forStages(LifecycleStage... fit) {
    return new ContentAsset(id, title, Elements.setOf("stages", fit), roles, industries);
  }

  /** A copy fitting only {@code fit} roles. */
  public ContentAsset forRoles(String... fit) {
    return new ContentAsset(id, title, stages, Elements.setOf("roles", fit), industries);
  }

  /** A copy fitting only {@code fit} industries. */
  public ContentAsset forIndustries(String... fit) {
    return new ContentAsset(id, title, stages, roles, Elements.setOf("industries", fit));
  }

  /** True if the asset is written for the lead's stage, role and industry. */
  public boolean fits(Lead lead) {
    return (stages.isEmpty() || stages.contains(lead.stage()))
        && matches(roles, lead, AttributeKey.ROLE)
        && matches(industries, lead, AttributeKey.INDUSTRY);
  }

  private static boolean matches(Set<String> accepted, Lead lead, AttributeKey key) {
    return accepted.isEmpty() || lead.attributes().text(key)
        .map(v -> accepted.contains(v.trim().toLowerCase(Locale.ROOT))).orElse(false);
  }
}
