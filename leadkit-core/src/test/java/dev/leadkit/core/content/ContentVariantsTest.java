package dev.leadkit.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContentVariantsTest {
  private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");

  private static Lead lead(String industry, String role, LifecycleStage stage) {
    Attributes a = Attributes.empty();
    if (industry != null) {
      a = a.with(AttributeKey.INDUSTRY, industry);
    }
    if (role != null) {
      a = a.with(AttributeKey.ROLE, role);
    }
    Lead l = Lead.create(LeadId.of("l"), EmailAddress.parse("l@example.com"), a, T);
    return l.withStage(stage, "t", T, StageTransitions.defaults());
  }

  private final ContentVariants<String> intro = ContentVariants.<String>builder()
      .when(VariantRule.industry("manufacturing").andStage(LifecycleStage.MQL), "factory-mql")
      .when(VariantRule.industry("Manufacturing"), "factory")
      .when(VariantRule.role("it_admin"), "it")
      .otherwise("generic");

  @Test
  void firstMatchingVariantWins() {
    assertThat(intro.choose(lead("manufacturing", "it_admin", LifecycleStage.MQL)))
        .isEqualTo("factory-mql");
    assertThat(intro.choose(lead("MANUFACTURING", "it_admin", LifecycleStage.KNOWN)))
        .isEqualTo("factory");
    assertThat(intro.choose(lead("retail", "it_admin", LifecycleStage.MQL))).isEqualTo("it");
  }

  @Test
  void leadsMatchingNoRuleGetTheDefault() {
    assertThat(intro.choose(lead(null, null, LifecycleStage.KNOWN))).isEqualTo("generic");
    assertThat(intro.choose(lead("retail", "cfo", LifecycleStage.SQL))).isEqualTo("generic");
  }

  @Test
  void aRuleWithoutConditionOrARepeatedRuleIsRefused() {
    assertThatThrownBy(() -> VariantRule.industry()).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("otherwise");
    assertThatThrownBy(() -> ContentVariants.<String>builder()
        .when(VariantRule.role("cfo"), "a").when(VariantRule.role("CFO"), "b"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("never be chosen");
  }

  @Test
  void aNullValueInARuleIsAnInvalidValueNotANullPointer() {
    assertThatThrownBy(() -> VariantRule.role("cfo", null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("null");
    assertThat(VariantRule.role("cfo", "CFO").roles()).containsExactly("cfo");
  }

  @Test
  void variantsCanHoldCompiledTemplates() {
    ContentVariants<Template> subject = ContentVariants.<Template>builder()
        .when(VariantRule.stage(LifecycleStage.OPPORTUNITY),
            Template.text("{{lead.company|\"貴社\"}}向けお見積りのご案内", TokenSchema.standard()))
        .otherwise(Template.text("最新事例のご紹介", TokenSchema.standard()));
    Lead opp = lead(null, null, LifecycleStage.OPPORTUNITY);
    assertThat(subject.choose(opp).render(TokenValues.of(opp, java.util.Optional.empty())))
        .isEqualTo("貴社向けお見積りのご案内");
  }
}
