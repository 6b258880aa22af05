package dev.leadkit.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidEmailException;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @Test
  void caseAndSurroundingBlanksDoNotMakeADifferentLead() {
    assertThat(EmailAddress.parse("Taro.Yamada@Example.CO.JP "))
        .isEqualTo(EmailAddress.parse("taro.yamada@example.co.jp"));
    assertThat(EmailAddress.parse("\u3000taro.yamada@example.co.jp\t").value())
        .isEqualTo("taro.yamada@example.co.jp");
  }

  @Test
  void fullWidthInputFromJapaneseDataEntryIsNormalised() {
    assertThat(EmailAddress.parse("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ").value()).isEqualTo("taro@example.jp");
  }

  @Test
  void internationalisedDomainIsStoredAsPunycode() {
    EmailAddress e = EmailAddress.parse("info@例え.jp");
    assertThat(e.domain()).startsWith("xn--").endsWith(".jp");
    assertThat(e.localPart()).isEqualTo("info");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "plainaddress", "@example.com", "taro@", "a@b@example.com",
      "taro@localhost", "taro..yamada@example.com", ".taro@example.com", "taro.@example.com",
      "taro yamada@example.com", "taro@exa mple.com", "taro@-example.com", "taro@example-.com",
      "taro@example..com", "\"quoted\"@example.com", "taro@example.123", "taro(comment)@ex.com",
      "taro@ex_ample.com"})
  void malformedAddressIsRefusedWithATypedErrorQuotingIt(String raw) {
    assertThatThrownBy(() -> EmailAddress.parse(raw))
        .isInstanceOf(InvalidEmailException.class)
        .hasMessageContaining("\"" + raw + "\"")
        .satisfies(e -> assertThat(((InvalidEmailException) e).input()).isEqualTo(raw));
  }

  @Test
  void rfc5321LengthLimitsAreEnforced() {
    String local64 = "a".repeat(64);
    assertThat(EmailAddress.isValid(local64 + "@example.com")).isTrue();
    assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com"))
        .isInstanceOf(InvalidEmailException.class).hasMessageContaining("local part");
    String label63 = "b".repeat(63);
    String domain = label63 + "." + label63 + "." + label63 + ".com"; // 196 chars
    assertThat(EmailAddress.isValid(local64.substring(0, 50) + "@" + domain)).isTrue();
    assertThatThrownBy(() -> EmailAddress.parse(local64 + "@" + domain))
        .isInstanceOf(InvalidEmailException.class).hasMessageContaining("254");
    assertThatThrownBy(() -> EmailAddress.parse("a@" + "c".repeat(64) + ".com"))
        .isInstanceOf(InvalidEmailException.class).hasMessageContaining("label");
  }

  @Test
  void constructorAcceptsOnlyNormalForm() {
    assertThatThrownBy(() -> new EmailAddress("Taro@example.com"))
        .isInstanceOf(InvalidEmailException.class);
    assertThat(new EmailAddress("taro@example.com").value()).isEqualTo("taro@example.com");
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcdefXYZ0123456789_+-")
        .ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> label = Arbitraries.strings().withChars("abcxyzABC0189")
        .ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> tld = Arbitraries.of("com", "jp", "co.jp", "ORG", "Net");
    return Combinators.combine(local, label, tld, Arbitraries.of("", " ", "\t", "\u3000"))
        .as((l, d, t, pad) -> pad + l + "@" + d + "." + t + pad);
  }

  @Property
  void normalisationIsIdempotent(@ForAll("addresses") String raw) {
    EmailAddress once = EmailAddress.parse(raw);
    assertThat(EmailAddress.parse(once.value())).isEqualTo(once);
  }

  @Property
  void addressesDifferingOnlyInCaseAreEqual(@ForAll("addresses") String raw) {
    assertThat(EmailAddress.parse(raw.toUpperCase(Locale.ROOT)))
        .isEqualTo(EmailAddress.parse(raw.toLowerCase(Locale.ROOT)));
  }

  @Property
  void parserNeverThrowsAnythingButItsOwnError(@ForAll String anything) {
    try {
      EmailAddress e = EmailAddress.parse(anything);
      assertThat(e.value()).contains("@").hasSizeLessThanOrEqualTo(254);
    } catch (InvalidEmailException expected) {
      assertThat(expected.input()).isEqualTo(anything);
    }
  }
}
