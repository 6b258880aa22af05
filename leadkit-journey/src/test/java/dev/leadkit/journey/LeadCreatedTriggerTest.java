package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.mail.MessageSent;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.journey.json.JourneyJson;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadCreatedTriggerTest {
  static final String CARDS = """
      Name,E-mail
      Yamada,yamada@example.jp
      Sato,sato@example.jp
      """;

  static CsvImportSpec expo() {
    return CsvImportSpec.custom("expo-2026").emailColumn("E-mail")
        .column("Name", AttributeKey.LAST_NAME)
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED).build();
  }

  private static List<String> templatesTo(Fixture f, LeadId lead) {
    return f.events(MessageSent.class).stream().filter(s -> s.message().lead().equals(lead))
        .map(s -> s.message().template()).toList();
  }

  private static LeadId byEmail(Fixture f, String email) {
    return f.kit.leadByEmail(email).map(Lead::id).orElseThrow();
  }

  @Test
  void leadsCreatedByAnImportGetTheWelcomeAndLeadsItOnlyUpdatesDoNot() {
    Fixture f = new Fixture();
    Lead existing = f.kit.upsertLead(LeadInput.email("sato@example.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "test").build()).lead();
    f.journeys.publish(Programs.welcomeImported("welcome-expo", "expo-2026", "w1", "w2", "w3",
        Duration.ofDays(3)));
    f.kit.importCsv(new StringReader(CARDS), expo());
    f.runFor(Duration.ofDays(7), Duration.ofHours(6));

    LeadId yamada = byEmail(f, "yamada@example.jp");
    assertThat(templatesTo(f, yamada)).containsExactly("w1", "w2", "w3");
    assertThat(f.journeys.enrolments(existing.id())).isEmpty();
    assertThat(templatesTo(f, existing.id())).isEmpty();
    // importing again creates nobody, so nobody enters again
    f.kit.importCsv(new StringReader(CARDS), expo());
    assertThat(f.journeys.enrolments(yamada)).hasSize(1);
  }

  @Test
  void aLeadCreatedTriggerFiresOnceForNewLeadsOnlyAndHonoursItsCondition() {
    Fixture f = new Fixture();
    Lead before = f.lead();
    f.journeys.publish(Journey.builder("hello").trigger(Trigger.leadCreated(
        Predicates.attribute(AttributeKey.COMPANY).exists())).send("hi", "tpl-hi",
            Sender.COMPANY).build());
    Lead withCompany = f.lead(b -> b.attribute(AttributeKey.COMPANY, "Acme"));
    Lead without = f.lead();
    f.kit.modify(before.id(), l -> l.withAttributes(l.attributes().with(AttributeKey.COMPANY,
        "Late Inc"), f.now()));
    f.kit.modify(withCompany.id(), l -> l.withAttributes(l.attributes().with(
        AttributeKey.TITLE, "CTO"), f.now()));
    f.runFor(Duration.ofDays(1), Duration.ofHours(1));
    assertThat(templatesTo(f, withCompany.id())).containsExactly("tpl-hi");
    assertThat(f.journeys.enrolments(without.id())).isEmpty();
    assertThat(f.journeys.enrolments(before.id())).isEmpty();
  }

  @Test
  void leadCreatedTriggersSurviveAJsonRoundTrip() {
    Journey j = Journey.builder("both").trigger(Trigger.leadCreated())
        .trigger(Trigger.leadImported("expo-2026")).send("hi", "tpl", Sender.COMPANY).build();
    String json = JourneyJson.write(j);
    assertThat(json).contains("{\"type\":\"lead_created\"}")
        .contains("\"type\":\"lead_created\",\"where\":{");
    assertThat(JourneyJson.read(json)).isEqualTo(j);
  }
}
