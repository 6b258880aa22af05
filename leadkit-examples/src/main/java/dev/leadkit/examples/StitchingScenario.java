package dev.leadkit.examples;

import dev.leadkit.core.LeadKit;
import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.identity.IdentityImportReport;
import dev.leadkit.core.identity.LeadsMerged;
import dev.leadkit.core.identity.LinkKey;
import dev.leadkit.core.identity.LinkKeyRing;
import dev.leadkit.core.identity.LinkTagger;
import dev.leadkit.core.identity.MergeRequest;
import dev.leadkit.core.identity.VisitorStitched;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Seeds 000 and 002, "nayose": imported business cards meet anonymous web visitors. A tagging
 * mail click and a newsletter form tie visitors to leads with their earlier history; a duplicate
 * is merged with an audit record and undone.
 */
final class StitchingScenario implements Scenario {
  @Override
  public String name() {
    return "stitching";
  }

  @Override
  public String title() {
    return "Tagging mail and forms stitch anonymous visitors to imported leads; merge and undo";
  }

  /** The lead's address, or its id if it is gone. */
  private static String email(LeadKit kit, LeadId id) {
    return kit.lead(id).map(l -> l.email().value()).orElse(id.value());
  }

  private static byte[] randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  @Override
  public void run(DemoEnv env, Report out) throws Exception {
    Identity.Builder ib = Identity.custom()
        .keyRing(LinkKeyRing.of(LinkKey.of("demo-1", randomSecret())))
        .suppressionPepper(randomSecret());
    // under --jdbc the visitor links, merge log and suppression list are in the database too:
    // the plugin takes them from the engine's stores
    Identity identity = ib.build();
    LeadKit kit = env.register(env.kitBuilder().install(identity).build());
    kit.events().on(VisitorStitched.class, e -> out.event("  event: visitor %s is %s (by %s);"
        + " %d earlier touchpoint(s) now theirs", e.visitor(), email(kit, e.lead()), e.method(),
        e.attributed().size()));
    kit.events().on(LeadsMerged.class, e -> out.event("  event: merged %s into %s (%s)",
        e.record().mergedBefore().email().value(), e.record().survivorBefore().email().value(),
        e.record().reason()));

    IdentityImportReport imported;
    try (InputStream in = Objects.requireNonNull(
        StitchingScenario.class.getResourceAsStream("/scenarios/expo-2025-cards.csv"))) {
      imported = identity.importCsv(in, ExhibitionScenario.cardSpec());
    }
    out.line("Imported the expo cards: %s; %d possible duplicates to review",
        imported.report(), imported.candidates().size());

    // 1. Taro browses anonymously, then clicks the seminar link in a tagging mail
    Lead taro = kit.leadByEmail("taro.yamada@yamada-kogyo.co.jp").orElseThrow();
    VisitorId laptop = VisitorId.of("cookie-3f9a");
    for (String url : new String[] {"/", "/products/erp", "/products/erp/pricing"}) {
      env.clock.advance(Duration.ofMinutes(20));
      kit.track(Touchpoint.forVisitor(laptop, TouchpointType.PAGE_VIEW, env.clock.instant())
          .url(url).build());
    }
    LinkTagger tagger = identity.tagger("example.co.jp").timeToLive(Duration.ofDays(90)).build();
    String mail = tagger.tagHtml("<a href=\"https://www.example.co.jp/seminar/erp\">Join the"
        + " ERP seminar</a>", taro.id(), Optional.of(MessageKey.of("seminar-erp:" + taro.id())));
    String landing = mail.substring(mail.indexOf("https://"), mail.indexOf("\">"));
    out.line("Tagged link in the mail to %s: %s", taro.email().value(), landing);
    env.clock.advance(Duration.ofDays(1));
    kit.track(Touchpoint.forVisitor(laptop, TouchpointType.PAGE_VIEW, env.clock.instant())
        .url("/seminar/erp").property(PropertyKey.LINK_TOKEN, tagger.tokenIn(landing).orElseThrow())
        .build());
    out.line("%s: visitor %s clicks it and lands on /seminar/erp", Report.time(
        env.clock.instant()), laptop);

    // 2. Someone else signs up for the newsletter with an imported address
    VisitorId phone = VisitorId.of("cookie-77c1");
    env.clock.advance(Duration.ofMinutes(5));
    kit.track(Touchpoint.forVisitor(phone, TouchpointType.PAGE_VIEW, env.clock.instant())
        .url("/blog/bim").build());
    env.clock.advance(Duration.ofMinutes(5));
    kit.track(Touchpoint.forVisitor(phone, TouchpointType.FORM_SUBMITTED, env.clock.instant())
        .property(PropertyKey.FORM, "newsletter")
        .property(PropertyKey.EMAIL, "Jun.Watanabe@Watanabe-Kensetsu.example").build());
    out.line("%s: visitor %s signs up for the newsletter as Jun.Watanabe@Watanabe-Kensetsu.example",
        Report.time(env.clock.instant()), phone);

    // 3. A tampered token stitches nothing
    String forged = tagger.tokenIn(landing).orElseThrow().replace('A', 'B');
    Touchpoint refused = kit.track(Touchpoint.forVisitor(VisitorId.of("cookie-evil"),
        TouchpointType.PAGE_VIEW, env.clock.instant()).url("/seminar/erp")
        .property(PropertyKey.LINK_TOKEN, forged).build()).touchpoint();
    out.line("A tampered token: lead %s, marked %s", refused.lead().map(id -> email(kit, id))
        .orElse("(none)"), refused.property(Identity.TOKEN_REJECTED).orElse("-"));

    Report.Table t = out.table("Lead", "Visitors", "History");
    for (String email : new String[] {"taro.yamada@yamada-kogyo.co.jp",
        "jun.watanabe@watanabe-kensetsu.example"}) {
      Lead l = kit.leadByEmail(email).orElseThrow();
      StringBuilder h = new StringBuilder();
      for (Touchpoint tp : kit.touchpointLog().findByLead(l.id(), TouchpointQuery.all())) {
        h.append(h.length() == 0 ? "" : ", ").append(tp.property(PropertyKey.URL)
            .or(() -> tp.property(PropertyKey.FORM)).orElse(tp.type().name()));
      }
      t.row(email, identity.visitorsOf(l.id()).size(), h);
    }
    t.print();

    // 4. Sales says Taro's private address is the same person: a forced, audited merge, undone
    Lead privateAddress = kit.upsertLead(dev.leadkit.core.LeadInput.email("taro.y@gmail.com")
        .build()).lead();
    MergeRecord m = identity.merge(MergeRequest.of(taro.id(), privateAddress.id(), "sato@sales",
        "private address of the same person").forced());
    out.line("Sales merges %s into %s: %s, %d rule decisions; the old id of %s now leads to %s",
        privateAddress.email().value(), taro.email().value(), m.forced() ? "forced" : "automatic",
        m.decisions().size(), privateAddress.email().value(),
        email(kit, identity.resolve(privateAddress.id())));
    identity.undo(m.id(), "sato@sales", "it was his brother");
    out.line("Undone: %d leads again, %s exists on its own", kit.leadStore().count(),
        kit.lead(privateAddress.id()).map(l -> l.email().value()).orElse("?"));
  }
}
