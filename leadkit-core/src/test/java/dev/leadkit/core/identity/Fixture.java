package dev.leadkit.core.identity;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An engine with the identity plugin on in-memory ports and a manual clock. */
final class Fixture {
  static final Instant T0 = Instant.parse("2025-10-08T01:00:00Z");

  final ManualClock clock = ManualClock.at(T0);
  final Identity identity;
  final LeadKit kit;

  Fixture() {
    this(Identity.custom().keyRing(LinkKeyRing.of(LinkTokensTest.K1))
        .suppressionPepper(LinkTokensTest.secret('p')).build());
  }

  Fixture(Identity identity) {
    this.identity = identity;
    this.kit = LeadKit.builder().clock(clock).install(identity).build();
  }

  Lead lead(String email) {
    return kit.upsertLead(LeadInput.email(email).build()).lead();
  }

  Touchpoint view(VisitorId v, String url) {
    clock.advance(Duration.ofMinutes(1));
    Touchpoint t = kit.track(Touchpoint.forVisitor(v, TouchpointType.PAGE_VIEW, clock.instant())
        .url(url).build()).touchpoint();
    clock.advance(Duration.ofMinutes(1));
    return t;
  }

  List<String> urlsOf(LeadId lead) {
    return kit.touchpointLog().findByLead(lead, TouchpointQuery.all()).stream()
        .map(t -> t.property(dev.leadkit.core.touch.PropertyKey.URL)
            .or(() -> t.property(dev.leadkit.core.touch.PropertyKey.FORM)).orElse(t.type().name()))
        .toList();
  }
}
