package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.LeadId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadIdsTest {
  @Test
  void newLeadsGetTheIdTheFunctionChoosesForTheirAddress() {
    Map<String, LeadId> crm = Map.of("taro@example.co.jp", LeadId.of("crm-0001"));
    LeadKit kit = LeadKit.builder()
        .leadIds(email -> crm.getOrDefault(email.value(), LeadId.of("crm-new")))
        .build();

    List<UpsertResult> r = kit.upsertLeads(List.of(LeadInput.email("Taro@Example.CO.JP").build(),
        LeadInput.email("hanako@example.co.jp").build()));

    assertThat(r).extracting(x -> x.lead().id().value()).containsExactly("crm-0001", "crm-new");
    assertThat(kit.leadByEmail("taro@example.co.jp")).get()
        .extracting(l -> l.id().value()).isEqualTo("crm-0001");
    // an existing lead keeps its id
    assertThat(kit.upsertLead(LeadInput.email("taro@example.co.jp").build()).lead().id())
        .isEqualTo(LeadId.of("crm-0001"));
  }

  @Test
  void aNullIdIsRefusedWithTheAddressAndNothingIsCreated() {
    LeadKit kit = LeadKit.builder().leadIds(email -> null).build();

    assertThatThrownBy(() -> kit.upsertLead(LeadInput.email("taro@example.co.jp").build()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("taro@example.co.jp");
    assertThat(kit.leadStore().count()).isZero();
  }

  @Test
  void theFunctionIsSetOnce() {
    assertThatThrownBy(() -> LeadKit.builder().leadIds(e -> LeadId.random())
        .leadIds(e -> LeadId.random()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> LeadKit.builder().leadIds(null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("leadIds");
  }
}
