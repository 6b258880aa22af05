package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  static UnknownVocabularyException refusal(Runnable r) {
    try {
      r.run();
    } catch (UnknownVocabularyException e) {
      return e;
    }
    throw new AssertionError("expected an UnknownVocabularyException");
  }

  @Test
  void theDefaultsKnowEveryStandardConstantAndTheNamesLeadkitWritesItself() {
    Vocabulary v = Vocabulary.ofDefaults();
    assertThat(v.isLenient()).isFalse();
    assertThat(v.touchpointTypes()).containsAll(TouchpointType.STANDARD)
        .contains(TouchpointType.JOURNEY_EXITED, TouchpointType.MESSAGE_SENT);
    assertThat(v.attributeKeys()).containsExactlyInAnyOrderElementsOf(AttributeKey.STANDARD);
    assertThat(v.propertyKeys()).containsAll(PropertyKey.STANDARD)
        .contains(Identity.MERGED_FROM, Identity.TOKEN_REJECTED);
    assertThat(LeadKit.builder().build().vocabulary()).isEqualTo(v);
  }

  @Test
  void aTypoInATouchpointTypeIsRefusedWithTheClosestStandardName() {
    Predicate p = PredicateText.parse("count(page_veiw, last 30d) >= 1");
    UnknownVocabularyException e =
        refusal(() -> Vocabulary.ofDefaults().check(p, "segment \"s\""));
    assertThat(e).isInstanceOf(LeadkitException.class);
    assertThat(e.kind()).isEqualTo(Vocabulary.Kind.TOUCHPOINT_TYPE);
    assertThat(e.name()).isEqualTo("page_veiw");
    assertThat(e.suggestion()).contains("page_view");
    assertThat(e.getMessage()).isEqualTo("unknown touchpoint type \"page_veiw\" in segment \"s\"; "
        + "did you mean \"page_view\"?");
  }

  @Test
  void typosInAttributeAndPropertyKeysAreFoundInsideNestedConditions() {
    Predicate attr = Predicates.and(Predicates.stage().atLeast(
        dev.leadkit.core.lead.LifecycleStage.MQL),
        Predicates.not(Predicates.or(Predicates.attribute("indsutry").eq("it"),
            Predicates.attribute("title").contains("Manager"))));
    UnknownVocabularyException a = refusal(() -> Vocabulary.ofDefaults().check(attr, "x"));
    assertThat(a.kind()).isEqualTo(Vocabulary.Kind.ATTRIBUTE_KEY);
    assertThat(a.suggestion()).contains("industry");

    Predicate prop = PredicateText.parse(
        "last_touch(email_clicked where campain = \"spring\") within 7d");
    UnknownVocabularyException p = refusal(() -> Vocabulary.ofDefaults().check(prop, "x"));
    assertThat(p.kind()).isEqualTo(Vocabulary.Kind.PROPERTY_KEY);
    assertThat(p.getMessage()).contains("\"campain\"").contains("did you mean \"campaign\"?");
  }

  @Test
  void aNameFarFromEveryKnownNameGetsNoSuggestion() {
    UnknownVocabularyException e = refusal(() -> Vocabulary.ofDefaults()
        .check(TouchpointType.of("webinar_attended"), "journey \"j\""));
    assertThat(e.suggestion()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("unknown touchpoint type \"webinar_attended\" in "
        + "journey \"j\"; it is neither standard nor registered in the engine's vocabulary");
  }

  @Test
  void customNamesAreAcceptedAndAlsoSuggested() {
    Vocabulary v = Vocabulary.custom()
        .touchpointTypes(TouchpointType.of("webinar_attended"))
        .attributeKeys(AttributeKey.of("plan"), AttributeKey.of("plan"))
        .propertyKeys(PropertyKey.of("webinar"))
        .build();
    v.check(PredicateText.parse("count(webinar_attended where webinar = \"w1\", ever) >= 1 "
        + "and plan = \"pro\" and industry = \"it\""), "x");
    assertThat(v.attributeKeys()).contains(AttributeKey.of("plan"), AttributeKey.INDUSTRY);
    assertThat(refusal(() -> v.check(TouchpointType.of("webinar_atended"), "x")).suggestion())
        .contains("webinar_attended");
    // the defaults are not changed by a custom vocabulary
    assertThat(Vocabulary.ofDefaults().attributeKeys()).doesNotContain(AttributeKey.of("plan"));
  }

  @Test
  void theLenientModeAcceptsEveryWellFormedName() {
    Vocabulary lenient = Vocabulary.custom().lenient().build();
    assertThat(lenient.isLenient()).isTrue();
    lenient.check(PredicateText.parse("count(page_veiw where campain = \"x\", ever) >= 1 "
        + "and indsutry = \"it\""), "x");
    lenient.check(TouchpointFilter.of(TouchpointType.of("anything")), "x");
    // a vocabulary built from a lenient one stays lenient
    assertThat(Vocabulary.from(lenient).build().isLenient()).isTrue();
    assertThat(Vocabulary.from(Vocabulary.ofDefaults()).build()).isEqualTo(Vocabulary.ofDefaults());
  }

  @Test
  void theBuilderRefusesNullsAndASecondLenient() {
    assertThatThrownBy(() -> Vocabulary.custom().lenient().lenient())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("lenient");
    assertThatThrownBy(() -> Vocabulary.custom().attributeKeys((AttributeKey) null))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Vocabulary.from(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> LeadKit.builder().vocabulary(Vocabulary.ofDefaults())
        .vocabulary(Vocabulary.ofDefaults())).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("vocabulary was already set");
  }

  @Test
  void theSuggestionIsTheClosestNameWithinTwoEdits() {
    List<String> names = List.of("page_view", "purchase", "meeting", "renewal");
    assertThat(Vocabulary.closest("pgae_view", names)).isEqualTo("page_view"); // one swap
    assertThat(Vocabulary.closest("purchse", names)).isEqualTo("purchase");
    assertThat(Vocabulary.closest("metings", names)).isEqualTo("meeting"); // two edits
    assertThat(Vocabulary.closest("renewals_xy", names)).isNull(); // three edits
    assertThat(Vocabulary.closest("ab", List.of("a", "abc"))).isEqualTo("a"); // first of a tie
    assertThat(Vocabulary.closest("x", List.of("y"))).isNull(); // as long as the name itself
  }

  @Test
  void distanceCountsAnAdjacentSwapAsOneEdit() {
    assertThat(Vocabulary.distance("ab", "ba")).isEqualTo(1);
    assertThat(Vocabulary.distance("", "abc")).isEqualTo(3);
    assertThat(Vocabulary.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Vocabulary.distance("indsutry", "industry")).isEqualTo(1);
  }

  @Property(tries = 200)
  void distanceIsAMetricOnSmallStrings(@ForAll @StringLength(max = 8) String a,
      @ForAll @StringLength(max = 8) String b) {
    assertThat(Vocabulary.distance(a, a)).isZero();
    assertThat(Vocabulary.distance(a, b)).isEqualTo(Vocabulary.distance(b, a))
        .isLessThanOrEqualTo(Math.max(a.length(), b.length()))
        .isGreaterThanOrEqualTo(Math.abs(a.length() - b.length()));
  }
}
