package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.content.Recommendation.Basis;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recommends the next best asset for a lead (R7.2).
 *
 * <h2>Ranking</h2>
 *
 * <ol>
 *   <li><b>Never repeat while there is something new.</b> If any catalogue asset is not yet
 *       consumed by the lead, only unconsumed assets are recommended. Only a lead that has
 *       consumed everything gets consumed assets (the best ones again).
 *   <li><b>Fit first.</b> Assets written for the lead's stage, role and industry ({@link
 *       ContentAsset#fits}) come before the others.
 *   <li><b>Evidence.</b> Within that, assets are ordered by how many similar leads reached the
 *       goal stage after consuming them, then by that count over the leads that consumed them.
 *       "Similar" is the most specific level that has any conversion among the catalogue's
 *       assets: same role and industry, else same role, else same industry, else all leads.
 *   <li><b>Deterministic fallback.</b> Ties, and the case without any history ({@link
 *       Basis#NO_HISTORY}), keep catalogue order, so the catalogue's order is the editor's
 *       default journey through the content.
 * </ol>
 *
 * Immutable and thread-safe; rebuild it when the evidence is reloaded.
 */
public final class ContentRecommender {
  private final List<ContentAsset> catalogue;
  private final AssetEvidence evidence;
  private final long minimumConversions;

  private ContentRecommender(List<ContentAsset> catalogue, AssetEvidence evidence,
      long minimumConversions) {
    this.catalogue = catalogue;
    this.evidence = evidence;
    this.minimumConversions = minimumConversions;
  }

  /**
   * A recommender over {@code catalogue} (in the editor's default order; ids unique) using
   * {@code evidence}.
   */
  public static ContentRecommender of(List<ContentAsset> catalogue, AssetEvidence evidence) {
    if (catalogue == null || evidence == null) {
      throw new InvalidValueException("recommender needs a catalogue and evidence");
    }
    Set<String> ids = new HashSet<>();
    for (ContentAsset a : catalogue) {
      if (!ids.add(a.id())) {
        throw new InvalidValueException("asset id \"" + a.id() + "\" appears twice in the "
            + "catalogue");
      }
    }
    return new ContentRecommender(List.copyOf(catalogue), evidence, 1);
  }

  /**
   * A copy that trusts a level of similarity only when its assets have at least {@code n}
   * conversions in total (default 1); with few similar leads, a broader level is used.
   */
  public ContentRecommender withMinimumConversions(long n) {
    if (n < 1) {
      throw new InvalidValueException("minimum conversions must be at least 1: " + n);
    }
    return new ContentRecommender(catalogue, evidence, n);
  }

  /** The asset ids {@code lead} has downloaded ({@code asset_downloaded} with {@code asset}). */
  public static Set<String> consumedAssets(TouchpointLog log, LeadId lead) {
    Set<String> out = new LinkedHashSet<>();
    for (Touchpoint t : log.findByLead(lead,
        TouchpointQuery.ofTypes(TouchpointType.ASSET_DOWNLOADED))) {
      t.property(PropertyKey.ASSET).ifPresent(out::add);
    }
    return out;
  }

  /** The single best asset for {@code lead}, if the catalogue is not empty. */
  public Optional<Recommendation> next(Lead lead, Set<String> consumed) {
    List<Recommendation> r = recommend(lead, consumed, 1);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** Up to {@code limit} assets for {@code lead}, best first, ranked as described above. */
  public List<Recommendation> recommend(Lead lead, Set<String> consumed, int limit) {
    if (lead == null || consumed == null || limit < 1) {
      throw new InvalidValueException("recommend needs a lead, consumed assets and a limit >= 1,"
          + " got limit " + limit);
    }
    boolean anyNew = catalogue.stream().anyMatch(a -> !consumed.contains(a.id()));
    Optional<String> role = lead.attributes().text(AttributeKey.ROLE);
    Optional<String> industry = lead.attributes().text(AttributeKey.INDUSTRY);
    Basis basis = Basis.NO_HISTORY;
    Map<String, AssetEvidence.Counts> counts = Map.of();
    List<Level> levels = new ArrayList<>();
    if (role.isPresent() && industry.isPresent()) {
      levels.add(new Level(Basis.PERSONA, evidence.level(role.get(), industry.get())));
    }
    if (role.isPresent()) {
      levels.add(new Level(Basis.ROLE, evidence.level(role.get(), null)));
    }
    if (industry.isPresent()) {
      levels.add(new Level(Basis.INDUSTRY, evidence.level(null, industry.get())));
    }
    levels.add(new Level(Basis.ALL_LEADS, evidence.level(null, null)));
    for (Level level : levels) {
      long total = 0;
      for (ContentAsset a : catalogue) {
        AssetEvidence.Counts x = level.counts().get(a.id());
        total += x == null ? 0 : x.converted();
      }
      if (total >= minimumConversions) {
        basis = level.basis();
        counts = level.counts();
        break;
      }
    }
    List<Recommendation> candidates = new ArrayList<>();
    for (ContentAsset a : catalogue) {
      boolean isConsumed = consumed.contains(a.id());
      if (anyNew && isConsumed) {
        continue;
      }
      AssetEvidence.Counts c = counts.get(a.id());
      candidates.add(new Recommendation(a, basis, c == null ? 0 : c.consumers(),
          c == null ? 0 : c.converted(), isConsumed, a.fits(lead)));
    }
    Comparator<Recommendation> order = Comparator
        .comparing((Recommendation r) -> !r.fits())
        .thenComparing(Comparator.comparingLong(Recommendation::convertedAfter).reversed())
        .thenComparing(ContentRecommender::ratio, Comparator.reverseOrder());
    List<Recommendation> sorted = new ArrayList<>(candidates);
    sorted.sort(order); // stable: ties keep catalogue order
    return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
  }

  private record Level(Basis basis, Map<String, AssetEvidence.Counts> counts) {}

  private static double ratio(Recommendation r) {
    return r.consumers() == 0 ? 0 : (double) r.convertedAfter() / r.consumers();
  }
}
