package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.measure.AssetConversion;
import dev.leadkit.core.measure.MeasurementSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of which assets preceded conversion, per (role, industry) persona, rolled up to
 * role only, industry only and all leads. Load it once (for example nightly) with {@link
 * #load}; the recommender then ranks without touching storage.
 */
public final class AssetEvidence {
  /** Counts for one asset at one level. */
  record Counts(long consumers, long converted) {
    Counts plus(long c, long v) {
      return new Counts(consumers + c, converted + v);
    }
  }

  private static final AssetEvidence EMPTY = new AssetEvidence(List.of());
  private static final String ANY = "\u0000*";

  private final Map<String, Map<String, Counts>> byLevel = new HashMap<>();

  private AssetEvidence(List<AssetConversion> rows) {
    for (AssetConversion r : rows) {
      if (r.persona().size() != 2) {
        throw new InvalidValueException("asset evidence wants [role, industry] personas, got "
            + r.persona());
      }
      String role = norm(r.persona().get(0));
      String industry = norm(r.persona().get(1));
      for (String key : new String[] {key(role, industry), key(role, ANY), key(ANY, industry),
          key(ANY, ANY)}) {
        byLevel.computeIfAbsent(key, k -> new HashMap<>())
            .merge(r.asset(), new Counts(r.consumers(), r.convertedAfter()),
                (a, b) -> a.plus(b.consumers(), b.converted()));
      }
    }
  }

  /** No evidence: the recommender falls back to catalogue order. */
  public static AssetEvidence empty() {
    return EMPTY;
  }

  /** Evidence from rows keyed by [role, industry] (as {@link #load} asks for). */
  public static AssetEvidence of(List<AssetConversion> rows) {
    return new AssetEvidence(rows);
  }

  /** Loads the evidence for conversion to {@code goal} (or further) from {@code source}. */
  public static AssetEvidence load(MeasurementSource source, LifecycleStage goal) {
    return new AssetEvidence(source.assetConversions(
        List.of(AttributeKey.ROLE, AttributeKey.INDUSTRY), goal));
  }

  private static String norm(String v) {
    return v.trim().toLowerCase(Locale.ROOT);
  }

  private static String key(String role, String industry) {
    return role + "\u0000|" + industry;
  }

  /** The per-asset counts at a level; {@code null} role or industry means any. */
  Map<String, Counts> level(@Nullable String role, @Nullable String industry) {
    return byLevel.getOrDefault(key(role == null ? ANY : norm(role),
        industry == null ? ANY : norm(industry)), Map.of());
  }
}
