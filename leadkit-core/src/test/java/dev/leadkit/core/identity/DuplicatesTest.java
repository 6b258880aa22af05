package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
  private final Fixture f = new Fixture();

  private Lead lead(String email, String first, String last, String company, String phone) {
    LeadInput.Builder b = LeadInput.email(email);
    if (!first.isEmpty()) {
      b.attribute(AttributeKey.FIRST_NAME, first).attribute(AttributeKey.LAST_NAME, last)
          .attribute(AttributeKey.COMPANY, company);
    }
    if (!phone.isEmpty()) {
      b.attribute(AttributeKey.PHONE, phone);
    }
    return f.kit.upsertLead(b.build()).lead();
  }

  @Test
  void sameNameAtTheSameCompanyIsFoundDespiteWidthCaseAndCompanyForm() {
    Lead a = lead("taro@example.co.jp", "Taro", "Yamada", "株式会社エグザンプル", "");
    Lead b = lead("t.yamada@example.co.jp", "ＴＡＲＯ", "yamada ", "エグザンプル", "");
    lead("jiro@example.co.jp", "Jiro", "Yamada", "株式会社エグザンプル", "");
    assertThat(f.identity.findDuplicates()).singleElement().satisfies(c -> {
      assertThat(List.of(c.first(), c.second())).containsExactlyInAnyOrder(a.id(), b.id());
      assertThat(c.reasons()).containsExactly("same_name_and_company");
    });
  }

  @Test
  void samePhoneIsFoundAcrossNationalAndInternationalFormats() {
    Lead a = lead("a@example.com", "", "", "", "03-1234-5678");
    Lead b = lead("b@example.com", "", "", "", "+81 3 1234 5678");
    lead("c@example.com", "", "", "", "03-9999-0000");
    assertThat(f.identity.findDuplicates()).singleElement()
        .satisfies(c -> assertThat(c.reasons()).containsExactly("same_phone"));
    assertThat(f.identity.findDuplicatesOf(List.of(a.id()))).hasSize(1);
    assertThat(f.identity.findDuplicatesOf(List.of(LeadId.of("c-none")))).isEmpty();
    assertThat(b.id()).isNotEqualTo(a.id());
  }

  @Test
  void anAddressThatWasMergedIntoAnotherLeadIsFoundWhenItComesBack() {
    Lead a = f.lead("old@example.com");
    Lead b = f.lead("new@example.com");
    f.identity.merge(MergeRequest.of(b.id(), a.id(), "x", "moved").forced());
    Lead back = f.lead("old@example.com");
    assertThat(f.identity.findDuplicates()).singleElement().satisfies(c -> {
      assertThat(List.of(c.first(), c.second())).containsExactlyInAnyOrder(back.id(), b.id());
      assertThat(c.reasons()).containsExactly("merged_address");
    });
  }

  @Test
  void importMergesCardsWithoutAddressAutomaticallyButOnlyReportsKnownAddresses() {
    Lead web = lead("taro@example.co.jp", "Taro", "Yamada", "Example", "03-1111-2222");
    Lead other = lead("t.yamada@gmail.com", "", "", "", "");
    f.kit.modify(other.id(), l -> l.withAttributes(l.attributes()
        .with(AttributeKey.FIRST_NAME, "Taro").with(AttributeKey.LAST_NAME, "Yamada")
        .with(AttributeKey.COMPANY, "Example"), f.clock.instant()));
    String csv = """
        email,first,last,company,phone
        card-001@cards.invalid,Taro,Yamada,Example Inc.,03-1111-2222
        """;
    CsvImportSpec spec = CsvImportSpec.custom("expo-2025")
        .column("first", AttributeKey.FIRST_NAME).column("last", AttributeKey.LAST_NAME)
        .column("company", AttributeKey.COMPANY).column("phone", AttributeKey.PHONE).build();

    IdentityImportReport r = f.identity.importCsv(new StringReader(csv), spec);

    assertThat(r.report().created()).isEqualTo(1);
    assertThat(r.autoMerged()).hasSize(1).allSatisfy(m -> {
      assertThat(m.automatic()).isTrue();
      assertThat(m.forced()).isFalse();
    });
    LeadId survivor = r.autoMerged().get(0).survivor();
    assertThat(survivor).isIn(web.id(), other.id());
    assertThat(r.candidates()).as("two known addresses: reported, never merged")
        .singleElement().satisfies(c -> assertThat(List.of(c.first(), c.second()))
            .containsExactlyInAnyOrder(web.id(), other.id()));
    assertThat(f.kit.lead(web.id())).isPresent();
    assertThat(f.kit.lead(other.id())).isPresent();
    assertThat(f.kit.leadByEmail("card-001@cards.invalid")).isEmpty();
  }

  @Test
  void anExcelCardFileGivenAsBytesIsDecodedAndItsCardsAreMerged() {
    Lead web = lead("taro@example.co.jp", "太郎", "山田", "株式会社サンプル", "03-1111-2222");
    byte[] file = """
        email,first,last,company,phone
        card-001@cards.invalid,太郎,山田,㈱サンプル,０３－１１１１－２２２２
        """.getBytes(Charset.forName("Windows-31J"));
    CsvImportSpec spec = CsvImportSpec.custom("expo-2025")
        .column("first", AttributeKey.FIRST_NAME).column("last", AttributeKey.LAST_NAME)
        .column("company", AttributeKey.COMPANY).column("phone", AttributeKey.PHONE).build();

    IdentityImportReport r = f.identity.importCsv(new ByteArrayInputStream(file), spec);

    assertThat(r.report().charset()).contains(Charset.forName("Windows-31J"));
    assertThat(r.report().created()).isEqualTo(1);
    assertThat(r.autoMerged()).singleElement()
        .satisfies(m -> assertThat(m.survivor()).isEqualTo(web.id()));
    assertThat(f.kit.leadByEmail("card-001@cards.invalid")).isEmpty();
  }
}
