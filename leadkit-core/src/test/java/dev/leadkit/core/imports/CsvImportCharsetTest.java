package dev.leadkit.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ImportException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvImportCharsetTest {
  static final Charset MS932 = Charset.forName("Windows-31J");
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** Business cards as Japanese Excel saves them: kanji, ㈱, full-width and half-width forms. */
  static final String CARDS = """
      会社名,氏名,メールアドレス,従業員数
      株式会社山田工業,山田 太郎,taro@yamada-kogyo.co.jp,"１，２００"
      ㈱佐藤電機,佐藤 花子,ｈａｎａｋｏ＠ｓａｔｏ－ｄｅｎｋｉ．ｅｘａｍｐｌｅ,８５０
      ｽｽﾞｷｼｮｳｼﾞ,鈴木　一郎,suzuki@suzuki-shoji.example,４０
      """;

  private final LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T09:00:00Z"))
      .build();

  static CsvImportSpec.Builder spec() {
    return CsvImportSpec.custom("expo-2025").emailColumn("メールアドレス")
        .column("会社名", AttributeKey.COMPANY).column("氏名", AttributeKey.LAST_NAME)
        .column("従業員数", AttributeKey.COMPANY_SIZE, AttributeValue.Kind.NUMBER);
  }

  static InputStream bytes(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private Lead lead(String email) {
    return kit.leadByEmail(email).orElseThrow();
  }

  private void assertCardsImported(ImportReport r) {
    assertThat(r.errors()).isEmpty();
    assertThat(r.created()).isEqualTo(3);
    assertThat(lead("taro@yamada-kogyo.co.jp").attributes().text(AttributeKey.COMPANY))
        .contains("株式会社山田工業");
    assertThat(lead("taro@yamada-kogyo.co.jp").attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(new BigDecimal("1200"));
    Lead hanako = lead("hanako@sato-denki.example");
    assertThat(hanako.attributes().text(AttributeKey.COMPANY)).contains("㈱佐藤電機");
    assertThat(hanako.attributes().text(AttributeKey.LAST_NAME)).contains("佐藤 花子");
    assertThat(hanako.attributes().number(AttributeKey.COMPANY_SIZE))
        .contains(new BigDecimal("850"));
    Lead ichiro = lead("suzuki@suzuki-shoji.example");
    assertThat(ichiro.attributes().text(AttributeKey.COMPANY)).contains("ｽｽﾞｷｼｮｳｼﾞ");
    assertThat(ichiro.attributes().text(AttributeKey.LAST_NAME)).contains("鈴木　一郎");
  }

  @Test
  void utf8WithAByteOrderMarkIsReadAsUtf8() {
    ImportReport r = kit.importCsv(bytes(BOM, CARDS.getBytes(StandardCharsets.UTF_8)),
        spec().build());
    assertThat(r.charset()).contains(StandardCharsets.UTF_8);
    assertCardsImported(r);
  }

  @Test
  void utf8WithoutAByteOrderMarkIsDetected() {
    ImportReport r = kit.importCsv(bytes(CARDS.getBytes(StandardCharsets.UTF_8)), spec().build());
    assertThat(r.charset()).contains(StandardCharsets.UTF_8);
    assertThat(r.toString()).endsWith("(UTF-8)");
    assertCardsImported(r);
  }

  @Test
  void windows31jAsJapaneseExcelWritesItIsDetected() {
    byte[] sjis = CARDS.getBytes(MS932);
    assertThat(decodesStrictly(sjis, StandardCharsets.UTF_8)).as("the test file is not UTF-8")
        .isFalse();
    ImportReport r = kit.importCsv(bytes(sjis), spec().build());
    assertThat(r.charset()).contains(MS932);
    assertCardsImported(r);
  }

  @Test
  void aCharsetOnTheSpecIsUsedWithoutDetection() {
    ImportReport r = kit.importCsv(bytes(CARDS.getBytes(MS932)), spec().charset(MS932).build());
    assertThat(r.charset()).contains(MS932);
    assertCardsImported(r);
  }

  @Test
  void utf8BytesUnderAShiftJisSpecAreRefusedRowByRowNotTurnedIntoMojibake() {
    // the header is ASCII so it reads either way; the first row holds UTF-8 kana that are not
    // valid Shift_JIS (some UTF-8 kanji are, and no decoder can tell such a file is wrong)
    String csv = """
        company,email
        株式会社ビー,taro@yamada-kogyo.co.jp
        Suzuki Shoji,suzuki@suzuki-shoji.example
        """;
    CsvImportSpec s = CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY)
        .charset(Charset.forName("Shift_JIS")).build();
    ImportReport r = kit.importCsv(bytes(csv.getBytes(StandardCharsets.UTF_8)), s);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.reason()).contains("not valid Shift_JIS").contains("0x");
    });
    assertThat(kit.leadByEmail("taro@yamada-kogyo.co.jp")).isEmpty();
    assertThat(lead("suzuki@suzuki-shoji.example").attributes().text(AttributeKey.COMPANY))
        .contains("Suzuki Shoji");
    assertThat(r.rows()).isEqualTo(2);
    assertThat(r.created()).isEqualTo(1);
  }

  @Test
  void badBytesInAKnownCharsetRefuseOnlyTheirRowWithItsLine() {
    byte[] file = concat(
        "会社名,氏名,メールアドレス,従業員数\r\n".getBytes(MS932),
        "\"株式会社\r\n山田工業\",山田,taro@yamada-kogyo.co.jp,10\r\n".getBytes(MS932),
        "鈴木商事,鈴木,suzuki@suzuki-shoji.example,".getBytes(MS932),
        new byte[] {(byte) 0x82, 0x20}, // a lead byte with no valid second byte
        "\r\n".getBytes(MS932),
        "㈱佐藤電機,佐藤,hanako@sato-denki.example,850\r\n".getBytes(MS932));
    ImportReport r = kit.importCsv(bytes(file), spec().charset(MS932).build());

    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).as("the quoted cell spans lines 2 and 3").isEqualTo(4);
      assertThat(e.reason()).isEqualTo("byte 0x82 is not valid windows-31j; the row was not"
          + " imported");
    });
    assertThat(kit.leadByEmail("suzuki@suzuki-shoji.example")).isEmpty();
    assertThat(lead("taro@yamada-kogyo.co.jp").attributes().text(AttributeKey.COMPANY))
        .contains("株式会社\r\n山田工業");
    assertThat(lead("hanako@sato-denki.example").attributes().text(AttributeKey.COMPANY))
        .contains("㈱佐藤電機");
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.created()).isEqualTo(2);
  }

  @Test
  void aByteOrderMarkFixesUtf8SoBadBytesAreRowErrors() {
    byte[] file = concat(BOM, ascii("email,company\n"),
        ascii("a@example.com,"), new byte[] {(byte) 0xC3, 0x28}, ascii("\n"),
        "b@example.com,株式会社ビー\n".getBytes(StandardCharsets.UTF_8));
    ImportReport r = kit.importCsv(bytes(file),
        CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY).build());
    assertThat(r.charset()).contains(StandardCharsets.UTF_8);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.reason()).contains("0xC3").contains("UTF-8");
    });
    assertThat(kit.leadByEmail("a@example.com")).isEmpty();
    assertThat(lead("b@example.com").attributes().text(AttributeKey.COMPANY))
        .contains("株式会社ビー");
  }

  @Test
  void aFileThatIsNeitherUtf8NorWindows31jIsRefusedWhole() {
    // UTF-8 kanji (not Windows-31J as a whole) and a stray Shift_JIS lead byte (not UTF-8)
    byte[] file = concat("email,company\nb@example.com,株式会社ビー\n"
        .getBytes(StandardCharsets.UTF_8), ascii("a@example.com,"),
        new byte[] {(byte) 0x82, 0x20}, ascii("\n"));
    assertThat(decodesStrictly(file, MS932)).as("the test file is not Windows-31J").isFalse();
    CsvImportSpec s = CsvImportSpec.custom("x").column("company", AttributeKey.COMPANY).build();
    assertThatThrownBy(() -> kit.importCsv(bytes(file), s))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("neither UTF-8 (byte 0x82 at line 3 is not valid)")
        .hasMessageContaining("nor Windows-31J")
        .hasMessageContaining("set the charset");
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void badBytesInTheHeaderRefuseTheWholeFile() {
    byte[] file = concat(ascii("email,comp"), new byte[] {(byte) 0xFF}, ascii("ny\n"),
        ascii("a@example.com,A\n"));
    CsvImportSpec s = CsvImportSpec.custom("x").charset(StandardCharsets.UTF_8).build();
    assertThatThrownBy(() -> kit.importCsv(bytes(file), s))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("header")
        .hasMessageContaining("byte 0xFF at line 1 is not valid UTF-8");
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void aUtf8ByteOrderMarkContradictingTheSpecsCharsetIsRefused() {
    CsvImportSpec s = spec().charset(MS932).build();
    assertThatThrownBy(() -> kit.importCsv(bytes(BOM, CARDS.getBytes(StandardCharsets.UTF_8)),
        s)).isInstanceOf(ImportException.class).hasMessageContaining("byte-order mark")
        .hasMessageContaining("windows-31j");
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void shiftJisWithoutTheWindowsExtensionsRefusesRowsThatUseThem() {
    // ㈱ exists only in Windows-31J; strict Shift_JIS refuses it instead of guessing
    ImportReport r = kit.importCsv(bytes(CARDS.getBytes(MS932)),
        spec().charset(Charset.forName("Shift_JIS")).build());
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.reason()).contains("0x87").contains("Shift_JIS");
    });
    assertThat(kit.leadByEmail("hanako@sato-denki.example")).isEmpty();
    assertThat(r.created()).isEqualTo(2);
  }

  @Test
  void aReaderIsAlreadyTextSoTheReportNamesNoCharset() {
    ImportReport r = kit.importCsv(new StringReader(CARDS), spec().charset(MS932).build());
    assertThat(r.charset()).isEmpty();
    assertCardsImported(r);
  }

  @Test
  void anEmptyStreamIsRefused() {
    assertThatThrownBy(() -> kit.importCsv(bytes(), spec().build()))
        .isInstanceOf(ImportException.class).hasMessageContaining("empty");
  }

  @Test
  void badBytesFarIntoALargeFileAreFoundInTheirRow() {
    StringBuilder csv = new StringBuilder("メールアドレス,会社名,氏名,従業員数\n");
    for (int i = 1; i <= 700; i++) {
      csv.append("user").append(i).append("@example.co.jp,株式会社テスト").append(i)
          .append(",\"試験\n").append(i).append("\",").append(i).append('\n');
    }
    byte[] good = csv.toString().getBytes(MS932);
    // corrupt the first byte of the company cell on the row of user613
    String marker = "user613@example.co.jp,";
    int at = indexOf(good, marker.getBytes(MS932)) + marker.length();
    good[at] = (byte) 0xFF;
    ImportReport r = kit.importCsv(bytes(good), spec().charset(MS932).build());
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).as("each row takes two lines").isEqualTo(2 + 2 * 612);
      assertThat(e.reason()).contains("0xFF");
    });
    assertThat(kit.leadByEmail("user613@example.co.jp")).isEmpty();
    assertThat(kit.leadByEmail("user612@example.co.jp")).isPresent();
    assertThat(kit.leadByEmail("user614@example.co.jp")).isPresent();
    assertThat(kit.leadStore().count()).isEqualTo(699);
  }

  private static boolean decodesStrictly(byte[] bytes, Charset cs) {
    try {
      cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
