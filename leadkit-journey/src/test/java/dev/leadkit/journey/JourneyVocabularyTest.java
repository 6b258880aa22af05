package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UnknownVocabularyException;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.predicate.PredicateText;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.segment.UnknownSegmentException;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.json.JourneyJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journeys are checked against the engine's vocabulary when published. */
class JourneyVocabularyTest {
  private static Journey.Builder welcome() {
    return Journey.builder("welcome").name("Welcome");
  }

  private static Journey withTrigger(TouchpointFilter filter) {
    return welcome().trigger(Trigger.touchpoint(filter)).send("hello", "tpl-hello").build();
  }

  @Test
  void aTypoInATriggerInTheTextSyntaxIsRefusedWithASuggestionAndPublishesNothing() {
    Fixture f = new Fixture();
    Journey j = withTrigger(PredicateText.parseFilter("form_submited where form = \"demo\""));
    assertThatThrownBy(() -> f.journeys.publish(j))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessage("unknown touchpoint type \"form_submited\" in journey \"welcome\" version 1 "
            + "trigger; did you mean \"form_submitted\"?");
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isEmpty();
  }

  @Test
  void typosInFluentBranchesWaitsGoalsAndDatesAreRefused() {
    Fixture f = new Fixture();
    Journey branch = welcome().branch("it", Predicates.attribute("indsutry").eq("it"),
        "hello", Journey.END).send("hello", "tpl-hello").build();
    assertThatThrownBy(() -> f.journeys.publish(branch))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("attribute key \"indsutry\" in journey \"welcome\" version 1 "
            + "step \"it\"; did you mean \"industry\"?");

    Journey wait = welcome().send("hello", "tpl-hello")
        .waitForEvent("click", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED)
            .property(PropertyKey.of("campain"), "spring"), Duration.ofDays(3),
            Journey.END, Journey.END).build();
    assertThatThrownBy(() -> f.journeys.publish(wait))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"campaign\"?");

    Journey goal = welcome().goal(PredicateText.parse("count(purchse, ever) >= 1"))
        .send("hello", "tpl-hello").build();
    assertThatThrownBy(() -> f.journeys.publish(goal))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("goal; did you mean \"purchase\"?");

    Journey date = welcome().trigger(Trigger.date(DateExpression.of(
        AttributeKey.of("renewal_dat"), -30))).send("hello", "tpl-hello").build();
    assertThatThrownBy(() -> f.journeys.publish(date))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"renewal_date\"?");
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isEmpty();
  }

  @Test
  void aTypoInJourneyJsonIsRefusedWhenPublished() {
    Fixture f = new Fixture();
    String json = JourneyJson.write(withTrigger(
        TouchpointFilter.of(TouchpointType.ASSET_DOWNLOADED).property(PropertyKey.ASSET, "wp")));
    Journey typo = JourneyJson.read(json.replace("asset_downloaded", "asset_donwloaded"));
    assertThatThrownBy(() -> f.journeys.publish(typo))
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"asset_downloaded\"?");
    f.journeys.publish(JourneyJson.read(json));
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isPresent();
  }

  @Test
  void aJourneyPublishedBeforeInstallationIsCheckedWhenTheEngineIsBuilt() {
    Journeys journeys = Journeys.builder().build();
    journeys.publish(withTrigger(TouchpointFilter.of(TouchpointType.of("page_veiw"))));
    assertThatThrownBy(() -> LeadKit.builder().install(journeys).build())
        .isInstanceOf(UnknownVocabularyException.class)
        .hasMessageContaining("did you mean \"page_view\"?");
  }

  @Test
  void registeredCustomNamesAreAcceptedAndTrigger() {
    TouchpointType webinar = TouchpointType.of("webinar_attended");
    Fixture f = new Fixture(Journeys.builder(),
        Vocabulary.custom().touchpointTypes(webinar).build());
    f.journeys.publish(withTrigger(TouchpointFilter.of(webinar)));
    Lead lead = f.lead();
    f.track(lead.id(), webinar);
    f.kit.runDue();
    assertThat(f.journeys.enrolments(lead.id())).hasSize(1);
  }

  @Test
  void theLenientModeAcceptsUnknownNames() {
    Fixture f = new Fixture(Journeys.builder(), Vocabulary.custom().lenient().build());
    f.journeys.publish(withTrigger(TouchpointFilter.of(TouchpointType.of("page_veiw"))));
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isPresent();
  }

  // ------------------------------------------------------------------ unknown ids

  @Test
  void anUnpublishedJourneyThrowsEverywhere() {
    Fixture f = new Fixture();
    Lead lead = f.lead();
    JourneyId missing = JourneyId.of("nope");
    assertThatThrownBy(() -> f.journeys.stats(missing))
        .isInstanceOf(UnknownJourneyException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> f.journeys.exit(missing, lead.id(), ExitReason.MANUAL))
        .isInstanceOf(UnknownJourneyException.class);
    assertThatThrownBy(() -> f.journeys.enrol(missing, lead.id(), "api"))
        .isInstanceOf(UnknownJourneyException.class);
    assertThatThrownBy(() -> f.journeys.enrolAll(missing, List.of(lead.id()), "api"))
        .isInstanceOf(UnknownJourneyException.class);
  }

  @Test
  void aBranchOnAnEmptyListOrAnUndefinedSegmentIsFalseAtRunTime() {
    RecordingMailer mailer = new RecordingMailer();
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(ManualClock.at("2026-04-01T00:00:00Z")).mailer(mailer)
        .install(segments).install(journeys).build();
    // a journey naming an undefined segment is refused when published; one defined then
    // removed is undefined at run time
    segments.define(SegmentDefinition.parse("nope", "Removed below", "industry = \"none\""));
    journeys.publish(welcome()
        .branch("vip", PredicateText.parse("in list \"vip\" or in segment \"nope\""), "yes", "no")
        .send("yes", "tpl-yes").end()
        .send("no", "tpl-no").build());
    assertThat(segments.remove(SegmentId.of("nope"))).isTrue();
    Lead lead = kit.upsertLead(LeadInput.email("a@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "test").build()).lead();
    assertThat(journeys.enrol(JourneyId.of("welcome"), lead.id(), "api").accepted()).isTrue();
    kit.runDue();
    assertThat(mailer.deliveries()).extracting(d -> d.message().template())
        .containsExactly("tpl-no");
  }

  @Test
  void enrollingAnUndefinedSegmentThrows() {
    SegmentsPlugin segments = SegmentsPlugin.inMemory();
    Journeys journeys = Journeys.builder().build();
    LeadKit.builder().clock(ManualClock.at("2026-04-01T00:00:00Z")).install(segments)
        .install(journeys).build();
    journeys.publish(withTrigger(TouchpointFilter.of(TouchpointType.FORM_SUBMITTED)));
    assertThatThrownBy(() -> journeys.enrolSegment(JourneyId.of("welcome"), SegmentId.of("nope")))
        .isInstanceOf(UnknownSegmentException.class);
    segments.define(SegmentDefinition.parse("it", "IT", "industry = \"it\""));
    assertThat(journeys.enrolSegment(JourneyId.of("welcome"), SegmentId.of("it"))).isZero();
  }
}
