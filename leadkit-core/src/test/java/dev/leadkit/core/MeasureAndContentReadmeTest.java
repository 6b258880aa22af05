package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.content.AssetEvidence;
import dev.leadkit.core.content.ContentAsset;
import dev.leadkit.core.content.ContentRecommender;
import dev.leadkit.core.content.ContentVariants;
import dev.leadkit.core.content.ProgressiveProfile;
import dev.leadkit.core.content.Recommendation;
import dev.leadkit.core.content.Template;
import dev.leadkit.core.content.TokenSchema;
import dev.leadkit.core.content.TokenValues;
import dev.leadkit.core.content.VariantRule;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.measure.Funnel;
import dev.leadkit.core.measure.FunnelStage;
import dev.leadkit.core.measure.KpiReport;
import dev.leadkit.core.measure.KpiSettings;
import dev.leadkit.core.measure.LeadGrouping;
import dev.leadkit.core.measure.Measurement;
import dev.leadkit.core.measure.MeasurementSource;
import dev.leadkit.core.measure.Rate;
import dev.leadkit.core.measure.ReportPeriod;
import dev.leadkit.core.measure.ReportTables;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README section on measurement and personalisation, compiled and run. The code between the
 * tag comments is what the README shows (see .notes/measure.md); the lead developer copies these
 * regions into leadkit-examples' ReadmeExamplesTest when merging the README.
 */
class MeasureAndContentReadmeTest {
  @Test
  void measurementAndPersonalisationExampleRuns() {
    ManualClock clock = ManualClock.at("2026-04-03T00:00:00Z");
    LeadKit kit = LeadKit.builder().clock(clock).build();
    Lead lead = kit.upsertLead(LeadInput.email("sato@example.co.jp")
        .attribute(AttributeKey.LAST_NAME, "佐藤").attribute(AttributeKey.ROLE, "it_admin")
        .attribute(AttributeKey.SOURCE, "expo-2026").build()).lead();
    kit.track(Touchpoint.forLead(lead.id(), TouchpointType.ASSET_DOWNLOADED, clock.instant())
        .property(PropertyKey.ASSET, "ma-guide").build());
    kit.changeStage(lead.id(), LifecycleStage.MQL, "score crossed 20");
    lead = kit.require(lead.id());

    // tag::measure[]
    MeasurementSource source = InMemory.measurementSource(kit.leadStore(), kit.touchpointLog());
    ReportPeriod april = ReportPeriod.month(YearMonth.of(2026, 4), ZoneId.of("Asia/Tokyo"));

    KpiReport kpis = Measurement.kpis(source, april, KpiSettings.ofDefaults());
    Rate winRate = kpis.winRate();          // wins / (wins + losses); 0/0 is "undefined", not NaN
    Funnel funnel = Measurement.funnel(source, april, LeadGrouping.bySource());
    String table = ReportTables.kpis(kpis); // a plain-text table for a log or console
    // end::measure[]

    // tag::personalise[]
    Template intro = Template.html("<p>{{lead.company|\"貴社\"}} {{lead.last_name|\"ご担当者\"}}様</p>"
        + "{{{owner.signature|\"\"}}}", TokenSchema.standard());  // checked here, once
    ContentVariants<String> subject = ContentVariants.<String>builder()
        .when(VariantRule.role("it_admin").andStage(LifecycleStage.MQL), "導入チェックリストのご案内")
        .otherwise("最新事例のご紹介");
    String body = intro.render(TokenValues.of(lead, Optional.empty()));

    ContentRecommender recommender = ContentRecommender.of(List.of(
        ContentAsset.of("ma-guide", "MA入門ガイド"),
        ContentAsset.of("checklist", "導入チェックリスト").forRoles("it_admin"),
        ContentAsset.of("pricing", "料金表").forStages(LifecycleStage.SQL)),
        AssetEvidence.load(source, LifecycleStage.OPPORTUNITY));
    Optional<Recommendation> next = recommender.next(lead,
        ContentRecommender.consumedAssets(kit.touchpointLog(), lead.id()));

    ProgressiveProfile form = ProgressiveProfile.of(List.of(AttributeKey.COMPANY,
        AttributeKey.TITLE, AttributeKey.INDUSTRY, AttributeKey.COMPANY_SIZE));
    List<AttributeKey> ask = form.nextFields(lead);   // [company, title]
    // end::personalise[]

    assertThat(winRate.defined()).isFalse();
    assertThat(kpis.newLeads()).isEqualTo(1);
    assertThat(kpis.downloads()).isEqualTo(1);
    assertThat(funnel.count("expo-2026", FunnelStage.MQL)).isEqualTo(1);
    assertThat(table).contains("approach count");
    assertThat(body).isEqualTo("<p>貴社 佐藤様</p>");
    assertThat(subject.choose(lead)).isEqualTo("導入チェックリストのご案内");
    assertThat(next).map(r -> r.asset().id()).contains("checklist");
    assertThat(ask).containsExactly(AttributeKey.COMPANY, AttributeKey.TITLE);
  }
}
