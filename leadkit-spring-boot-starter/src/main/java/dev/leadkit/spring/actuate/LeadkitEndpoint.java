package dev.leadkit.spring.actuate;

import dev.leadkit.core.DueReport;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.journey.StuckEnrolment;
import dev.leadkit.spring.scheduling.LeadkitScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The read-only {@code leadkit} actuator endpoint: the due backlog (outbox entries by status,
 * stuck journey enrolments when a journeys plugin is installed), the installed plugins and, when
 * the scheduler runs, its last report.
 */
@Endpoint(id = "leadkit")
public final class LeadkitEndpoint {
  private static final int MAX_LISTED = 100;

  private final LeadKit kit;
  private final Duration stuckAfter;
  private final @Nullable LeadkitScheduler scheduler;
  private final List<String> plugins;

  /**
   * The endpoint for {@code kit}.
   *
   * @param stuckAfter the age from which a due enrolment is listed as stuck
   * @param scheduler the scheduler whose last run is shown, if one runs
   * @param plugins the names of the installed plugins, in installation order
   */
  public LeadkitEndpoint(LeadKit kit, Duration stuckAfter, @Nullable LeadkitScheduler scheduler,
      List<String> plugins) {
    if (kit == null || stuckAfter == null) {
      throw new InvalidValueException("kit and stuckAfter are required");
    }
    this.kit = kit;
    this.stuckAfter = stuckAfter;
    this.scheduler = scheduler;
    this.plugins = List.copyOf(plugins);
  }

  /** The backlog now. */
  @ReadOperation
  public Backlog backlog() {
    LeadkitBacklog b = LeadkitBacklog.of(kit, stuckAfter);
    Optional<List<StuckEnrolment>> stuck = b.stuckEnrolments();
    return new Backlog(kit.clock().instant(), b.outbox(),
        stuck.map(List::size).orElse(null),
        stuck.map(s -> s.stream().limit(MAX_LISTED).map(Stuck::of).toList()).orElse(null),
        plugins,
        scheduler == null ? null : scheduler.lastReport().orElse(null));
  }

  /**
   * The endpoint's answer.
   *
   * @param now the engine's clock
   * @param outbox outbox entries by status
   * @param stuckEnrolments how many enrolments are stuck (absent without a journeys plugin)
   * @param stuck the first 100 stuck enrolments
   * @param plugins installed plugin names
   * @param lastRun the scheduler's last successful run
   */
  public record Backlog(Instant now, Map<OutboxStatus, Long> outbox,
      @Nullable Integer stuckEnrolments, @Nullable List<Stuck> stuck, List<String> plugins,
      @Nullable DueReport lastRun) {}

  /**
   * One stuck enrolment.
   *
   * @param enrolment its id
   * @param journey its journey
   * @param lead its lead
   * @param reason why it is stuck
   */
  public record Stuck(String enrolment, String journey, String lead, String reason) {
    static Stuck of(StuckEnrolment s) {
      return new Stuck(s.enrolment().id().toString(), s.enrolment().journey().value(),
          s.enrolment().lead().value(), s.reason());
    }
  }
}
