package dev.leadkit.journey;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.InvalidTimeZoneException;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.MessageQueued;
import dev.leadkit.journey.event.MessageSuppressed;
import dev.leadkit.journey.port.CounterKey;
import dev.leadkit.journey.port.JourneyCounters;
import dev.leadkit.journey.port.SendLog;
import dev.leadkit.journey.port.SendRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every send takes: consent, duplicates, sales collision, quiet hours and caps,
 * then the send log and the outbox, both idempotent by message key. Not API.
 */
final class SendGateway {
  private static final Logger LOG = LoggerFactory.getLogger(SendGateway.class);
  static final String DATA_JOURNEY = "journey";
  static final String DATA_STEP = "step";
  static final String DATA_TEMPLATE = "template";

  private final LeadKit kit;
  private final SendLog log;
  private final JourneyCounters counters;
  private final SendPolicies policies;

  SendGateway(LeadKit kit, SendLog log, JourneyCounters counters, SendPolicies policies) {
    this.kit = kit;
    this.log = log;
    this.counters = counters;
    this.policies = policies;
  }

  SendPolicies policies() {
    return policies;
  }

  static boolean permitted(Lead lead, Channel channel, boolean operational) {
    return lead.consent(channel).map(c -> c.status() == ConsentStatus.SUBSCRIBED
        || (operational && c.status() == ConsentStatus.PENDING_CONFIRMATION)).orElse(false);
  }

  /**
   * The lead's zone for resolving dates: its {@code time_zone}, else the policies' default zone.
   * A stored zone that does not parse (only a lead written before upserts checked it) is logged
   * as a warning and the default zone is used; sends refuse such a lead instead (see {@link
   * #decide}).
   */
  ZoneId zoneOf(Lead lead) {
    try {
      return lead.timeZone().orElse(policies.defaultZone());
    } catch (InvalidTimeZoneException e) {
      LOG.warn("lead {} has an invalid time zone; dates are resolved in {}: {}", lead.id(),
          policies.defaultZone(), e.getMessage());
      return policies.defaultZone();
    }
  }

  /** The lead's zone for quiet hours, or empty if its stored zone is invalid. */
  private Optional<ZoneId> sendZone(Lead lead) {
    try {
      return Optional.of(lead.timeZone().orElse(policies.defaultZone()));
    } catch (InvalidTimeZoneException e) {
      return Optional.empty();
    }
  }

