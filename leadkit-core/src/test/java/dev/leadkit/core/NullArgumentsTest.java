package dev.leadkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.testkit.NullArguments;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A null passed where none is allowed is refused with a typed exception naming the parameter. */
class NullArgumentsTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final Identity identity = Identity.ofDefaults();
  private final SegmentsPlugin segments = SegmentsPlugin.inMemory();
  private final LeadKit kit = LeadKit.builder().clock(clock).install(identity).install(segments)
      .build();
  private final Lead lead = kit.upsertLead(LeadInput.email("sample@example.com").build()).lead();

  private NullArguments checker() {
    return NullArguments.custom()
        .sample(LeadId.class, lead::id)
        .sample(Lead.class, () -> lead)
        .sample(EmailAddress.class, () -> EmailAddress.parse("sample@example.com"))
        .sample(Channel.class, () -> Channel.EMAIL)
        .sample(TouchpointType.class, () -> TouchpointType.PAGE_VIEW)
        .sample(dev.leadkit.core.lead.AttributeKey.class,
            () -> dev.leadkit.core.lead.AttributeKey.COMPANY)
        .sample(OwnerId.class, () -> OwnerId.of("owner-1"))
        .sample(VisitorId.class, () -> VisitorId.of("visitor-1"))
        .sample(MergeId.class, () -> MergeId.of("merge-1"))
        .sample(MergeRequest.class, () -> MergeRequest.of(lead.id(), LeadId.of("other"), "ops",
            "duplicate"))
        .sample(LeadInput.class, () -> LeadInput.email("sample@example.com").build())
        .sample(Touchpoint.class, () -> Touchpoint.forLead(lead.id(), TouchpointType.PAGE_VIEW,
            clock.instant()).build())
        .sample(CsvImportSpec.class, () -> CsvImportSpec.custom("sample").build())
        .sample(DueLimits.class, DueLimits::none)
        .sample(TouchpointId.class, () -> TouchpointId.of("sample"))
        .sample(dev.leadkit.core.touch.PropertyKey.class, () -> dev.leadkit.core.touch.PropertyKey.URL)
        .sample(Input.class, () -> new Input.Command("sample"))
        .sample(SegmentId.class, () -> SegmentId.of("sample"))
        .sample(SegmentDefinition.class, () -> SegmentDefinition.parse("sample", "Sample",
            "lead.stage >= ENGAGED"));
  }

  @Test
  void leadKitRefusesEveryNullArgumentNamingTheParameter() {
    assertThat(checker().check(LeadKit.class, kit)).isGreaterThanOrEqualTo(25);
  }

  @Test
  void identityRefusesEveryNullArgumentNamingTheParameter() {
    // install is the plugin lifecycle, called by LeadKit.Builder with its own non-null arguments
    assertThat(checker().skip("install").check(Identity.class, identity))
        .isGreaterThanOrEqualTo(30);
  }

  @Test
  void segmentsPluginRefusesEveryNullArgumentNamingTheParameter() {
    assertThat(checker().skip("install").check(SegmentsPlugin.class, segments))
        .isGreaterThanOrEqualTo(15);
  }

  @Test
  void builderSettersRefuseNullNamingTheParameter() {
    int checked = checker().check(LeadKit.Builder.class, LeadKit.builder())
        + checker().check(Vocabulary.Builder.class, Vocabulary.custom())
        + checker().check(SegmentsPlugin.Builder.class, SegmentsPlugin.builder())
        + checker().check(Identity.Builder.class, Identity.custom())
        + checker().check(dev.leadkit.core.identity.MergePolicy.Builder.class,
            dev.leadkit.core.identity.MergePolicy.custom())
        + checker().check(dev.leadkit.core.lead.StageTransitions.Builder.class,
            dev.leadkit.core.lead.StageTransitions.custom())
        + checker().check(CsvImportSpec.Builder.class, CsvImportSpec.custom("sample"))
        + checker().check(Touchpoint.Builder.class, Touchpoint.forLead(lead.id(),
            TouchpointType.PAGE_VIEW, clock.instant()));
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @Test
  void valueFactoriesRefuseNullNamingTheParameter() {
    int checked = 0;
    for (Class<?> type : new Class<?>[] {LeadId.class, EmailAddress.class, OwnerId.class,
        VisitorId.class, TouchpointId.class, SegmentId.class, ListId.class, MergeId.class,
        MessageKey.class, PropertyKey.class, Touchpoint.class}) {
      checked += checker().checkFactories(type);
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void notNullNamesTheParameterAndPassesValuesThrough() {
    assertThat(Args.notNull("x", "name")).isEqualTo("x");
    assertThatThrownBy(() -> Args.notNull(null, "csv"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("csv must not be null");
  }

  @Test
  void aNullElementOfABatchIsNamedByItsPosition() {
    assertThatThrownBy(() -> kit.upsertLeads(java.util.Arrays.asList(
        LeadInput.email("a@example.com").build(), null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("inputs[1] must not be null");
    assertThatThrownBy(() -> kit.trackAll(java.util.Arrays.asList((Touchpoint) null)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("batch[0] must not be null");
  }
}
