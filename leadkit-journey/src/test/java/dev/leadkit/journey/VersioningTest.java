package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.Lead;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersioningTest {
  private static final Duration WEEK = Duration.ofDays(7);

  private static Journey v1() {
    return Journey.builder("drip").version(1)
        .send("a", "v1-a").wait("w1", WEEK).send("b", "v1-b").wait("w2", WEEK)
        .send("c", "v1-c").build();
  }

  /** The edit: a new second mail and a shorter rhythm. */
  private static Journey v2() {
    return Journey.builder("drip").version(2)
        .send("a", "v2-a").wait("w1", Duration.ofDays(3)).send("b2", "v2-b")
        .wait("w2", Duration.ofDays(3)).send("c", "v2-c").build();
  }

  @Test
  void enrolledLeadsKeepTheirVersionAndNewLeadsGetTheLatest() {
    Fixture f = new Fixture();
    f.journeys.publish(v1());
    Lead early = f.lead();
    f.journeys.enrol(JourneyId.of("drip"), early.id(), "api");
    f.runFor(Duration.ofDays(2));
    f.journeys.publish(v2());
    Lead late = f.lead();
    f.journeys.enrol(JourneyId.of("drip"), late.id(), "api");
    f.runFor(Duration.ofDays(20));
    assertThat(f.templatesTo(early.id())).containsExactly("v1-a", "v1-b", "v1-c");
    assertThat(f.templatesTo(late.id())).containsExactly("v2-a", "v2-b", "v2-c");
    assertThat(f.journeys.enrolments(early.id()).get(0).version()).isEqualTo(1);
  }

  @Test
  void explicitMigrationMovesMappedLeadsAndLeavesTheOthersRunningOnTheOldVersion() {
    Fixture f = new Fixture();
    f.journeys.publish(v1());
    Lead waitingFirst = f.lead();
    f.journeys.enrol(JourneyId.of("drip"), waitingFirst.id(), "api");
    f.runFor(Duration.ofDays(8));
    Lead waitingSecond = f.lead(); // enrolled later: still in w1 when the other is in w2
    f.journeys.enrol(JourneyId.of("drip"), waitingSecond.id(), "api");
    f.runFor(Duration.ofDays(1));
    f.journeys.publish(v2());
    Migration.Report report = f.journeys.migrate(Migration.of("drip", 1, 2,
        Map.of("w1", "w1")));
    assertThat(report.moved()).isEqualTo(1);
    assertThat(report.kept()).isEqualTo(1);
    f.runFor(Duration.ofDays(20));
    // moved while waiting after "a": continues with the new second mail, nothing skipped
    assertThat(f.templatesTo(waitingSecond.id())).containsExactly("v1-a", "v2-b", "v2-c");
    // not mapped: finishes version 1 as it was
    assertThat(f.templatesTo(waitingFirst.id())).containsExactly("v1-a", "v1-b", "v1-c");
  }

  @Test
  void migrationToAStepThatDoesNotExistIsRefusedAndChangesNothing() {
    Fixture f = new Fixture();
    f.journeys.publish(v1());
    f.journeys.publish(v2());
    Lead lead = f.lead();
    assertThatThrownBy(() -> f.journeys.migrate(Migration.of("drip", 1, 2, Map.of("b", "b"))))
        .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("b -> b");
    assertThatThrownBy(() -> f.journeys.migrate(Migration.of("drip", 1, 3, Map.of())))
        .isInstanceOf(UnknownJourneyException.class).hasMessageContaining("version 3");
    assertThat(f.journeys.enrolments(lead.id())).isEmpty();
  }

  @Test
  void anOlderVersionCannotBePublishedAfterANewerOne() {
    Fixture f = new Fixture();
    f.journeys.publish(v2());
    assertThatThrownBy(() -> f.journeys.publish(v1()))
        .isInstanceOf(JourneyVersionConflictException.class).hasMessageContaining("older");
  }
}
