package dev.leadkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownVocabularyException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.json.ScoringJson;
import org.junit.jupiter.api.Test;

/** Scoring models are checked against the engine's vocabulary when the plugin is installed. */
class ScoringVocabularyTest {
  private final ManualClock clock = ManualClock.at("2026-04-01T09:00:00Z");

  private LeadKit build(ScoringModel model, Vocabulary vocabulary) {
    LeadKit.Builder b = LeadKit.builder().clock(clock)
        .install(ScoringPlugin.builder().model(model).build());
    if (vocabulary != null) {
      b.vocabulary(vocabulary);
    }
    return b.build();
  }

  private static ScoringModel withBehaviour(TouchpointFilter filter) {
    return ScoringModel.custom("engagement").behaviour("pricing", filter, 5).build();
  }

  @Test
  void aTypoInABehaviourRuleInTheTextSyntaxIsRefusedWithASuggestion() {
    ScoringModel model = withBehaviour(
        PredicateText.parseFilter("page_veiw where url ~ \"/pricing/**\""));
    assertThatThrownBy(() -> build(model, null))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessage("unknown touchpoint type \"page_veiw\" in scoring model \"engagement\" rule "
            + "\"pricing\"; did you mean \"page_view\"?");
  }

  @Test
  void aTypoInAFluentRuleIsRefused() {
    ScoringModel property = withBehaviour(TouchpointFilter.of(TouchpointType.EMAIL_CLICKED)
        .property(PropertyKey.of("campain"), "spring"));
    assertThatThrownBy(() -> build(property, null))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("property key \"campain\"")
        .hasMessageContaining("did you mean \"campaign\"?");
    ScoringModel fit = ScoringModel.custom("fit")
        .fit("it", Predicates.attribute("indsutry").eq("it"), 10).build();
    UnknownVocabularyException e = (UnknownVocabularyException) org.assertj.core.api.Assertions
        .catchThrowable(() -> build(fit, null));
    assertThat(e.kind()).isEqualTo(Vocabulary.Kind.ATTRIBUTE_KEY);
    assertThat(e.suggestion()).contains("industry");
    assertThat(e.getMessage()).contains("scoring model \"fit\" rule \"it\"");
  }

  @Test
  void aTypoInScoringJsonIsRefused() {
    String json = ScoringJson.write(ScoringModel.custom("engagement")
        .behaviour("demo", TouchpointFilter.of(TouchpointType.FORM_SUBMITTED), 10)
        .fit("it", Predicates.attribute(AttributeKey.INDUSTRY).eq("it"), 10).build());
    ScoringModel typeTypo = ScoringJson.readModel(json.replace("form_submitted", "form_submited"));
    assertThatThrownBy(() -> build(typeTypo, null))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"form_submitted\"?");
    ScoringModel keyTypo = ScoringJson.readModel(json.replace("industry", "industy"));
    assertThatThrownBy(() -> build(keyTypo, null))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"industry\"?");
    // the untouched document builds
    assertThat(build(ScoringJson.readModel(json), null).plugin(ScoringPlugin.class)).isPresent();
  }

  @Test
  void registeredCustomNamesAreAcceptedAndScore() {
    TouchpointType webinar = TouchpointType.of("webinar_attended");
    LeadKit kit = build(withBehaviour(TouchpointFilter.of(webinar)),
        Vocabulary.custom().touchpointTypes(webinar).build());
    ScoringPlugin scoring = kit.plugin(ScoringPlugin.class).orElseThrow();
    LeadId lead = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    kit.track(Touchpoint.forLead(lead, webinar, clock.instant()).build());
    assertThat(scoring.currentScore(lead, "engagement").orElseThrow().value()).isEqualTo(5.0);
  }

  @Test
  void theLenientModeAcceptsUnknownNames() {
    LeadKit kit = build(withBehaviour(TouchpointFilter.of(TouchpointType.of("page_veiw"))),
        Vocabulary.custom().lenient().build());
    assertThat(kit.plugin(ScoringPlugin.class).orElseThrow().model("engagement").model().name())
        .isEqualTo("engagement");
  }

  @Test
  void anUnknownModelNameThrows() {
    LeadKit kit = build(withBehaviour(TouchpointFilter.of(TouchpointType.PAGE_VIEW)), null);
    ScoringPlugin scoring = kit.plugin(ScoringPlugin.class).orElseThrow();
    LeadId lead = kit.upsertLead(LeadInput.email("a@example.com").build()).lead().id();
    assertThatThrownBy(() -> scoring.model("engagment"))
        .isInstanceOf(UnknownModelException.class).hasMessageContaining("\"engagment\"");
    assertThatThrownBy(() -> scoring.currentScore(lead, "engagment"))
        .isInstanceOf(UnknownModelException.class);
    assertThatThrownBy(() -> scoring.explain(lead, "engagment"))
        .isInstanceOf(UnknownModelException.class);
  }
}
