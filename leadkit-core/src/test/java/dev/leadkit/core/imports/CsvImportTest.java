package dev.leadkit.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ImportException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvImportTest {
  static final Instant EXPO = Instant.parse("2025-10-08T01:00:00Z");

  static CsvImportSpec spec() {
    return CsvImportSpec.custom("expo-2025")
        .emailColumn("E-mail")
        .column("Name", AttributeKey.LAST_NAME)
        .column("Company", AttributeKey.COMPANY)
        .column("Employees", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .column("Met", AttributeKey.FIRST_CONTACT_AT, AttributeValue.Kind.DATE)
        .column("Interests", AttributeKey.INTEREST, AttributeValue.Kind.LIST)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED)
        .touchpoint(TouchpointType.EVENT_ATTENDED, EXPO, Map.of(PropertyKey.EVENT, "expo-2025"))
        .build();
  }

  static final String CARDS = """
      Name,Company,E-mail,Employees,Met,Interests
      山田,Yamada Kogyo,Taro.Yamada@Example.CO.JP ,"1,200",2025/10/08,erp; crm
      Suzuki,Suzuki Shoji,not-an-email,50,2025-10-08,
      Sato,Sato Denki,sato@sato-denki.jp,many,2025-10-08,
      Tanaka,Tanaka Seiko,tanaka@tanaka.example,３００,2025-10-09,erp

      Ito,Ito Butsuryu,,10,2025-10-09,
      Kato,Kato Inc,kato@kato.example,20,2025-13-40,
      """;

  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");
  private final LeadKit kit = LeadKit.builder().clock(clock).build();

  @Test
  void badRowsAreReportedByLineAndGoodRowsAreKept() {
    ImportReport r = kit.importCsv(new StringReader(CARDS), spec());
    assertThat(r.rows()).isEqualTo(6);
    assertThat(r.created()).isEqualTo(2);
    assertThat(r.errors()).extracting(RowError::line).containsExactly(3L, 4L, 7L, 8L);
    assertThat(r.errors().get(0).reason()).contains("not-an-email");
    assertThat(r.errors().get(1).reason()).contains("many").contains("Employees".toLowerCase());
    assertThat(r.errors().get(2).reason()).contains("empty");
    assertThat(r.errors().get(3).reason()).contains("2025-13-40");

    Lead taro = kit.leadByEmail("taro.yamada@example.co.jp").orElseThrow();
    assertThat(taro.attributes().text(AttributeKey.LAST_NAME)).contains("山田");
    assertThat(taro.attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(new BigDecimal("1200"));
    assertThat(taro.attributes().date(AttributeKey.FIRST_CONTACT_AT))
        .contains(LocalDate.of(2025, 10, 8));
    assertThat(taro.attributes().text(AttributeKey.INTEREST)).contains("erp, crm");
    assertThat(taro.attributes().text(AttributeKey.SOURCE)).contains("expo-2025");
    assertThat(taro.mayContact(Channel.EMAIL)).isTrue();
    assertThat(kit.leadByEmail("tanaka@tanaka.example").orElseThrow().attributes()
        .number(AttributeKey.COMPANY_SIZE)).contains(new BigDecimal("300"));
    assertThat(kit.leadByEmail("sato@sato-denki.jp")).isEmpty();
    assertThat(kit.touchpointLog().findByLead(taro.id(), TouchpointQuery.all()))
        .singleElement().satisfies(t -> {
          assertThat(t.type()).isEqualTo(TouchpointType.EVENT_ATTENDED);
          assertThat(t.at()).isEqualTo(EXPO);
          assertThat(t.property(PropertyKey.EVENT)).contains("expo-2025");
        });
  }

  @Test
  void reimportingTheSameFileChangesNothing() {
    kit.importCsv(new StringReader(CARDS), spec());
    List<Lead> before = snapshot();
    long touchpoints = kit.touchpointLog().count();
    ImportReport again = kit.importCsv(new StringReader(CARDS), spec());
    assertThat(again.created()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.touchpointsRecorded()).isZero();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(kit.touchpointLog().count()).isEqualTo(touchpoints);
  }

  @Test
  void existingSourceIsNotOverwrittenByAnImport() {
    kit.upsertLead(dev.leadkit.core.LeadInput.email("tanaka@tanaka.example")
        .attribute(AttributeKey.SOURCE, "web-form").build());
    kit.importCsv(new StringReader(CARDS), spec());
    assertThat(kit.leadByEmail("tanaka@tanaka.example").orElseThrow().attributes()
        .text(AttributeKey.SOURCE)).contains("web-form");
  }

  @Test
  void fileWithoutTheEmailColumnIsRefusedAndWritesNothing() {
    assertThatThrownBy(() -> kit.importCsv(new StringReader("Name,Company\nA,B\n"), spec()))
        .isInstanceOf(ImportException.class).hasMessageContaining("e-mail");
    assertThatThrownBy(() -> kit.importCsv(new StringReader(""), spec()))
        .isInstanceOf(ImportException.class);
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void brokenQuoteStopsReadingButKeepsEarlierRows() {
    String csv = "E-mail,Company\nok@example.com,Fine\nbad@example.com,\"unclosed\n";
    ImportReport r = kit.importCsv(new StringReader(csv),
        CsvImportSpec.custom("x").emailColumn("E-mail").column("Company", AttributeKey.COMPANY)
            .build());
    assertThat(r.created()).isEqualTo(1);
    assertThat(r.errors()).singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("malformed CSV"));
  }

  @Test
  void duplicateRowsInOneFileBecomeOneLead() {
    String csv = "email,company\nA@example.com,First\na@EXAMPLE.com,Second\n";
    ImportReport r = kit.importCsv(new StringReader(csv),
        CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY).build());
    assertThat(r.created()).isEqualTo(1);
    assertThat(kit.leadStore().count()).isEqualTo(1);
    assertThat(kit.leadByEmail("a@example.com").orElseThrow().attributes()
        .text(AttributeKey.COMPANY)).contains("Second");
  }

  private List<Lead> snapshot() {
    List<Lead> all = new ArrayList<>(kit.leadStore().page(null, 1000));
    all.sort(Comparator.comparing(l -> l.id().value()));
    return all;
  }

  @Provide
  Arbitrary<List<String>> rows() {
    Arbitrary<String> good = Arbitraries.strings().withChars("abcdefg").ofMinLength(1)
        .ofMaxLength(5).map(s -> s + "@example.com," + s.length() * 10);
    Arbitrary<String> bad = Arbitraries.of("no-at-sign,10", "x@example.com,ten",
        "@example.com,1", ",5", "y@@example.com,3");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, good), net.jqwik.api.Tuple.of(1, bad)).list().ofMaxSize(30);
  }

  @Property(tries = 60)
  void badRowsNeverAbortGoodOnesAndReimportIsANoOp(@ForAll("rows") List<String> rows) {
    LeadKit k = LeadKit.builder().clock(ManualClock.at("2026-04-01T00:00:00Z")).build();
    String csv = "email,size\n" + String.join("\n", rows) + "\n";
    CsvImportSpec s = CsvImportSpec.custom("p")
        .column("size", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER).build();
    ImportReport r = k.importCsv(new StringReader(csv), s);
    long distinctGood = rows.stream().filter(x -> x.matches("[a-g]+@example\\.com,\\d+"))
        .map(x -> x.substring(0, x.indexOf(','))).distinct().count();
    assertThat(r.errors()).hasSize(rows.size() - (int) rows.stream()
        .filter(x -> x.matches("[a-g]+@example\\.com,\\d+")).count());
    assertThat(k.leadStore().count()).isEqualTo(distinctGood);
    ImportReport again = k.importCsv(new StringReader(csv), s);
    assertThat(again.created() + again.updated()).isZero();
    assertThat(k.leadStore().count()).isEqualTo(distinctGood);
  }
}
