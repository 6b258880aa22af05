package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.testkit.NullArguments;
import org.junit.jupiter.api.Test;

/** A null passed where none is allowed is refused with a typed exception naming the parameter. */
class NullArgumentsTest {
  @Test
  void journeysRefuseEveryNullArgumentNamingTheParameter() {
    Fixture f = new Fixture();
    LeadId lead = f.lead(b -> b).id();

    int checked = samples(lead).check(Journeys.class, f.journeys);

    assertThat(checked).isGreaterThanOrEqualTo(30);
  }

  private static NullArguments samples(LeadId lead) {
    return NullArguments.custom()
        .sample(LeadId.class, () -> lead)
        .sample(JourneyId.class, () -> JourneyId.of("sample"))
        .sample(OwnerId.class, () -> OwnerId.of("rep-1"))
        .sample(SegmentId.class, () -> SegmentId.of("sample"))
        .sample(ExitReason.class, () -> ExitReason.MOVED);
  }

  @Test
  void nullIsRefusedWithTheJourneyExceptionItHadBefore() {
    Fixture f = new Fixture();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.journeys.publish(null))
        .isInstanceOf(InvalidJourneyException.class)
        .hasMessage("journey must not be null");
  }

  @Test
  void journeyValueFactoriesRefuseNull() {
    NullArguments n = samples(LeadId.of("lead-1"));
    int checked = 0;
    for (Class<?> type : new Class<?>[] {JourneyId.class, EnrolmentId.class, StepId.class,
        StreamId.class}) {
      checked += n.checkFactories(type);
    }
    assertThat(checked).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theJourneyBuildersRefuseNullNamingTheSetter() {
    int checked = samples(dev.leadkit.core.lead.LeadId.of("sample"))
        .sample(dev.leadkit.journey.port.EnrolmentStore.class,
            dev.leadkit.journey.memory.JourneyMemory::enrolmentStore)
        .sample(dev.leadkit.core.port.TimerStore.class,
            () -> dev.leadkit.core.memory.InMemory.stores().port(
                dev.leadkit.core.port.TimerStore.class).orElseThrow())
        .sample(dev.leadkit.journey.port.SendLog.class,
            dev.leadkit.journey.memory.JourneyMemory::sendLog)
        .sample(dev.leadkit.journey.port.JourneyCounters.class,
            dev.leadkit.journey.memory.JourneyMemory::counters)
        .sample(SendPolicies.class, SendPolicies::none)
        .sample(java.time.Duration.class, () -> java.time.Duration.ofMinutes(5))
        .sample(ListWriter.class, () -> (list, lead, add) -> { })
        .sample(FrequencyCap.class, () -> FrequencyCap.of(dev.leadkit.core.lead.Channel.EMAIL,
            3, java.time.Duration.ofDays(7)))
        .sample(QuietHours.class, () -> QuietHours.between(java.time.LocalTime.of(21, 0),
            java.time.LocalTime.of(8, 0)))
        .sample(java.time.ZoneId.class, () -> java.time.ZoneId.of("Asia/Tokyo"))
        .sample(SendPolicies.CollisionScope.class, () -> SendPolicies.CollisionScope.ANY_REP)
        .check(Journeys.Builder.class, Journeys.builder());
    checked += samples(dev.leadkit.core.lead.LeadId.of("sample"))
        .sample(java.time.Duration.class, () -> java.time.Duration.ofMinutes(5))
        .sample(FrequencyCap.class, () -> FrequencyCap.of(dev.leadkit.core.lead.Channel.EMAIL,
            3, java.time.Duration.ofDays(7)))
        .sample(QuietHours.class, () -> QuietHours.between(java.time.LocalTime.of(21, 0),
            java.time.LocalTime.of(8, 0)))
        .sample(java.time.ZoneId.class, () -> java.time.ZoneId.of("Asia/Tokyo"))
        .sample(SendPolicies.CollisionScope.class, () -> SendPolicies.CollisionScope.ANY_REP)
        .check(SendPolicies.Builder.class, SendPolicies.custom());
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }
}
