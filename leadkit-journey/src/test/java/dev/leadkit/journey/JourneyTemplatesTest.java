package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.content.TemplateDefinition;
import dev.leadkit.core.content.UnknownTemplateException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Template ids named by journeys, streams and manual sends, against the engine's registry. */
class JourneyTemplatesTest {
  private static Journey welcome(String template) {
    return Journey.builder("welcome").send("hello", template).build();
  }

  @Test
  void whileNoTemplateIsRegisteredEveryIdIsAcceptedAndSent() {
    Fixture f = new Fixture();
    assertThat(f.kit.templates().isStrict()).isFalse();

    f.journeys.publish(welcome("tpl-host-renders-this"));
    Lead lead = f.lead();
    f.journeys.enrol(JourneyId.of("welcome"), lead.id(), "test");
    f.runFor(Duration.ofHours(1));

    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-host-renders-this");
  }

  @Test
  void onceOneIsRegisteredAJourneyNamingAnUnregisteredTemplateIsRefusedWithASuggestion() {
    Fixture f = new Fixture();
    f.kit.templates().register(TemplateDefinition.of("welcome-mail", "the first mail"));
    assertThat(f.kit.templates().isStrict()).isTrue();

    assertThatThrownBy(() -> f.journeys.publish(welcome("welcome-mial")))
        .isInstanceOf(UnknownTemplateException.class)
        .hasMessage("unknown template \"welcome-mial\" in journey \"welcome\" version 1 step"
            + " \"hello\"; did you mean \"welcome-mail\"?")
        .satisfies(e -> assertThat(((UnknownTemplateException) e).suggestion())
            .contains("welcome-mail"));
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isEmpty();

    f.journeys.publish(welcome("welcome-mail"));
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isPresent();
  }

  @Test
  void aManualSendOrAStreamNamingAnUnregisteredTemplateIsRefusedAndNothingIsQueued() {
    Fixture f = new Fixture();
    f.kit.templates().register(TemplateDefinition.of("owner-note", ""));
    Lead lead = f.lead();

    assertThatThrownBy(() -> f.journeys.send(
        ManualMessage.fromOwner(lead.id(), "owner-nte", "note")))
        .isInstanceOf(UnknownTemplateException.class)
        .hasMessage("unknown template \"owner-nte\" in a manual message; did you mean"
            + " \"owner-note\"?");
    assertThatThrownBy(() -> f.journeys.publishStream(ContentStream.of("tips",
        Duration.ofDays(7), ContentPiece.generic("p1", "tip-1", "asset-1"))))
        .isInstanceOf(UnknownTemplateException.class)
        .hasMessageStartingWith("unknown template \"tip-1\" in content stream \"tips\"");
    f.kit.runDue();
    assertThat(f.kit.outbox().findByLead(lead.id())).isEmpty();

    assertThat(f.journeys.send(ManualMessage.fromOwner(lead.id(), "owner-note", "note"))
        .queued()).isTrue();
  }

  @Test
  void aLenientVocabularyKeepsTheRegistryLenient() {
    Fixture f = new Fixture(Journeys.builder(), Vocabulary.custom().lenient().build());
    f.kit.templates().register(TemplateDefinition.of("welcome-mail", ""));

    assertThat(f.kit.templates().isStrict()).isFalse();
    f.journeys.publish(welcome("anything"));
    assertThat(f.journeys.journey(JourneyId.of("welcome"))).isPresent();
  }

  @Test
  void templatesAreSharedThroughTheDefinitionStoreAndNewVersionsReplaceOldOnes() {
    Stores stores = InMemory.stores();
    ManualClock clock = ManualClock.at("2026-04-01T00:00:00Z");
    LeadKit one = LeadKit.builder().clock(clock).stores(stores).mailer(new RecordingMailer())
        .build();
    LeadKit two = LeadKit.builder().clock(clock).stores(stores).mailer(new RecordingMailer())
        .install(Journeys.builder().build()).build();
    assertThat(two.templates().isStrict()).isFalse();

    TemplateDefinition v1 = TemplateDefinition.html("welcome-mail", "Welcome",
        "<p>Hello {{lead.first_name|\"there\"}}</p>");
    assertThat(one.templates().register(v1)).isTrue();
    assertThat(one.templates().register(v1)).isFalse();

    assertThat(two.templates().isStrict()).isTrue();
    assertThat(two.templates().require("welcome-mail")).isEqualTo(v1);
    Journeys journeys = two.plugin(Journeys.class).orElseThrow();
    assertThatThrownBy(() -> journeys.publish(welcome("welcome")))
        .isInstanceOf(UnknownTemplateException.class);

    TemplateDefinition v2 = TemplateDefinition.of("welcome-mail", "now rendered by the host");
    assertThat(two.templates().register(v2)).isTrue();
    assertThat(one.templates().find("welcome-mail")).contains(v2);
    assertThat(one.templates().all()).containsExactly(v2);
    assertThatThrownBy(() -> one.templates().require("nope"))
        .isInstanceOf(UnknownTemplateException.class).hasMessage("unknown template \"nope\"");
  }
}
