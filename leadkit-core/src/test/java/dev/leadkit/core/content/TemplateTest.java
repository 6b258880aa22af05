package dev.leadkit.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.content.TemplateDefinitionException.Problem;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final TokenSchema SCHEMA = TokenSchema.standard();
  private static final OwnerProfile OWNER = new OwnerProfile(OwnerId.of("rep-1"), "山田 太郎",
      "yamada@example.co.jp", Optional.of("営業部"), "山田 太郎\n営業部 <sales>");

  private static Lead lead(Attributes a) {
    return Lead.create(LeadId.of("l1"), EmailAddress.parse("sato@example.jp"), a,
        Instant.parse("2026-04-01T00:00:00Z"));
  }

  private static Attributes sato() {
    return Attributes.empty().with(AttributeKey.LAST_NAME, "佐藤")
        .with(AttributeKey.COMPANY, "ACME & Sons").with(AttributeKey.TITLE, "部長");
  }

  @Test
  void tokensForNameCompanyTitleAndOwnerSignatureAreFilledIn() {
    Template t = Template.text("{{lead.company|\"貴社\"}} {{lead.last_name|\"ご担当者\"}}様 "
        + "({{lead.title|\"\"}})\n--\n{{owner.signature|\"leadkit 事務局\"}}", SCHEMA);
    String out = t.render(TokenValues.of(lead(sato()), Optional.of(OWNER)));
    assertThat(out).isEqualTo("ACME & Sons 佐藤様 (部長)\n--\n山田 太郎\n営業部 <sales>");
  }

  @Test
  void fallbacksReplaceMissingValues() {
    Template t = Template.text("{{lead.company|\"貴社\"}}の{{lead.last_name|lead.email}}様 "
        + "{{owner.name|\"担当営業\"}}", SCHEMA);
    assertThat(t.render(TokenValues.of(lead(Attributes.empty()), Optional.empty())))
        .isEqualTo("貴社のsato@example.jp様 担当営業");
  }

  @Test
  void htmlTemplatesEscapeValuesUnlessRaw() {
    Template t = Template.html("<p>{{lead.company|\"貴社\"}}</p>{{{owner.signature|\"\"}}}",
        SCHEMA);
    Lead l = lead(Attributes.empty().with(AttributeKey.COMPANY,
        "<script>alert('x')</script> & \"Co\""));
    assertThat(t.render(TokenValues.of(l, Optional.of(OWNER)))).isEqualTo(
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</p>"
            + "山田 太郎\n営業部 <sales>");
  }

  @Test
  void aTokenThatMayBeMissingWithoutFallbackIsRefusedWhenDefined() {
    assertThatThrownBy(() -> Template.html("こんにちは\n  {{lead.first_name}} 様", SCHEMA))
        .isInstanceOfSatisfying(TemplateDefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.MISSING_FALLBACK);
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(3);
          assertThat(e.token()).isEqualTo("lead.first_name");
        });
  }

  @Test
  void anUnknownTokenIsRefusedWhenDefined() {
    assertThatThrownBy(() -> Template.text("{{lead.favourite_colour|\"blue\"}}", SCHEMA))
        .isInstanceOfSatisfying(TemplateDefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TOKEN);
          assertThat(e.getMessage()).contains("lead.favourite_colour");
        });
    Template ok = Template.text("{{lead.favourite_colour|\"blue\"}}",
        SCHEMA.withLeadAttribute(AttributeKey.of("favourite_colour")));
    assertThat(ok.tokens()).containsExactly("lead.favourite_colour");
  }

  @Test
  void malformedPlaceholdersAreSyntaxErrors() {
    for (String bad : new String[] {"{{lead.company|\"x\"", "{{}}", "{{lead.company|}}",
        "{{\"a\"|lead.company}}", "{{lead.company|\"unterminated}}", "{{lead.email|lead.company}}",
        "{{lead.company lead.title|\"x\"}}", "{{\"\\n\"}}"}) {
      assertThatThrownBy(() -> Template.text(bad, SCHEMA)).as(bad)
          .isInstanceOfSatisfying(TemplateDefinitionException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.SYNTAX));
    }
  }

  @Test
  void anAlwaysPresentTokenNeedsNoFallbackButMustBeSuppliedAtRenderTime() {
    TokenSchema s = SCHEMA.with("unsubscribe_url", TokenSchema.Presence.ALWAYS);
    Template t = Template.html("<a href=\"{{unsubscribe_url}}\">配信停止</a>", s);
    assertThat(t.render(TokenValues.of(Map.of("unsubscribe_url", "https://x/u?a=1&b=2"))))
        .isEqualTo("<a href=\"https://x/u?a=1&amp;b=2\">配信停止</a>");
    assertThatThrownBy(() -> t.render(TokenValues.of(Map.of())))
        .isInstanceOf(TemplateRenderException.class).hasMessageContaining("unsubscribe_url");
  }

  @Test
  void literalBracesAndEscapedQuotesCanBeWritten() {
    Template t = Template.html("{{\"{{\"}}x}} {{lead.company|\"\\\"Co\\\" \\\\\"}}", SCHEMA);
    assertThat(t.render(TokenValues.of(Map.of()))).isEqualTo("{{x}} &quot;Co&quot; \\");
  }

  @Test
  void blankValuesFallBackAndHostValuesCombine() {
    TokenSchema s = SCHEMA.with("campaign.name", TokenSchema.Presence.MAYBE);
    Template t = Template.text("{{campaign.name|\"秋のセミナー\"}}/{{lead.company|\"貴社\"}}", s);
    TokenValues v = TokenValues.of(Map.of("campaign.name", "  "))
        .orElse(TokenValues.of(lead(sato()), Optional.empty()));
    assertThat(t.render(v)).isEqualTo("秋のセミナー/ACME & Sons");
  }

  @Property(tries = 200)
  void escapedOutputNeverContainsMarkupCharactersFromValues(@ForAll String company) {
    Template t = Template.html("{{lead.company|\"貴社\"}}", SCHEMA);
    String out = t.render(token -> token.equals("lead.company") ? Optional.of(company)
        : Optional.empty());
    assertThat(out).doesNotContain("<", ">", "\"", "'");
  }
}
