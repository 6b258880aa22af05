package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's segment push-down example, compiled and run on H2 (the block between tags). */
class PushdownReadmeExampleTest {
  @Test
  void theReadmePushdownExampleEvaluatesSegmentsInTheDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:readme-pd-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    // tag::pushdown[]
    JdbcStores stores = JdbcStores.builder(dataSource).installSchema().build();
    SegmentsPlugin segments = SegmentsPlugin.builder()
        .membershipStore(stores.segmentMembershipStore())
        .staticListStore(stores.staticListStore())
        .predicateQuery(stores.segmentQuery())          // set-based full evaluation
        .build();
    LeadKit kit = LeadKit.builder().leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog()).install(segments).build();

    segments.define(SegmentDefinition.parse("erp-mfg", "ERP interest in manufacturing",
        "industry in (\"manufacturing\", \"it\") and count(page_view where url ~ \"/products/erp/**\") >= 2"));

    // or ask the database directly, page by page (one statement per page):
    Predicate p = PredicateText.parse("score(fit) band in (\"A\", \"B\") and consent(email) is subscribed");
    long n = stores.segmentQuery().count(p, clock.instant());
    PredicateQuery.Page page = stores.segmentQuery().matching(p, clock.instant(), null, 500);
    // end::pushdown[]
    assertThat(n).isZero();
    assertThat(page.leads()).isEmpty();
    LeadId lead = kit.upsertLead(LeadInput.email("sato@example.co.jp")
        .attribute(AttributeKey.INDUSTRY, "manufacturing").build()).lead().id();
    for (int i = 0; i < 2; i++) {
      kit.track(Touchpoint.forLead(lead, TouchpointType.PAGE_VIEW, clock.instant())
          .url("https://www.example.co.jp/products/erp/page-" + i).build());
    }
    assertThat(segments.isMember(SegmentId.of("erp-mfg"), lead)).isTrue();
    assertThat(stores.segmentQuery().count(PredicateText.parse(
        "industry = \"manufacturing\" and count(page_view where url ~ \"/products/erp/**\") >= 2"),
        clock.instant())).isEqualTo(1);
  }
}
