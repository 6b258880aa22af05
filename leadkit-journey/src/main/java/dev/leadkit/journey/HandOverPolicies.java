package dev.leadkit.journey;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.InvalidTimeZoneException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.mail.HandOverCheck;
import dev.leadkit.core.mail.HandOverVerdict;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.port.OutboxStatus;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The send policies again, at the moment of hand-over (consent is the dispatcher's own check):
 * sales collision, quiet hours in the lead's zone and frequency caps counted on the messages
 * actually handed over. Operational messages are exempt, as at decision time. Not API.
 */
final class HandOverPolicies implements HandOverCheck {
  private final LeadKit kit;
  private final SendPolicies policies;

  HandOverPolicies(LeadKit kit, SendPolicies policies) {
    this.kit = kit;
    this.policies = policies;
  }

  @Override
  public HandOverVerdict check(OutboundMessage m, Lead lead, Instant now) {
    if (m.operational()) {
      return HandOverVerdict.proceed();
    }
    Instant at = now;
    // the reason reported is the first rule that refused "now"; the time, where all admit it
    @Nullable NotSentReason why = null;
    String detail = "";
    // the checks move the time forward until every one of them admits it
    for (int round = 0; round < 100; round++) {
      Instant before = at;
      Optional<Instant> collision = salesCollisionEnd(m, lead, at);
      if (collision.isPresent() && collision.get().isAfter(at)) {
        at = collision.get();
        if (why == null) {
          why = NotSentReason.SALES_COLLISION;
          detail = "a sales rep mailed the lead within " + policies.salesCollision();
        }
      }
      if (policies.quietHours().isPresent()) {
        ZoneId zone;
        try {
          zone = lead.timeZone().orElse(policies.defaultZone());
        } catch (InvalidTimeZoneException e) {
          return HandOverVerdict.cancel(NotSentReason.INVALID_TIME_ZONE, e.getMessage());
        }
        Instant allowed = policies.quietHours().get().nextAllowed(at, zone);
        if (allowed.isAfter(at)) {
          at = allowed;
          if (why == null) {
            why = NotSentReason.QUIET_HOURS;
            detail = "quiet hours in " + zone;
          }
        }
      }
      Optional<Instant> capFree = capFreeAt(m, at);
      if (capFree.isPresent() && capFree.get().isAfter(at)) {
        at = capFree.get();
        if (why == null) {
          why = NotSentReason.FREQUENCY_CAP;
          detail = "frequency cap reached by messages handed over";
        }
      }
      if (at.equals(before)) {
        break;
      }
    }
    return why == null || at.equals(now) ? HandOverVerdict.proceed()
        : HandOverVerdict.deferUntil(at, why, detail + "; next try at " + at);
  }

  /** When automated mail may go again after the latest sales mail that collides, if any. */
  private Optional<Instant> salesCollisionEnd(OutboundMessage m, Lead lead, Instant at) {
    if (!m.channel().equals(Channel.EMAIL) || policies.salesCollision().isZero()) {
      return Optional.empty();
    }
    List<Touchpoint> sales = kit.touchpointLog().findByLead(lead.id(),
        TouchpointQuery.ofTypes(TouchpointType.SALES_EMAIL)
            .since(at.minus(policies.salesCollision())));
    return sales.stream()
        .filter(t -> !t.at().isAfter(at))
        .filter(t -> policies.salesCollisionScope() == SendPolicies.CollisionScope.ANY_REP
            || collidesWithOwner(t, lead))
        .map(Touchpoint::at).max(Comparator.naturalOrder())
        .map(t -> t.plus(policies.salesCollision()));
  }

  /** A sales mail by the lead's owner, or by someone unknown (never assumed to be another rep). */
  static boolean collidesWithOwner(Touchpoint t, Lead lead) {
    Optional<String> rep = t.property(PropertyKey.OWNER);
    return rep.isEmpty() || lead.owner().map(o -> o.value().equals(rep.get())).orElse(true);
  }

  /**
   * The earliest time at or after {@code at} when every cap on the message's channel admits one
   * more message, counting the messages actually handed over (sent outbox entries, by their
   * hand-over time); empty if no cap is full.
   */
  private Optional<Instant> capFreeAt(OutboundMessage m, Instant at) {
    Instant free = at;
    if (policies.caps().stream().noneMatch(c -> c.channel().equals(m.channel()))) {
      return Optional.empty();
    }
    List<Instant> sent = kit.outbox().findByLead(m.lead()).stream()
        .filter(e -> e.status() == OutboxStatus.SENT && !e.message().operational()
            && e.message().channel().equals(m.channel())
            && !e.message().key().equals(m.key()) && e.finishedAt().isPresent())
        .map(e -> e.finishedAt().orElseThrow()).sorted().toList();
    for (FrequencyCap cap : policies.caps()) {
      if (!cap.channel().equals(m.channel())) {
        continue;
      }
      // the sends within (at - window, at]; if max of them, wait until the oldest leaves
      Instant t = at;
      List<Instant> near = sent.stream()
          .filter(s -> s.isAfter(t.minus(cap.window())) && !s.isAfter(t)).toList();
      if (near.size() >= cap.max()) {
        Instant leaves = near.get(near.size() - cap.max()).plus(cap.window());
        if (leaves.isAfter(free)) {
          free = leaves;
        }
      }
    }
    return free.equals(at) ? Optional.empty() : Optional.of(free);
  }
}
