package dev.leadkit.spring.actuate;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadKit;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code leadkit} health: DOWN when the stores cannot be read; otherwise UP with details:
 * {@code leads} (how many), {@code outbox.undelivered} (pending or claimed messages),
 * {@code outbox.dead} (dead letters) and, with a journeys plugin, {@code journeys.stuck}
 * (enrolments due for longer than the configured age). Dead letters and stuck enrolments are
 * reported, not turned into DOWN: they need a person, not a restart.
 */
public final class LeadkitHealthIndicator implements HealthIndicator {
  private final LeadKit kit;
  private final Duration stuckAfter;

  /** The health of {@code kit}; enrolments due for longer than {@code stuckAfter} are stuck. */
  public LeadkitHealthIndicator(LeadKit kit, Duration stuckAfter) {
    if (kit == null || stuckAfter == null || stuckAfter.isNegative()) {
      throw new InvalidValueException("kit and a non-negative stuckAfter are required, got "
          + kit + " and " + stuckAfter);
    }
    this.kit = kit;
    this.stuckAfter = stuckAfter;
  }

  @Override
  public Health health() {
    try {
      long leads = kit.leadStore().count();
      LeadkitBacklog backlog = LeadkitBacklog.of(kit, stuckAfter);
      Health.Builder h = Health.up()
          .withDetail("leads", leads)
          .withDetail("outbox.undelivered", backlog.undelivered())
          .withDetail("outbox.dead", backlog.dead());
      backlog.stuckEnrolments().ifPresent(s -> h.withDetail("journeys.stuck", s.size()));
      return h.build();
    } catch (RuntimeException e) {
      return Health.down(e).build();
    }
  }
}
