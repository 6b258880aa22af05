package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.UpsertResult;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.mail.DispatchReport;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine end to end on each database: upsert, track, stage change, hand-over. */
class LeadKitOnJdbcTest {
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theEngineRunsOnTheDatabaseAsOnTheInMemoryDefault(Dialect d) {
    JdbcStores stores = TestDatabases.stores(d, getClass().getName()).build();
    ManualClock clock = ManualClock.at("2026-04-01T09:00:00.000000500Z");
    RecordingMailer mailer = new RecordingMailer();
    LeadKit kit = LeadKit.builder().clock(clock).mailer(mailer)
        .leadStore(stores.leadStore()).touchpointLog(stores.touchpointLog())
        .outbox(stores.outbox()).build();

    List<UpsertResult> created = kit.upsertLeads(List.of(
        LeadInput.email("Taro@Example.co.jp").attribute(AttributeKey.COMPANY, "Yamada Kogyo")
            .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build(),
        LeadInput.email("hanako@example.com")
            .consent(Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, "card").build()));
    assertThat(created).extracting(UpsertResult::outcome)
        .containsOnly(UpsertResult.Outcome.CREATED);
    assertThat(kit.upsertLead(LeadInput.email("taro@example.co.jp")
        .attribute(AttributeKey.COMPANY, "Yamada Kogyo").build()).outcome())
        .isEqualTo(UpsertResult.Outcome.UNCHANGED);
    Lead taro = created.get(0).lead();
    Lead hanako = created.get(1).lead();

    clock.advance(Duration.ofMinutes(5));
    Touchpoint view = Touchpoint.forLead(taro.id(), TouchpointType.PAGE_VIEW, clock.instant())
        .id("tp-1").url("/pricing").build();
    assertThat(kit.track(view).recorded()).isTrue();
    assertThat(kit.track(view).recorded()).isFalse();
    kit.changeStage(taro.id(), LifecycleStage.MQL, "score crossed 20");

    kit.outbox().enqueueAll(List.of(message("welcome:" + taro.id(), taro, clock),
        message("welcome:" + hanako.id(), hanako, clock)), clock.instant());
    DispatchReport report = kit.dispatch();

    assertThat(report.sent()).isEqualTo(1);
    assertThat(report.cancelled()).isEqualTo(1);
    assertThat(mailer.deliveries()).singleElement()
        .satisfies(del -> assertThat(del.recipient().id()).isEqualTo(taro.id()));
    assertThat(kit.outbox().countByStatus()).containsEntry(OutboxStatus.SENT, 1L)
        .containsEntry(OutboxStatus.CANCELLED, 1L);
    assertThat(kit.outbox().find(MessageKey.of("welcome:" + hanako.id())).orElseThrow()
        .reason()).contains(NotSentReason.NO_CONSENT);
    Lead stored = kit.require(taro.id());
    assertThat(stored.stage()).isEqualTo(LifecycleStage.MQL);
    assertThat(stored.version()).isEqualTo(2);
    // the clock has nanoseconds; every database keeps microseconds
    assertThat(kit.touchpointLog().findByLead(taro.id(), TouchpointQuery.all()))
        .singleElement().satisfies(t -> {
          assertThat(t.at()).isEqualTo(java.time.Instant.parse("2026-04-01T09:05:00Z"));
          assertThat(t.properties()).isEqualTo(view.properties());
        });
  }

  private static OutboundMessage message(String key, Lead to, ManualClock clock) {
    return new OutboundMessage(MessageKey.of(key.replace('@', '.')), to.id(), Channel.EMAIL,
        "welcome-1", Optional.empty(), Map.of(), clock.instant(), false);
  }
}
