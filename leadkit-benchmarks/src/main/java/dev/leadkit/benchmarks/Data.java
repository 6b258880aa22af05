package dev.leadkit.benchmarks;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/** Deterministic synthetic data shared by the workloads. */
final class Data {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String[] INDUSTRIES = {"manufacturing", "it", "logistics", "retail", "finance"};
  static final String[] URLS = {"/", "/products", "/products/erp", "/products/erp/features",
      "/products/crm", "/pricing", "/pricing/enterprise", "/docs/request", "/docs/request/erp",
      "/blog/ma-basics", "/blog/scoring", "/careers", "/careers/sales", "/case-studies/bim",
      "/contact", "/seminar/erp", "/support", "/partners", "/about", "/news"};

  private Data() {}

  static LeadId leadId(int i) {
    return LeadId.of("lead-" + i);
  }

  static Lead lead(int i) {
    return Lead.create(leadId(i), EmailAddress.parse("user" + i + "@company" + (i % 5000)
        + ".example"), Attributes.empty()
        .with(AttributeKey.COMPANY, "Company " + (i % 5000))
        .with(AttributeKey.TITLE, i % 3 == 0 ? "Manager" : "Engineer")
        .with(AttributeKey.INDUSTRY, INDUSTRIES[i % INDUSTRIES.length])
        .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(50 + (i * 7919L) % 3000)), T0);
  }

  /** A page view or other touchpoint of lead {@code lead} at {@code at}. */
  static Touchpoint touch(SplittableRandom r, int lead, Instant at, long seq) {
    int k = r.nextInt(100);
    TouchpointType type = k < 85 ? TouchpointType.PAGE_VIEW
        : k < 92 ? TouchpointType.EMAIL_CLICKED
        : k < 96 ? TouchpointType.FORM_SUBMITTED : TouchpointType.ASSET_DOWNLOADED;
    Touchpoint.Builder b = Touchpoint.forLead(leadId(lead), type, at).id("t" + seq);
    if (type.equals(TouchpointType.PAGE_VIEW) || type.equals(TouchpointType.EMAIL_CLICKED)) {
      b.url(URLS[r.nextInt(URLS.length)]);
    }
    return b.build();
  }

  /** {@code count} touchpoints over {@code leads} leads, in time order from T0. */
  static Touchpoint[] stream(int leads, int count, Duration span, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Touchpoint[] out = new Touchpoint[count];
    long step = Math.max(1, span.toMillis() / count);
    for (int i = 0; i < count; i++) {
      out[i] = touch(r, r.nextInt(leads), T0.plusMillis(step * i), i);
    }
    return out;
  }
}
