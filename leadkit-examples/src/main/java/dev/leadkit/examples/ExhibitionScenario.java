package dev.leadkit.examples;

import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.imports.DuplicateRow;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.imports.RowError;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seeds 000 and 001: business cards from an exhibition are imported, then the leads browse the
 * company site.
 */
final class ExhibitionScenario implements Scenario {
  static final Instant EXPO_DAY = Instant.parse("2025-10-08T01:00:00Z");

  @Override
  public String name() {
    return "exhibition";
  }

  @Override
  public String title() {
    return "Exhibition business cards -> one lead per address -> web activity";
  }

  static CsvImportSpec cardSpec() {
    return CsvImportSpec.custom("expo-2025")
        .emailColumn("E-mail")
        .column("Name", AttributeKey.LAST_NAME)
        .column("Company", AttributeKey.COMPANY)
        .column("Department", AttributeKey.DEPARTMENT)
        .column("Title", AttributeKey.TITLE)
        .column("Industry", AttributeKey.INDUSTRY)
        .column("Employees", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .column("Met", AttributeKey.FIRST_CONTACT_AT, AttributeValue.Kind.DATE)
        .column("Interests", AttributeKey.INTEREST, AttributeValue.Kind.LIST)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED)
        .touchpoint(TouchpointType.EVENT_ATTENDED, EXPO_DAY,
            Map.of(PropertyKey.EVENT, "expo-2025"))
        .build();
  }

  static ImportReport importCards(DemoEnv env) throws Exception {
    // the bytes as saved; the importer detects the charset (UTF-8 here, Windows-31J from Excel)
    try (InputStream in = Objects.requireNonNull(
        ExhibitionScenario.class.getResourceAsStream("/scenarios/expo-2025-cards.csv"))) {
      return env.kit.importCsv(in, cardSpec());
    }
  }

  @Override
  public void run(DemoEnv env, Report out) throws Exception {
    ImportReport report = importCards(env);
    out.line("Imported expo-2025-cards.csv: %s", report);
    for (RowError e : report.errors()) {
      out.line("  refused %s", e);
    }
    for (DuplicateRow d : report.duplicates()) {
      out.line("  repeated %s", d);
    }
    ImportReport again = importCards(env);
    out.line("Imported it again:           %s", again);

    // a week of site visits by some of the imported leads
    String[][] visits = {
        {"taro.yamada@yamada-kogyo.co.jp", "/", "/products/erp", "/products/erp/pricing",
            "/docs/erp-whitepaper"},
        {"hanako.sato@sato-denki.example", "/", "/products/erp"},
        {"jun.watanabe@watanabe-kensetsu.example", "/", "/products/erp", "/case-studies/bim",
            "/contact"},
        {"aya.kobayashi@kobayashi-foods.example", "/"},
    };
    int n = 0;
    for (String[] v : visits) {
      Lead lead = env.kit.leadByEmail(v[0]).orElseThrow();
      for (int i = 1; i < v.length; i++) {
        env.clock.advance(Duration.ofMinutes(37));
        env.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.PAGE_VIEW, env.clock.instant())
            .id("web-" + (++n)).url(v[i]).build());
      }
    }
    out.line("Tracked %d page views; sending the same events again records %d more.", n,
        env.kit.trackAll(List.of(Touchpoint.forLead(env.kit.leadByEmail(visits[0][0])
            .orElseThrow().id(), TouchpointType.PAGE_VIEW, env.clock.instant()).id("web-1")
            .build())).stream().filter(t -> t.recorded()).count());

    Report.Table t = out.table("Lead", "Company", "Title", "Stage", "Touchpoints", "Last touch");
    List<Lead> leads = env.kit.leadStore().page(null, 1000).stream()
        .sorted(Comparator.comparing(l -> l.email().value())).toList();
    for (Lead l : leads) {
      var tps = env.kit.touchpointLog().findByLead(l.id(), TouchpointQuery.all());
      t.row(l.email(), l.attributes().text(AttributeKey.COMPANY).orElse("-"),
          l.attributes().text(AttributeKey.TITLE).orElse("-"), l.stage(), tps.size(),
          tps.isEmpty() ? "-" : tps.get(tps.size() - 1).property(PropertyKey.URL)
              .orElse(tps.get(tps.size() - 1).type().name()));
    }
    t.print();
  }
}
