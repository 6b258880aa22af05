package dev.leadkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.imports.RowError;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.testkit.LeadStoreContract;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in README.md must appear, verbatim up to indentation, inside a marked region
 * of a test in some module ({@code // tag::name[]} ... {@code // end::name[]}, or {@code // ---
 * README: name} ... {@code // --- end README}), where it is compiled and run. Change the README
 * and the test together.
 */
class ReadmeExamplesTest {

  @Test
  void everyJavaBlockInTheReadmeIsCompiledAndRunByATest() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      blocks.add(normalise(m.group(1)));
    }
    List<String> regions = new ArrayList<>();
    Pattern tagged = Pattern.compile(
        "// tag::([a-z-]+)\\[\\]\\n(.*?)// end::\\1\\[\\]"
            + "|// --- README(?:: [^\\n]*| snippet start)\\n(.*?)"
            + "// --- (?:README end|end README|end ---|README snippet end)",
        Pattern.DOTALL);
    List<Path> sources;
    try (var walk = Files.walk(Path.of(".."))) {
      sources = walk.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("src" + java.io.File.separator + "test"))
          .toList();
    }
    for (Path source : sources) {
      Matcher r = tagged.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (r.find()) {
        regions.add(normalise(r.group(2) != null ? r.group(2) : r.group(3)));
      }
    }
    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      assertThat(regions).as("README block not found in any test:%n%s", block)
          .anySatisfy(region -> assertThat(("\n" + region + "\n"))
              .contains("\n" + block + "\n"));
    }
  }

  private static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void embeddingTutorialRuns() {
    // tag::embed[]
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    LeadKit kit = LeadKit.builder().clock(clock).build();

    Lead taro = kit.upsertLead(LeadInput.email("Taro.Yamada@Example.CO.JP ")
            .attribute(AttributeKey.COMPANY, "Yamada Kogyo")
            .attribute(AttributeKey.COMPANY_SIZE, AttributeValue.number(1200))
            .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "business-card")
            .build())
        .lead();

    kit.track(Touchpoint.forLead(taro.id(), TouchpointType.PAGE_VIEW, clock.instant())
        .id("web-evt-1").url("/products/erp").build());
    kit.changeStage(taro.id(), LifecycleStage.MQL, "asked for a demo");

    assertThat(kit.leadByEmail("taro.yamada@example.co.jp")).get()
        .extracting(Lead::stage).isEqualTo(LifecycleStage.MQL);
    // end::embed[]
  }

  @Test
  void listenersSeeStageChanges() {
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    LeadKit kit = LeadKit.builder().clock(clock).build();
    // tag::listen[]
    List<String> handoffs = new ArrayList<>();
    kit.events().onStageChanged(e -> {
      if (e.to() == LifecycleStage.MQL) {
        handoffs.add(e.lead() + ": " + e.reason());
      }
    });
    // end::listen[]
    Lead l = kit.upsertLead(LeadInput.email("a@example.com").build()).lead();
    kit.changeStage(l.id(), LifecycleStage.MQL, "score crossed 20");
    assertThat(handoffs).containsExactly(l.id() + ": score crossed 20");
  }

  @Test
  void csvImportRuns() {
    LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z")).build();
    // tag::import[]
    CsvImportSpec spec = CsvImportSpec.custom("expo-2025")
        .emailColumn("E-mail")
        .column("Company", AttributeKey.COMPANY)
        .column("Employees", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED)
        .touchpoint(TouchpointType.EVENT_ATTENDED, Instant.parse("2025-10-08T01:00:00Z"),
            Map.of(PropertyKey.EVENT, "expo-2025"))
        .build();
    ImportReport report = kit.importCsv(new StringReader("""
        E-mail,Company,Employees
        sato@sato-denki.example,Sato Denki,850
        not-an-address,Broken Inc,10
        """), spec);

    assertThat(report.created()).isEqualTo(1);
    assertThat(report.errors()).extracting(RowError::line).containsExactly(3L);
    // end::import[]
  }

  @Test
  void csvImportFromExcelBytesRuns() {
    LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z")).build();
    byte[] excelFile = "メール\t会社名\r\ntaro@yamada-kogyo.co.jp\t株式会社山田工業\r\n"
        .getBytes(Charset.forName("Windows-31J"));
    // tag::import-bytes[]
    CsvImportSpec tsv = CsvImportSpec.custom("seminar-2025")
        .emailColumn("メール")
        .column("会社名", AttributeKey.COMPANY)
        .delimiter('\t')
        .build();
    ImportReport report = kit.importCsv(new ByteArrayInputStream(excelFile), tsv);

    assertThat(report.charset()).contains(Charset.forName("Windows-31J"));
    assertThat(report.created()).isEqualTo(1);
    // end::import-bytes[]
    assertThat(kit.leadByEmail("taro@yamada-kogyo.co.jp").orElseThrow().attributes()
        .text(AttributeKey.COMPANY)).contains("株式会社山田工業");
  }

  @Test
  void mailerRuns() {
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
    // tag::mailer[]
    Mailer mailer = (message, recipient) -> {
      // render message.template() for recipient, send it through your provider with
      // message.key() as the idempotency key, and return the provider's message id
      return "provider-" + message.key();
    };
    LeadKit withMailer = LeadKit.builder().clock(clock).mailer(mailer).build();
    // end::mailer[]
    Lead l = withMailer.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    withMailer.outbox().enqueue(new OutboundMessage(MessageKey.of("m1"), l.id(), Channel.EMAIL,
        "welcome-1", Optional.empty(), Map.of(), clock.instant(), false), clock.instant());
    assertThat(withMailer.dispatch().sent()).isEqualTo(1);
    assertThat(withMailer.outbox().find(MessageKey.of("m1")).orElseThrow().providerId())
        .contains("provider-m1");
  }

  /** The README's adapter example, run for real against a delegating store. */
  @Nested
  // tag::adapter[]
  class MyLeadStoreTest extends LeadStoreContract {
    @Override
    protected LeadStore newStore() {
      return new MyLeadStore(freshDatabase());
    }
  }
  // end::adapter[]

  static LeadStore freshDatabase() {
    return InMemory.leadStore();
  }

  /** Stands in for a host's adapter: delegates every call. */
  static final class MyLeadStore implements LeadStore {
    private final LeadStore d;

    MyLeadStore(LeadStore d) {
      this.d = d;
    }

    @Override
    public Optional<Lead> findById(dev.leadkit.core.lead.LeadId id) {
      return d.findById(id);
    }

    @Override
    public Optional<Lead> findByEmail(dev.leadkit.core.lead.EmailAddress email) {
      return d.findByEmail(email);
    }

    @Override
    public Map<dev.leadkit.core.lead.LeadId, Lead> findAllById(
        java.util.Collection<dev.leadkit.core.lead.LeadId> ids) {
      return d.findAllById(ids);
    }

    @Override
    public Map<dev.leadkit.core.lead.EmailAddress, Lead> findAllByEmail(
        java.util.Collection<dev.leadkit.core.lead.EmailAddress> emails) {
      return d.findAllByEmail(emails);
    }

    @Override
    public Lead save(Lead lead) {
      return d.save(lead);
    }

    @Override
    public List<Lead> saveAll(List<Lead> leads) {
      return d.saveAll(leads);
    }

    @Override
    public boolean delete(dev.leadkit.core.lead.LeadId id) {
      return d.delete(id);
    }

    @Override
    public List<Lead> page(dev.leadkit.core.lead.@org.jspecify.annotations.Nullable LeadId after,
        int limit) {
      return d.page(after, limit);
    }

    @Override
    public long count() {
      return d.count();
    }
  }
}
