package dev.leadkit.journey;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.Vocabulary;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A manual-clock engine with journeys installed and a recording mailer, for tests. */
final class Fixture {
  final ManualClock clock;
  final RecordingMailer mailer = new RecordingMailer();
  final Journeys journeys;
  final LeadKit kit;
  final List<LeadkitEvent> events = new ArrayList<>();
  private int leads;

  Fixture() {
    this(SendPolicies.none());
  }

  Fixture(SendPolicies policies) {
    this(Journeys.builder().policies(policies));
  }

  Fixture(Journeys.Builder builder) {
    this(builder, Vocabulary.ofDefaults());
  }

  Fixture(Journeys.Builder builder, Vocabulary vocabulary) {
    this.clock = ManualClock.at("2026-04-01T00:00:00Z");
    this.journeys = builder.build();
    this.kit = LeadKit.builder().clock(clock).mailer(mailer).vocabulary(vocabulary)
        .install(journeys).build();
    kit.events().onAny(events::add);
  }

  Instant now() {
    return clock.instant();
  }

  /** A subscribed lead owned by rep-1, customised by {@code more}. */
  Lead lead(UnaryOperator<LeadInput.Builder> more) {
    leads++;
    LeadInput.Builder b = LeadInput.email("lead" + leads + "@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "test")
        .owner(OwnerId.of("rep-1"))
        .attribute(AttributeKey.FIRST_NAME, "Lead" + leads);
    return kit.upsertLead(more.apply(b).build()).lead();
  }

  Lead lead() {
    return lead(b -> b);
  }

  Lead lead(String timeZone) {
    return lead(b -> b.attribute(AttributeKey.TIME_ZONE, timeZone));
  }

  void track(LeadId lead, TouchpointType type) {
    kit.track(Touchpoint.forLead(lead, type, now()).build());
  }

  /** Advances the clock by {@code step} up to {@code total}, running due work each time. */
  void runFor(Duration total, Duration step) {
    Instant end = now().plus(total);
    kit.runDue();
    while (now().isBefore(end)) {
      clock.advance(step);
      kit.runDue();
    }
  }

  void runFor(Duration total) {
    runFor(total, Duration.ofHours(1));
  }

  List<String> templatesTo(LeadId lead) {
    return mailer.deliveriesTo(lead).stream().map(d -> d.message().template()).toList();
  }

  <E extends LeadkitEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static AttributeValue date(String iso) {
    return AttributeValue.date(java.time.LocalDate.parse(iso));
  }
}
