package dev.leadkit.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ImportException;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvImportFormatTest {
  private final LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z"))
      .build();

  static CsvImportSpec.Builder spec() {
    return CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY)
        .column("size", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .column("interests", AttributeKey.INTEREST, AttributeValue.Kind.LIST);
  }

  private Lead lead(String email) {
    return kit.leadByEmail(email).orElseThrow();
  }

  private String company(String email) {
    return lead(email).attributes().text(AttributeKey.COMPANY).orElseThrow();
  }

  @Test
  void tabSeparatedFilesKeepCommasAndSemicolonsInCells() {
    String tsv = "email\tcompany\tsize\tinterests\n"
        + "a@example.com\tYamada Kogyo, Ltd.\t1,200\terp; crm\n"
        + "b@example.com\t\"Sato\tDenki\"\t\"850\"\t\n"
        + "c@example.com\tSuzuki \"Shoji\"\t40\tscm\n";
    ImportReport r = kit.importCsv(new StringReader(tsv), spec().delimiter('\t').build());
    assertThat(r.errors()).isEmpty();
    assertThat(r.created()).isEqualTo(3);
    assertThat(company("a@example.com")).isEqualTo("Yamada Kogyo, Ltd.");
    assertThat(lead("a@example.com").attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(new BigDecimal("1200"));
    assertThat(lead("a@example.com").attributes().text(AttributeKey.INTEREST))
        .contains("erp, crm");
    assertThat(company("b@example.com")).isEqualTo("Sato\tDenki");
    assertThat(company("c@example.com")).as("a quote inside an unquoted cell is kept")
        .isEqualTo("Suzuki \"Shoji\"");
  }

  @Test
  void semicolonSeparatedFilesWithQuotedDelimitersQuotesAndLineBreaks() {
    String csv = """
        email;company;size;interests
        a@example.com;"Yamada; Kogyo";"1,200";"erp; crm"
        b@example.com;"Sato ""Denki""
        Tokyo office";850;
        c@example.com;Suzuki;forty;
        d@example.com;"";10;
        """;
    ImportReport r = kit.importCsv(new StringReader(csv), spec().delimiter(';').build());
    assertThat(company("a@example.com")).isEqualTo("Yamada; Kogyo");
    assertThat(lead("a@example.com").attributes().text(AttributeKey.INTEREST))
        .contains("erp, crm");
    assertThat(company("b@example.com")).isEqualTo("Sato \"Denki\"\nTokyo office");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).as("the row after the two-line cell starts on line 5").isEqualTo(5);
      assertThat(e.reason()).contains("forty");
    });
    assertThat(lead("d@example.com").attributes().text(AttributeKey.COMPANY)).isEmpty();
    assertThat(r.rows()).isEqualTo(4);
  }

  @Test
  void anyDelimiterAndQuoteCharacter() {
    String csv = "email|company|size\n"
        + "a@example.com|'Yamada | Kogyo'|'1,200'\n"
        + "b@example.com|'Sato''s \"Denki\"'|850\n";
    ImportReport r = kit.importCsv(new StringReader(csv), CsvImportSpec.custom("x")
        .column("company", AttributeKey.COMPANY)
        .column("size", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER)
        .delimiter('|').quoteChar('\'').build());
    assertThat(r.errors()).isEmpty();
    assertThat(company("a@example.com")).isEqualTo("Yamada | Kogyo");
    assertThat(company("b@example.com")).isEqualTo("Sato's \"Denki\"");
  }

  @Test
  void quotedCommaSeparatedCellsByDefault() {
    String csv = "email,company\r\n"
        + "a@example.com,\"Yamada, \"\"Kogyo\"\"\r\nTokyo\"\r\n"
        + "b@example.com,Sato\r\n";
    ImportReport r = kit.importCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY).build());
    assertThat(r.errors()).isEmpty();
    assertThat(company("a@example.com")).isEqualTo("Yamada, \"Kogyo\"\r\nTokyo");
    assertThat(company("b@example.com")).isEqualTo("Sato");
  }

  @Test
  void aTabSeparatedFileShiftJisEncodedAsExcelSavesIt() {
    Charset ms932 = Charset.forName("Windows-31J");
    String tsv = "メール\t会社名\n"
        + "taro@yamada-kogyo.co.jp\t株式会社山田工業\n"
        + "hanako@sato-denki.example\t\"㈱佐藤電機\t東京支店\"\n";
    ImportReport r = kit.importCsv(new ByteArrayInputStream(tsv.getBytes(ms932)),
        CsvImportSpec.custom("x").emailColumn("メール").column("会社名", AttributeKey.COMPANY)
            .delimiter('\t').build());
    assertThat(r.charset()).contains(ms932);
    assertThat(company("taro@yamada-kogyo.co.jp")).isEqualTo("株式会社山田工業");
    assertThat(company("hanako@sato-denki.example")).isEqualTo("㈱佐藤電機\t東京支店");
  }

  @Test
  void aFileReadWithTheWrongDelimiterIsRefusedWithAHint() {
    String csv = "email;company\na@example.com;A\n";
    assertThatThrownBy(() -> kit.importCsv(new StringReader(csv),
        CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY).build()))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("no e-mail column")
        .hasMessageContaining("is the delimiter ';'?");
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void theSpecRefusesUnusableDelimitersAndQuotes() {
    assertThatThrownBy(() -> CsvImportSpec.custom("x").delimiter('\n'))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("a line feed");
    assertThatThrownBy(() -> CsvImportSpec.custom("x").quoteChar('\r'))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("a carriage return");
    assertThatThrownBy(() -> CsvImportSpec.custom("x").delimiter('"').build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("must differ")
        .hasMessageContaining("'\"'");
    assertThatThrownBy(() -> CsvImportSpec.custom("x").delimiter(';').delimiter('\t'))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("already set to ';'").hasMessageContaining("a tab");
    assertThatThrownBy(() -> CsvImportSpec.custom("x").quoteChar('\'').quoteChar('`'))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("already set to '''");
    assertThatThrownBy(() -> CsvImportSpec.custom("x").charset(StandardCharsets.UTF_8)
        .charset(Charset.forName("Windows-31J")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("already set to UTF-8").hasMessageContaining("windows-31j");
  }

  @Test
  void theSpecDefaultsToCommasDoubleQuotesAndDetection() {
    CsvImportSpec s = CsvImportSpec.custom("x").build();
    assertThat(s.delimiter()).isEqualTo(',');
    assertThat(s.quoteChar()).isEqualTo('"');
    assertThat(s.charset()).isEmpty();
  }
}
