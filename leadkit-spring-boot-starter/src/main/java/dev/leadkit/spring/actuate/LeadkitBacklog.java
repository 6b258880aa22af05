package dev.leadkit.spring.actuate;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.StuckEnrolment;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine has not done yet: its outbox by status and, with a {@link Journeys} plugin
 * installed, the journey enrolments that have been due for longer than a given age.
 *
 * @param outbox how many outbox entries are in each status (every status, zero included)
 * @param stuckEnrolments the stuck enrolments, if a journeys plugin is installed
 */
record LeadkitBacklog(Map<OutboxStatus, Long> outbox,
    Optional<List<StuckEnrolment>> stuckEnrolments) {

  static LeadkitBacklog of(LeadKit kit, Duration stuckAfter) {
    Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
    for (OutboxStatus s : OutboxStatus.values()) {
      counts.put(s, 0L);
    }
    counts.putAll(kit.outbox().countByStatus());
    return new LeadkitBacklog(counts,
        kit.plugin(Journeys.class).map(j -> j.stuck(stuckAfter)));
  }

  /** Messages still to hand over: pending or claimed. */
  long undelivered() {
    return outbox.get(OutboxStatus.PENDING) + outbox.get(OutboxStatus.CLAIMED);
  }

  long dead() {
    return outbox.get(OutboxStatus.DEAD);
  }
}
