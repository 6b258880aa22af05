package dev.leadkit.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvImportDuplicatesTest {
  private final LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z"))
      .build();

  static CsvImportSpec spec() {
    return CsvImportSpec.custom("expo-2025").column("company", AttributeKey.COMPANY)
        .column("size", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .column("title", AttributeKey.TITLE)
        .touchpoint(TouchpointType.EVENT_ATTENDED, Instant.parse("2025-10-08T01:00:00Z"),
            Map.of(PropertyKey.EVENT, "expo-2025"))
        .build();
  }

  static final String CSV = """
      email,company,size,title
      Taro@Example.co.jp,Yamada Kogyo,120,
      hanako@example.com,Sato Denki,850,CIO
      ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ,株式会社山田工業,,Manager
      """;

  private Lead lead(String email) {
    return kit.leadByEmail(email).orElseThrow();
  }

  @Test
  void aRepeatedAddressIsReportedWithBothLinesAndLaterNonEmptyCellsWin() {
    ImportReport r = kit.importCsv(new StringReader(CSV), spec());

    assertThat(r.duplicates()).containsExactly(
        new DuplicateRow(EmailAddress.parse("taro@example.co.jp"), 2, 4));
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.created()).isEqualTo(2);
    assertThat(r.unchanged()).as("a repeat is not an unchanged lead").isZero();
    assertThat(r.updated()).isZero();
    assertThat(r.accepted())
        .isEqualTo(r.created() + r.updated() + r.unchanged() + r.duplicates().size());
    assertThat(r.toString()).contains("0 unchanged, 1 repeated, 0 refused");
    assertThat(r.duplicates().get(0).toString())
        .isEqualTo("line 4: taro@example.co.jp repeats line 2");

    Lead taro = lead("taro@example.co.jp");
    assertThat(taro.attributes().text(AttributeKey.COMPANY)).contains("株式会社山田工業");
    assertThat(taro.attributes().number(AttributeKey.COMPANY_SIZE))
        .as("an empty cell keeps the earlier value").contains(new BigDecimal("120"));
    assertThat(taro.attributes().text(AttributeKey.TITLE)).contains("Manager");
    assertThat(kit.leadStore().count()).isEqualTo(2);
    assertThat(kit.touchpointLog().findByLead(taro.id(), TouchpointQuery.all())).hasSize(1);
  }

  @Test
  void reimportingCountsTheRepeatAsARepeatAgainNotAsUnchanged() {
    kit.importCsv(new StringReader(CSV), spec());
    ImportReport again = kit.importCsv(new StringReader(CSV), spec());
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.created() + again.updated()).isZero();
    assertThat(again.duplicates()).extracting(DuplicateRow::line).containsExactly(4L);
    assertThat(again.touchpointsRecorded()).isZero();
  }

  @Test
  void aThirdRowIsReportedAgainstTheFirst() {
    String csv = """
        email,company,size,title
        a@example.com,A1,1,
        b@example.com,B,2,
        A@example.com,A2,,
        a@EXAMPLE.com,,3,
        """;
    ImportReport r = kit.importCsv(new StringReader(csv), spec());
    assertThat(r.duplicates()).extracting(DuplicateRow::firstLine, DuplicateRow::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 4L),
            org.assertj.core.groups.Tuple.tuple(2L, 5L));
    assertThat(lead("a@example.com").attributes().text(AttributeKey.COMPANY)).contains("A2");
    assertThat(lead("a@example.com").attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(BigDecimal.valueOf(3));
  }

  @Test
  void aRefusedRowIsNeverTheFirstOfARepeat() {
    String csv = """
        email,company,size,title
        a@example.com,Bad,many,
        a@example.com,Good,10,
        """;
    ImportReport r = kit.importCsv(new StringReader(csv), spec());
    assertThat(r.errors()).extracting(RowError::line).containsExactly(2L);
    assertThat(r.duplicates()).isEmpty();
    assertThat(r.created()).isEqualTo(1);
    assertThat(lead("a@example.com").attributes().text(AttributeKey.COMPANY)).contains("Good");
  }

  @Test
  void aLeadStoredBeforeTheImportCountsOnceAsUpdatedAndItsRepeatAsARepeat() {
    kit.upsertLead(LeadInput.email("hanako@example.com").attribute(AttributeKey.COMPANY, "Old")
        .build());
    String csv = """
        email,company,size,title
        hanako@example.com,Sato Denki,,
        hanako@example.com,,850,
        """;
    ImportReport r = kit.importCsv(new StringReader(csv), spec());
    assertThat(r.updated()).isEqualTo(1);
    assertThat(r.created() + r.unchanged()).isZero();
    assertThat(r.duplicates()).extracting(DuplicateRow::line).containsExactly(3L);
    assertThat(lead("hanako@example.com").attributes().text(AttributeKey.COMPANY))
        .contains("Sato Denki");
    assertThat(lead("hanako@example.com").attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(BigDecimal.valueOf(850));
  }

  @Test
  void repeatsInDifferentWriteBatchesMergeTheSameWay() {
    StringBuilder csv = new StringBuilder("email,company,size,title\n");
    csv.append("first@example.com,First Co,10,\n");
    for (int i = 0; i < 1200; i++) {
      csv.append("u").append(i).append("@example.com,U,").append(i).append(",\n");
    }
    csv.append("FIRST@example.com,Last Co,,CEO\n");
    ImportReport r = kit.importCsv(new StringReader(csv.toString()), spec());
    assertThat(r.duplicates()).containsExactly(
        new DuplicateRow(EmailAddress.parse("first@example.com"), 2, 1203));
    assertThat(r.created()).isEqualTo(1201);
    assertThat(r.updated() + r.unchanged()).isZero();
    Lead first = lead("first@example.com");
    assertThat(first.attributes().text(AttributeKey.COMPANY)).contains("Last Co");
    assertThat(first.attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(BigDecimal.valueOf(10));
    assertThat(first.attributes().text(AttributeKey.TITLE)).contains("CEO");
  }

  @Provide
  Arbitrary<List<String>> rows() {
    Arbitrary<String> good = Arbitraries.of("a", "b", "c", "A", "B").flatMap(
        local -> Arbitraries.integers().between(0, 99).injectNull(0.3).map(size ->
            local + "@example.com,Co" + local + "," + (size == null ? "" : size) + ","));
    Arbitrary<String> bad = Arbitraries.of("no-at-sign,X,1,", "a@example.com,X,ten,", ",X,1,");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, good),
        net.jqwik.api.Tuple.of(1, bad)).list().ofMaxSize(25);
  }

  @Property(tries = 60)
  void everyRowIsCountedOnceAndRepeatsAreTheAcceptedRowsBeyondTheFirstPerAddress(
      @ForAll("rows") List<String> rows) {
    LeadKit k = LeadKit.builder().clock(ManualClock.at("2026-04-01T00:00:00Z")).build();
    String csv = "email,company,size,title\n" + String.join("\n", rows) + "\n";
    for (int round = 0; round < 2; round++) {
      ImportReport r = k.importCsv(new StringReader(csv), spec());
      long distinct = k.leadStore().count();
      assertThat(r.rows()).isEqualTo(rows.size());
      assertThat(r.accepted())
          .isEqualTo(r.created() + r.updated() + r.unchanged() + r.duplicates().size());
      assertThat(r.duplicates()).hasSize(r.accepted() - (int) distinct);
      assertThat(r.duplicates()).allSatisfy(d -> assertThat(d.firstLine()).isLessThan(d.line()));
      if (round == 1) {
        assertThat(r.unchanged()).isEqualTo((int) distinct);
      }
    }
  }
}
