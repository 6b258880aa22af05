package dev.leadkit.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.content.Recommendation.Basis;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.measure.AssetConversion;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ContentRecommenderTest {
  private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
  private static final List<ContentAsset> CATALOGUE = List.of(
      ContentAsset.of("intro", "MA入門"),
      ContentAsset.of("checklist", "導入チェックリスト").forRoles("it_admin"),
      ContentAsset.of("factory-case", "製造業の事例").forIndustries("manufacturing"),
      ContentAsset.of("pricing", "料金表").forStages(LifecycleStage.SQL,
          LifecycleStage.OPPORTUNITY));

  private static Lead lead(String role, String industry, LifecycleStage stage) {
    Attributes a = Attributes.empty();
    if (role != null) {
      a = a.with(AttributeKey.ROLE, role);
    }
    if (industry != null) {
      a = a.with(AttributeKey.INDUSTRY, industry);
    }
    return Lead.create(LeadId.of("l"), EmailAddress.parse("l@example.com"), a, T)
        .withStage(stage, "t", T, StageTransitions.defaults());
  }

  private static AssetConversion row(String role, String industry, String asset, long consumers,
      long converted) {
    return new AssetConversion(List.of(role, industry), asset, consumers, converted);
  }

  @Test
  void withoutHistoryFittingAssetsComeFirstInCatalogueOrder() {
    ContentRecommender r = ContentRecommender.of(CATALOGUE, AssetEvidence.empty());
    List<Recommendation> recs = r.recommend(lead("cfo", "retail", LifecycleStage.KNOWN),
        Set.of(), 4);
    assertThat(recs).extracting(x -> x.asset().id())
        .containsExactly("intro", "checklist", "factory-case", "pricing");
    assertThat(recs.get(0).basis()).isEqualTo(Basis.NO_HISTORY);
    assertThat(recs.get(0).fits()).isTrue();
    assertThat(recs.get(1).fits()).isFalse();
    assertThat(r.recommend(lead("it_admin", null, LifecycleStage.KNOWN), Set.of("intro"), 1))
        .extracting(x -> x.asset().id()).containsExactly("checklist");
  }

  @Test
  void assetsThatPrecededConversionAmongTheSamePersonaRankFirst() {
    AssetEvidence e = AssetEvidence.of(List.of(
        row("it_admin", "manufacturing", "factory-case", 10, 6),
        row("it_admin", "manufacturing", "intro", 40, 3),
        row("cfo", "retail", "intro", 50, 20)));
    ContentRecommender r = ContentRecommender.of(CATALOGUE, e);
    List<Recommendation> recs = r.recommend(
        lead("it_admin", "manufacturing", LifecycleStage.ENGAGED), Set.of(), 3);
    assertThat(recs).extracting(x -> x.asset().id())
        .containsExactly("factory-case", "intro", "checklist");
    assertThat(recs.get(0).basis()).isEqualTo(Basis.PERSONA);
    assertThat(recs.get(0).convertedAfter()).isEqualTo(6);
  }

  @Test
  void aPersonaWithoutConversionsFallsBackToBroaderLeads() {
    AssetEvidence e = AssetEvidence.of(List.of(row("it_admin", "retail", "checklist", 5, 0),
        row("cfo", "manufacturing", "factory-case", 4, 2),
        row("cfo", "retail", "intro", 9, 1)));
    ContentRecommender r = ContentRecommender.of(CATALOGUE, e);
    Recommendation first = r.next(lead("it_admin", "manufacturing", LifecycleStage.KNOWN),
        Set.of()).orElseThrow();
    assertThat(first.basis()).isEqualTo(Basis.INDUSTRY);
    assertThat(first.asset().id()).isEqualTo("factory-case");
    Recommendation forStranger = r.withMinimumConversions(3)
        .next(lead(null, null, LifecycleStage.KNOWN), Set.of()).orElseThrow();
    assertThat(forStranger.basis()).isEqualTo(Basis.ALL_LEADS);
    assertThat(forStranger.asset().id()).as("the industry case does not fit a stranger")
        .isEqualTo("intro");
    assertThat(forStranger.convertedAfter()).isEqualTo(1);
  }

  @Test
  void aLeadThatConsumedEverythingGetsTheBestAgain() {
    ContentRecommender r = ContentRecommender.of(CATALOGUE, AssetEvidence.empty());
    Set<String> all = Set.of("intro", "checklist", "factory-case", "pricing");
    Recommendation again = r.next(lead(null, null, LifecycleStage.SQL), all).orElseThrow();
    assertThat(again.consumed()).isTrue();
    assertThat(again.asset().id()).isEqualTo("intro");
  }

  @Test
  void consumedAssetsAreReadFromTheTouchpointLog() {
    TouchpointLog log = InMemory.touchpointLog();
    LeadId id = LeadId.of("l");
    log.append(Touchpoint.forLead(id, TouchpointType.ASSET_DOWNLOADED, T)
        .property(PropertyKey.ASSET, "intro").build());
    log.append(Touchpoint.forLead(id, TouchpointType.PAGE_VIEW, T).url("/x").build());
    assertThat(ContentRecommender.consumedAssets(log, id)).containsExactly("intro");
  }

  @Test
  void duplicateAssetIdsAreRefused() {
    assertThatThrownBy(() -> ContentRecommender.of(List.of(ContentAsset.of("a", "x"),
        ContentAsset.of("a", "y")), AssetEvidence.empty()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("\"a\"");
  }

  @Provide
  Arbitrary<List<AssetConversion>> evidence() {
    Arbitrary<AssetConversion> row = Arbitraries.of("it_admin", "cfo", "").flatMap(role ->
        Arbitraries.of("manufacturing", "retail", "").flatMap(ind ->
            Arbitraries.of("intro", "checklist", "factory-case", "pricing", "other")
                .flatMap(asset -> Arbitraries.longs().between(0, 50).flatMap(consumers ->
                    Arbitraries.longs().between(0, consumers).map(conv ->
                        row(role, ind, asset, consumers, conv))))));
    return row.list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void neverRecommendsConsumedContentWhileUnconsumedExists(
      @ForAll("evidence") List<AssetConversion> rows,
      @ForAll Set<@net.jqwik.api.constraints.IntRange(min = 0, max = 3) Integer> consumedIdx,
      @ForAll @IntRange(min = 1, max = 5) int limit,
      @ForAll boolean withRole, @ForAll LifecycleStage stage) {
    Set<String> consumed = new HashSet<>();
    for (int i : consumedIdx) {
      consumed.add(CATALOGUE.get(i).id());
    }
    Lead l = lead(withRole ? "it_admin" : null, "manufacturing", LifecycleStage.KNOWN);
    if (StageTransitions.defaults().isAllowed(LifecycleStage.KNOWN, stage)) {
      l = l.withStage(stage, "t", T, StageTransitions.defaults());
    }
    List<Recommendation> recs = ContentRecommender.of(CATALOGUE, AssetEvidence.of(rows))
        .recommend(l, consumed, limit);
    assertThat(recs).isNotEmpty().hasSizeLessThanOrEqualTo(limit);
    if (consumed.size() < CATALOGUE.size()) {
      assertThat(recs).allSatisfy(r -> assertThat(consumed).doesNotContain(r.asset().id()));
    }
    List<String> ids = new ArrayList<>();
    recs.forEach(r -> ids.add(r.asset().id()));
    assertThat(ids).doesNotHaveDuplicates();
  }
}
