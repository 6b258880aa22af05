package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.segment.EvaluationReport;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Known answers for segment push-down on each database, and the set-based full evaluation. */
class SegmentPushdownTest {
  private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
  private static final AttributeKey TITLE = AttributeKey.TITLE;

  private static JdbcStores stores(Dialect d) {
    return TestDatabases.stores(d, SegmentPushdownTest.class.getName())
        .leadCache(LeadCache.disabled()).build();
  }

  private static Lead lead(String id, Map<AttributeKey, AttributeValue> attributes) {
    return Lead.create(LeadId.of(id), EmailAddress.parse(id + "@example.com"),
        Attributes.of(attributes), NOW);
  }

  private static List<String> matching(JdbcStores stores, String predicate) {
    List<String> out = new ArrayList<>();
    LeadId after = null;
    do {
      PredicateQuery.Page page = stores.segmentQuery().matching(PredicateText.parse(predicate),
          NOW, after, 100);
      page.leads().forEach(l -> out.add(l.value()));
      after = page.next().orElse(null);
    } while (after != null);
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void likeMetacharactersAndQuotesInValuesAreMatchedLiterally(Dialect d) {
    JdbcStores stores = stores(d);
    stores.leadStore().saveAll(List.of(
        lead("a", Map.of(TITLE, AttributeValue.text("50%_off!"))),
        lead("b", Map.of(TITLE, AttributeValue.text("50xyoff"))),
        lead("c", Map.of(TITLE, AttributeValue.text("O'Reilly'; DROP TABLE x; --"))),
        lead("d", Map.of(TITLE, AttributeValue.text("back\\slash")))));

    assertThat(matching(stores, "title contains \"%_\"")).containsExactly("a");
    assertThat(matching(stores, "title starts with \"50%\"")).containsExactly("a");
    assertThat(matching(stores, "title contains \"!\"")).containsExactly("a");
    assertThat(matching(stores, "title = \"O'Reilly'; DROP TABLE x; --\"")).containsExactly("c");
    assertThat(matching(stores, "title contains \"k\\\\s\"")).containsExactly("d");
    assertThat(matching(stores, "title starts with \"50\"")).containsExactly("a", "b");
    assertThat(matching(stores, "title contains \"OFF\"")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void urlGlobsMatchThePathOfAbsoluteUrlsAndTheBareDirectory(Dialect d) {
    JdbcStores stores = stores(d);
    stores.leadStore().saveAll(List.of(lead("abs", Map.of()), lead("bare", Map.of()),
        lead("other", Map.of()), lead("pct", Map.of())));
    stores.touchpointLog().appendAll(List.of(
        view("abs", "https://acme.example/pricing/erp?utm=1#top"),
        view("bare", "/pricing"),
        view("other", "/pricingx/erp"),
        view("pct", "/a%b/c")));

    assertThat(matching(stores, "count(page_view where url ~ \"/pricing/**\") >= 1"))
        .containsExactly("abs", "bare");
    assertThat(matching(stores, "count(page_view where url ~ \"/pricing/*\") >= 1"))
        .containsExactly("abs");
    assertThat(matching(stores, "count(page_view where url ~ \"/a%b/**\") >= 1"))
        .containsExactly("pct");
    assertThat(matching(stores, "count(page_view where url ~ \"https://acme.example/**\") >= 1"))
        .containsExactly("abs");
    assertThat(matching(stores, "not last_touch(page_view where url ~ \"/p?icing/**\")"
        + " within 1d")).containsExactly("other", "pct");
    assertThat(stores.segmentQuery().fullyPushedDown(
        PredicateText.parse("count(page_view where url ~ \"/pricing/**\") >= 1"))).isTrue();
    assertThat(stores.segmentQuery().fullyPushedDown(
        PredicateText.parse("count(page_view where url ~ \"/pricing/*\") >= 1"))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theSideTablesFollowEverySaveAndDelete(Dialect d) {
    JdbcStores stores = stores(d);
    Lead saved = stores.leadStore().save(lead("x", Map.of(AttributeKey.INDUSTRY,
        AttributeValue.list(List.of("it", "retail")))));
    assertThat(matching(stores, "industry = \"retail\"")).containsExactly("x");

    stores.leadStore().save(saved.withAttributes(Attributes.of(Map.of(AttributeKey.INDUSTRY,
        AttributeValue.text("it"))), NOW));
    assertThat(matching(stores, "industry = \"retail\"")).isEmpty();
    assertThat(matching(stores, "industry = \"it\"")).containsExactly("x");

    stores.leadStore().delete(saved.id());
    assertThat(matching(stores, "industry = \"it\" or industry missing")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void definingASegmentReadsOnlyTheLeadsWhoseMembershipChanges(Dialect d) {
    JdbcStores stores = stores(d);
    List<Lead> leads = new ArrayList<>();
    List<Touchpoint> views = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String id = String.format("lead-%03d", i);
      leads.add(lead(id, Map.of(AttributeKey.INDUSTRY,
          AttributeValue.text(i % 3 == 0 ? "manufacturing" : "retail"))));
      if (i % 2 == 0) {
        views.add(view(id, "https://www.example.co.jp/products/erp/page-" + i));
      }
    }
    stores.leadStore().saveAll(leads);
    stores.touchpointLog().appendAll(views);
    SegmentsPlugin segments = SegmentsPlugin.builder()
        .membershipStore(stores.segmentMembershipStore())
        .staticListStore(stores.staticListStore())
        .predicateQuery(stores.segmentQuery()).build();
    LeadKit kit = LeadKit.builder().clock(ManualClock.at(NOW)).leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog()).install(segments).build();
    Predicate erp = PredicateText.parse("industry in (\"manufacturing\", \"it\")"
        + " and count(page_view where url ~ \"/products/erp/**\") >= 1");

    EvaluationReport report = segments.define(SegmentDefinition.parse("erp", "ERP, mfg",
        erp.toText()));

    CompiledPredicate compiled = erp.compile();
    List<LeadId> expected = leads.stream().filter(l -> compiled.test(EvaluationInput.of(l,
        kit.touchpointLog(), compiled, NOW))).map(Lead::id).toList();
    assertThat(expected).hasSize(20);
    assertThat(segments.members(SegmentId.of("erp"), null, 1000)).isEqualTo(expected);
    assertThat(report.entered()).isEqualTo(20);
    assertThat(report.leadsScanned()).as("only entering leads are read").isEqualTo(20);
    assertThat(segments.evaluate(SegmentId.of("erp")).leadsScanned()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSlidingWindowSegmentIsSetBasedAndItsMembersLeaveWhenTheWindowCloses(Dialect d) {
    JdbcStores stores = stores(d);
    List<Lead> leads = new ArrayList<>();
    List<Touchpoint> views = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      String id = String.format("lead-%03d", i);
      leads.add(lead(id, Map.of(AttributeKey.INDUSTRY, AttributeValue.text("it"))));
      // a third viewed pricing 1 day ago, a third 20 days ago, a third 40 days ago
      Instant at = NOW.minus(Duration.ofDays(i % 3 == 0 ? 1 : i % 3 == 1 ? 20 : 40));
      views.add(Touchpoint.forLead(LeadId.of(id), TouchpointType.PAGE_VIEW, at)
          .id("tp-" + id).url("https://www.example.co.jp/pricing/plans").build());
    }
    stores.leadStore().saveAll(leads);
    stores.touchpointLog().appendAll(views);
    SegmentsPlugin segments = SegmentsPlugin.builder()
        .membershipStore(stores.segmentMembershipStore())
        .staticListStore(stores.staticListStore())
        .predicateQuery(stores.segmentQuery()).build();
    ManualClock clock = ManualClock.at(NOW);
    LeadKit kit = LeadKit.builder().clock(clock).leadStore(stores.leadStore())
        .touchpointLog(stores.touchpointLog()).install(segments).build();
    SegmentId pricing = SegmentId.of("pricing-30d");

    EvaluationReport report = segments.define(SegmentDefinition.parse("pricing-30d", "Pricing",
        "count(page_view where url ~ \"/pricing/**\", last 30d) >= 1"));

    assertThat(report.entered()).isEqualTo(60);
    assertThat(report.leadsScanned()).as("the 30 leads outside the window are never read")
        .isEqualTo(60);
    // the members seen 20 days ago leave 10 days later, by their time-based re-check
    clock.set(NOW.plus(Duration.ofDays(10)).plusSeconds(1));
    kit.runDue();
    assertThat(segments.count(pricing)).isEqualTo(30);
    assertThat(segments.members(pricing, null, 100)).allSatisfy(l ->
        assertThat(Integer.parseInt(l.value().substring(5)) % 3).isZero());
  }

  /**
   * A behaviour count is an aggregate over every lead, so its first statement reads ahead and
   * the walk's next pages come from that read: a lead that qualifies after the first page is
   * not in this walk (the pages show one moment), and is in the next walk. Without a count the
   * pages are separate statements and see it at once.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aWalkOverABehaviourCountReadsAheadAndShowsOneMoment(Dialect d) {
    JdbcStores stores = stores(d);
    List<Lead> leads = new ArrayList<>();
    List<Touchpoint> views = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = "m" + i;
      leads.add(lead(id, Map.of(TITLE, AttributeValue.text("cto"))));
      if (i != 7) {
        views.add(Touchpoint.forLead(LeadId.of(id), TouchpointType.PAGE_VIEW,
            NOW.minusSeconds(60)).id("tp-" + id).url("/pricing/erp").build());
      }
    }
    stores.leadStore().saveAll(leads);
    stores.touchpointLog().appendAll(views);
    Predicate counted = PredicateText.parse("count(page_view where url ~ \"/pricing/**\") >= 1");
    Predicate plain = PredicateText.parse("title = \"cto\"");
    SegmentQuery q = stores.segmentQuery();

    PredicateQuery.Page first = q.matching(counted, NOW, null, 3);
    PredicateQuery.Page plainFirst = q.matching(plain, NOW, null, 3);
    assertThat(first.leads()).extracting(LeadId::value).containsExactly("m0", "m1", "m2");
    stores.touchpointLog().append(Touchpoint.forLead(LeadId.of("m7"), TouchpointType.PAGE_VIEW,
        NOW.minusSeconds(30)).id("tp-m7").url("/pricing").build());

    List<String> rest = new ArrayList<>();
    LeadId after = first.next().orElseThrow();
    int pages = 0;
    while (after != null) {
      PredicateQuery.Page p = q.matching(counted, NOW, after, 3);
      assertThat(p.leads()).hasSizeLessThanOrEqualTo(3);
      p.leads().forEach(l -> rest.add(l.value()));
      after = p.next().orElse(null);
      pages++;
    }
    assertThat(rest).containsExactly("m3", "m4", "m5", "m6", "m8", "m9");
    assertThat(pages).isEqualTo(2);
    assertThat(matching(stores, "count(page_view where url ~ \"/pricing/**\") >= 1"))
        .hasSize(10).contains("m7");

    List<String> plainRest = new ArrayList<>();
    after = plainFirst.next().orElseThrow();
    while (after != null) {
      PredicateQuery.Page p = q.matching(plain, NOW, after, 3);
      p.leads().forEach(l -> plainRest.add(l.value()));
      after = p.next().orElse(null);
    }
    assertThat(plainRest).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
  }

  private static Touchpoint view(String lead, String url) {
    return Touchpoint.forLead(LeadId.of(lead), TouchpointType.PAGE_VIEW, NOW.minusSeconds(60))
        .id("tp-" + lead).url(url).build();
  }
}