  SendDecision decide(Lead lead, Channel channel, String template, Sender sender,
      boolean operational, MessageKey key, String journey, String step, Instant now) {
    Optional<SendRecord> existing = log.find(key);
    if (existing.isPresent()) {
      // a re-run of a decision already taken (a retry, or a crash before the outbox write)
      enqueue(existing.get(), lead, sender, now, false, List.of());
      return SendDecision.queued(key, existing.get().at());
    }
    if (!permitted(lead, channel, operational)) {
      return suppress(lead, key, template, journey, step, "no_consent", now);
    }
    if (!operational && !policies.duplicateWindow().isZero()) {
      boolean dup = log.forLead(lead.id(), now.minus(policies.duplicateWindow())).stream()
          .anyMatch(r -> r.template().equals(template) && r.channel().equals(channel));
      if (dup) {
        return suppress(lead, key, template, journey, step, "duplicate_template", now);
      }
    }
    Instant at = now;
    Set<String> deferredBy = new LinkedHashSet<>();
    if (!operational && channel.equals(Channel.EMAIL) && !policies.salesCollision().isZero()) {
      Optional<Instant> lastSales = kit.touchpointLog().findByLead(lead.id(),
              TouchpointQuery.ofTypes(TouchpointType.SALES_EMAIL)
                  .since(now.minus(policies.salesCollision()))).stream()
          .filter(t -> policies.salesCollisionScope() == SendPolicies.CollisionScope.ANY_REP
              || HandOverPolicies.collidesWithOwner(t, lead))
          .map(Touchpoint::at).max(Comparator.naturalOrder());
      if (lastSales.isPresent()) {
        Instant free = lastSales.get().plus(policies.salesCollision());
        if (free.isAfter(at)) {
          at = free;
          deferredBy.add("sales_collision");
        }
      }
    }
    ZoneId zone = policies.defaultZone();
    if (!operational && policies.quietHours().isPresent()) {
      Optional<ZoneId> z = sendZone(lead);
      if (z.isEmpty()) {
        // never guess a zone for quiet hours: a wrong guess can mean mail at 3 a.m. local time
        return suppress(lead, key, template, journey, step, "invalid_time_zone", now);
      }
      zone = z.get();
    }
    for (int attempt = 0; attempt < 10_000; attempt++) {
      if (!operational && policies.quietHours().isPresent()) {
        Instant allowed = policies.quietHours().get().nextAllowed(at, zone);
        if (allowed.isAfter(at)) {
          deferredBy.add("quiet_hours");
          at = allowed;
        }
      }
      SendRecord r = new SendRecord(key, lead.id(), channel, template, at, operational,
          journey, step);
      switch (log.reserve(r, policies.caps())) {
        case RESERVED:
          enqueue(r, lead, sender, now, true, List.copyOf(deferredBy));
          return SendDecision.queued(key, at);
        case ALREADY_RECORDED:
          SendRecord won = log.find(key).orElse(r);
          enqueue(won, lead, sender, now, false, List.of());
          return SendDecision.queued(key, won.at());
        case CAPPED:
        default:
          deferredBy.add("capped");
          at = nextFree(lead.id(), channel, at);
          break;
      }
    }
    return suppress(lead, key, template, journey, step, "capped", now);
  }

  /** The earliest time after {@code at} at which every violated cap could admit a message. */
  private Instant nextFree(LeadId lead, Channel channel, Instant at) {
    Instant best = at.plusSeconds(1);
    for (FrequencyCap cap : policies.caps()) {
      if (!cap.channel().equals(channel)) {
        continue;
      }
      List<SendRecord> near = log.forLead(lead, at.minus(cap.window())).stream()
          .filter(r -> !r.operational() && r.channel().equals(channel)
              && Math.abs(r.at().toEpochMilli() - at.toEpochMilli()) < cap.window().toMillis())
          .sorted(Comparator.comparing(SendRecord::at)).toList();
      if (near.size() >= cap.max()) {
        Instant free = near.get(0).at().plus(cap.window());
        if (free.isAfter(best)) {
          best = free;
        }
      }
    }
    return best;
  }

  private void enqueue(SendRecord r, Lead lead, Sender sender, Instant now, boolean fresh,
      List<String> deferredBy) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(DATA_JOURNEY, r.journey());
    data.put(DATA_STEP, r.step());
    data.put(DATA_TEMPLATE, r.template());
    OutboundMessage m = new OutboundMessage(r.key(), lead.id(), r.channel(), r.template(),
        sender == Sender.OWNER ? lead.owner() : Optional.empty(), data, r.at(), r.operational());
    boolean added = kit.outbox().enqueue(m, now);
    if (fresh || added) {
      count(r.journey(), r.step(), "queued");
      kit.events().publish(new MessageQueued(m, r.journey(), r.step(), now, deferredBy));
    }
  }

  private SendDecision suppress(Lead lead, MessageKey key, String template, String journey,
      String step, String reason, Instant now) {
    count(journey, step, "suppressed");
    counters.add(Map.of(CounterKey.of(journey, "suppressed." + reason), 1L));
    kit.events().publish(new MessageSuppressed(lead.id(), journey, step, template, reason, now));
    return SendDecision.suppressed(key, reason);
  }

  private void count(String journey, String step, String metric) {
    counters.add(Map.of(CounterKey.of(journey, metric), 1L,
        CounterKey.of(journey, step, metric), 1L));
  }
}
