package dev.leadkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivacyTest {
  private final Fixture f = new Fixture();
  private final VisitorId v = VisitorId.of("cookie-9");

  private Lead person() {
    Lead lead = f.kit.upsertLead(LeadInput.email("hanako@example.co.jp")
        .attribute(AttributeKey.FIRST_NAME, "Hanako").attribute(AttributeKey.COMPANY, "Acme")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead();
    f.view(v, "/before-known");
    f.identity.identify(v, lead.id());
    f.view(v, "/after-known");
    f.kit.outbox().enqueue(new OutboundMessage(MessageKey.of("welcome:" + lead.id()), lead.id(),
        Channel.EMAIL, "welcome", Optional.empty(), Map.of("first_name", "Hanako"),
        f.clock.instant(), false), f.clock.instant());
    Lead other = f.lead("h.tanaka@example.co.jp");
    f.kit.track(Touchpoint.forLead(other.id(), TouchpointType.EMAIL_OPENED, f.clock.instant())
        .id("old-address-open").build());
    f.identity.merge(MergeRequest.of(lead.id(), other.id(), "alice", "old address").forced());
    return f.kit.require(lead.id());
  }

  @Test
  void eraseRemovesPersonalDataFromEveryPortAndKeepsOnlyHashesAndCounts() {
    Lead lead = person();
    Lead bystander = f.lead("someone.else@example.com");
    List<LeadkitEvent> events = new ArrayList<>();
    f.kit.events().onAny(events::add);

    LeadErased e = f.identity.erase(lead.id(), "dpo", "GDPR art. 17 request #12");

    assertThat(f.kit.lead(lead.id())).isEmpty();
    assertThat(f.kit.leadByEmail("hanako@example.co.jp")).isEmpty();
    assertThat(f.identity.leadByEmail("h.tanaka@example.co.jp")).isEmpty();
    assertThat(f.kit.touchpointLog().findByLead(lead.id(), TouchpointQuery.all())).isEmpty();
    assertThat(f.kit.touchpointLog().findByVisitor(v)).isEmpty();
    assertThat(f.kit.touchpointLog().count()).isZero();
    assertThat(f.identity.leadOf(v)).isEmpty();
    assertThat(f.identity.mergeHistory(lead.id())).isEmpty();
    assertThat(f.kit.outbox().findByLead(lead.id())).isEmpty();
    assertThat(f.kit.lead(bystander.id())).isPresent();

    assertThat(e.counts()).containsEntry("leads", 1L).containsEntry("merged_leads", 1L)
        .containsEntry("touchpoints", 3L).containsEntry("touchpoints.page_view", 2L)
        .containsEntry("visitors", 1L).containsEntry("messages", 1L);
    assertThat(f.identity.erasureCounts()).containsEntry("leads", 1L);
    assertThat(f.identity.suppressionList().count()).isEqualTo(2);
    assertThat(f.identity.isSuppressed("Hanako@Example.co.jp")).isTrue();
    assertThat(f.identity.isSuppressed("h.tanaka@example.co.jp")).isTrue();
    assertThat(events).filteredOn(LeadErased.class::isInstance).hasSize(1);
  }

  @Test
  void theSuppressionListHoldsNoAddressInTheClear() {
    person();
    Lead lead = f.kit.leadByEmail("hanako@example.co.jp").orElseThrow();
    f.identity.erase(lead.id(), "dpo", "request");
    assertThat(f.identity.suppressionList().isSuppressed("hanako@example.co.jp")).isFalse();
    assertThat(f.identity.suppressionList().counts().toString()).doesNotContain("hanako");
  }

  @Test
  void aReimportedErasedAddressIsUnsubscribedAtOnceAndFormsRefuseIt() {
    Lead lead = person();
    f.identity.erase(lead.id(), "dpo", "request");

    Lead again = f.kit.upsertLead(LeadInput.email("hanako@example.co.jp")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "expo-card").build()).lead();
    assertThat(f.kit.require(again.id()).mayContact(Channel.EMAIL)).isFalse();
    assertThat(f.kit.require(again.id()).consent(Channel.EMAIL).orElseThrow().source())
        .isEqualTo("suppressed:erased");

    f.kit.leadStore().delete(again.id());
    Touchpoint t = f.kit.track(Touchpoint.forVisitor(VisitorId.of("new"),
        TouchpointType.FORM_SUBMITTED, f.clock.instant())
        .property(PropertyKey.EMAIL, "hanako@example.co.jp").build()).touchpoint();
    assertThat(t.lead()).isEmpty();
    assertThat(t.properties()).doesNotContainKey(PropertyKey.EMAIL);
    assertThat(f.kit.leadByEmail("hanako@example.co.jp")).isEmpty();
    assertThatThrownBy(() -> f.identity.identifyByEmail(VisitorId.of("new"),
        "hanako@example.co.jp")).isInstanceOf(SuppressedAddressException.class)
        .message().doesNotContain("hanako");
  }

  @Test
  void exportHoldsEverythingKnownAboutTheLeadAsJson() throws Exception {
    Lead lead = person();
    JsonNode json = new ObjectMapper().readTree(f.identity.export(lead.id()));

    assertThat(json.path("format").asText()).isEqualTo("leadkit-export-v1");
    assertThat(json.path("lead").path("email").asText()).isEqualTo("hanako@example.co.jp");
    assertThat(json.path("lead").path("attributes").path("first_name").path("text").asText())
        .isEqualTo("Hanako");
    assertThat(json.path("lead").path("consents").path("email").path("status").asText())
        .isEqualTo("SUBSCRIBED");
    assertThat(json.path("mergedIds")).hasSize(1);
    assertThat(json.path("visitors").get(0).path("visitor").asText()).isEqualTo("cookie-9");
    assertThat(json.path("touchpoints")).hasSize(3);
    assertThat(json.path("merges").get(0).path("mergedBefore").path("email").asText())
        .isEqualTo("h.tanaka@example.co.jp");
    assertThat(json.path("messages").get(0).path("data").path("first_name").asText())
        .isEqualTo("Hanako");
    assertThat(new ObjectMapper().readTree(f.identity.export(lead.id()))).as("stable").isEqualTo(json);
  }

  @Test
  void exportAndEraseOfAMergedIdActOnItsSurvivor() {
    Lead lead = person();
    String mergedId = f.identity.exportTree(lead.id()).path("mergedIds").get(0).asText();
    assertThat(f.identity.exportTree(dev.leadkit.core.lead.LeadId.of(mergedId)).path("lead")
        .path("id").asText()).isEqualTo(lead.id().value());
    f.identity.erase(dev.leadkit.core.lead.LeadId.of(mergedId), "dpo", "request");
    assertThat(f.kit.lead(lead.id())).isEmpty();
  }
}
