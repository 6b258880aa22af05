package dev.leadkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.memory.RecordingMailer;
import dev.leadkit.core.port.Timer;
import dev.leadkit.core.port.TimerStore;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.journey.Enrolment;
import dev.leadkit.journey.EnrolmentStatus;
import dev.leadkit.journey.ExitReason;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Journeys;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema version 30 adds the timer table and turns the due times of live enrolments written by
 * an older version (which kept due work only in the enrolment row) into timers, so an upgraded
 * database loses no scheduled work.
 */
class TimersMigrationTest {
  private static final Migration V30 = Migration.ALL.stream().filter(m -> m.version() == 30)
      .findFirst().orElseThrow();
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final JourneyId DRIP = JourneyId.of("drip");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  @SuppressWarnings("deprecation")
  void liveEnrolmentsKeepTheirDueWorkAcrossTheUpgrade(Dialect d) {
    JdbcStores stores = TestDatabases.stores(d, getClass().getName()).build();
    DataSource ds = TestDatabases.dataSource(d);
    ManualClock clock = ManualClock.at(T0.toString());
    RecordingMailer mailer = new RecordingMailer();
    Journeys journeys = Journeys.builder().build();
    LeadKit kit = LeadKit.builder().clock(clock).stores(stores).mailer(mailer)
        .install(journeys).build();
    journeys.publish(Journey.builder("drip").wait("w", Duration.ofDays(1))
        .send("m", "tpl-m").build());
    LeadId a = lead(kit, "a");
    LeadId b = lead(kit, "b");
    LeadId c = lead(kit, "c");
    journeys.enrol(DRIP, a, "api");
    journeys.enrol(DRIP, b, "api");
    journeys.enrol(DRIP, c, "api");
    journeys.exit(DRIP, c, ExitReason.of("left"));
    // b was claimed by an engine of the older version when the upgrade came
    Enrolment bLive = stores.enrolmentStore().findLive(DRIP, b).orElseThrow();
    Instant leaseEnd = stores.enrolmentStore()
        .claim(bLive.id(), T0.plusSeconds(60), Duration.ofMinutes(5)).orElseThrow()
        .leaseUntil().orElseThrow();

    // the schema as version 11 left it: enrolments, no timer table
    String prefix = stores.tablePrefix();
    TestDatabases.execute(ds, "DROP TABLE " + prefix + "timers");
    TestDatabases.execute(ds, V30.statements(d, prefix).toArray(String[]::new));

    TimerStore timers = stores.timerStore();
    assertThat(timers.count()).isEqualTo(2);
    Timer ta = timers.findByLead(a).get(0);
    assertThat(ta.kind()).isEqualTo("journey");
    assertThat(ta.key()).isEqualTo(stores.enrolmentStore().findLive(DRIP, a).orElseThrow().id()
        .value());
    assertThat(ta.due()).isEqualTo(T0.plus(Duration.ofDays(1)));
    assertThat(ta.lease()).isEmpty();
    assertThat(timers.findByLead(b)).singleElement()
        .satisfies(t -> assertThat(t.due()).isEqualTo(leaseEnd));
    assertThat(timers.findByLead(c)).isEmpty();

    clock.advance(Duration.ofDays(2));
    kit.runDue();
    for (LeadId l : new LeadId[] {a, b}) {
      assertThat(journeys.enrolments(l)).singleElement().satisfies(e -> {
        assertThat(e.status()).isEqualTo(EnrolmentStatus.EXITED);
        assertThat(e.exitReason()).contains(ExitReason.COMPLETED);
      });
      assertThat(mailer.deliveriesTo(l)).singleElement()
          .satisfies(m -> assertThat(m.message().template()).isEqualTo("tpl-m"));
    }
    assertThat(mailer.deliveriesTo(c)).isEmpty();
    assertThat(timers.count()).isZero();
  }

  private static LeadId lead(LeadKit kit, String name) {
    return kit.upsertLead(LeadInput.email(name + "@example.com")
        .consent(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form").build()).lead().id();
  }
}
