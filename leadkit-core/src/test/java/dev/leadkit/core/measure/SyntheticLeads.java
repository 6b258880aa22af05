package dev.leadkit.core.measure;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but valid leads, stage histories and touchpoints, reproducible from a seed. */
final class SyntheticLeads {
  static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  static final ReportPeriod APRIL = ReportPeriod.of(T0, T0.plus(Duration.ofDays(30)));
  private static final List<TouchpointType> TYPES = List.of(TouchpointType.PAGE_VIEW,
      TouchpointType.EMAIL_SENT, TouchpointType.EMAIL_OPENED, TouchpointType.EMAIL_CLICKED,
      TouchpointType.EMAIL_BOUNCED, TouchpointType.EMAIL_UNSUBSCRIBED,
      TouchpointType.FORM_SUBMITTED, TouchpointType.ASSET_DOWNLOADED, TouchpointType.MEETING,
      TouchpointType.PURCHASE, TouchpointType.JOURNEY_EXITED);

  final LeadStore leads = InMemory.leadStore();
  final TouchpointLog log = InMemory.touchpointLog();
  final MeasurementSource source = InMemory.measurementSource(leads, log);

  SyntheticLeads(long seed, int count) {
    Random r = new Random(seed);
    List<Lead> all = new ArrayList<>();
    List<Touchpoint> tps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant created = T0.plus(Duration.ofHours(r.nextInt(24 * 90) - 24 * 45));
      Attributes a = Attributes.empty();
      if (r.nextBoolean()) {
        a = a.with(AttributeKey.SOURCE, pick(r, List.of("expo", "web", "seminar")));
      }
      Lead l = Lead.create(LeadId.of(String.format("l%04d", i)),
          EmailAddress.parse("l" + i + "@example.com"), a, created);
      Instant t = created;
      int moves = r.nextInt(6);
      for (int m = 0; m < moves; m++) {
        List<LifecycleStage> targets = new ArrayList<>(
            StageTransitions.defaults().targets(l.stage()));
        if (targets.isEmpty()) {
          break;
        }
        targets.sort(null);
        t = t.plus(Duration.ofHours(1 + r.nextInt(24 * 10)));
        l = l.withStage(pick(r, targets), "random", t, StageTransitions.defaults());
      }
      if (r.nextInt(3) > 0) {
        l = l.withConsent(new ConsentRecord(Channel.EMAIL, pick(r,
            List.of(ConsentStatus.values())), "random", created.plus(Duration.ofHours(
                r.nextInt(24 * 40)))));
      }
      all.add(l);
      int n = r.nextInt(8);
      for (int k = 0; k < n; k++) {
        TouchpointType type = pick(r, TYPES);
        Touchpoint.Builder b = Touchpoint.forLead(l.id(), type,
            created.plus(Duration.ofHours(r.nextInt(24 * 60)))).id("t" + i + "-" + k);
        b.property(PropertyKey.MESSAGE_KEY, "m" + i + "-" + r.nextInt(3));
        b.property(PropertyKey.JOURNEY, pick(r, List.of("welcome", "nurture")));
        b.property(PropertyKey.STEP, Integer.toString(r.nextInt(3)));
        b.property(PropertyKey.TEMPLATE, pick(r, List.of("t1", "t2")));
        b.property(PropertyKey.REASON, pick(r, List.of("goal", "unsubscribed")));
        b.property(PropertyKey.FORM, pick(r, List.of("inquiry", "newsletter")));
        b.property(PropertyKey.ASSET, pick(r, List.of("wp1", "wp2", "case")));
        b.property(PropertyKey.AMOUNT, pick(r, List.of("100", "2500.5", "n/a")));
        b.url(pick(r, List.of("/lp/a", "/blog", "https://x.example/lp/b")));
        tps.add(b.build());
      }
    }
    for (int v = 0; v < count / 3; v++) {
      tps.add(Touchpoint.forVisitor(VisitorId.of("v" + v), TouchpointType.PAGE_VIEW,
          T0.plus(Duration.ofHours(r.nextInt(24 * 60) - 24 * 15))).id("v" + v)
          .url(pick(r, List.of("/lp/a", "/blog"))).build());
    }
    leads.saveAll(all);
    log.appendAll(tps);
  }

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

}
