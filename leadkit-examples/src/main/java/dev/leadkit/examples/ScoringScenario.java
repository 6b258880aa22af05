package dev.leadkit.examples;

import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.Band;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.Grade;
import dev.leadkit.scoring.ScoreExplanation;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;

/**
 * Seed 001: home page 1 point, product overview 3, document request 5; at 20 points the lead is
 * handed to sales. A lead that only reads the home page never gets there once interest fades.
 */
final class ScoringScenario implements Scenario {
  @Override
  public String name() {
    return "scoring";
  }

  @Override
  public String title() {
    return "Seed 001 scoring: 1/3/5 points, hand-off to sales at 20, decay, grade";
  }

  static ScoringModel engagement() {
    TouchpointFilter views = TouchpointFilter.of(TouchpointType.PAGE_VIEW);
    return ScoringModel.custom("engagement")
        .behaviour("home", views.url("/"), 1, Caps.none().perDay(1))
        .behaviour("product", views.url("/products/**"), 3)
        .behaviour("request", views.url("/request/**"), 5)
        .decay(Decay.halfLife(Duration.ofDays(10)))
        .threshold(Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30))
            .setsStage(LifecycleStage.MQL))
        .bands(Band.digits(20, 10, 5))
        .build();
  }

  static ScoringModel fit() {
    return ScoringModel.custom("fit")
        .fit("manager", Predicates.attribute(AttributeKey.TITLE).contains("manager"), 15)
        .fit("size", Predicates.attribute(AttributeKey.COMPANY_SIZE).ge(300), 10)
        .bands(Band.letters(25, 15, 5))
        .build();
  }

  @Override
  public void run(DemoEnv env, Report out) {
    // the scoring plugin is installed when the engine is built: a kit over the env's stores
    ScoringPlugin scoring = env.scoring().model(engagement()).model(fit())
        .grade(Grade.of("fit", "engagement")).build();
    LeadKit kit = env.register(env.kitBuilder().install(scoring).build());
    scoring.onHandOff(e -> out.event("  -> hand-off to sales: %s at %.1f points (%s)",
        kit.require(e.lead()).email(), e.value(), Report.time(e.scoredAt())));

    LeadId buyer = kit.upsertLead(LeadInput.email("sato@example.co.jp")
        .attribute(AttributeKey.TITLE, "IT manager").build()).lead().id();
    LeadId reader = kit.upsertLead(LeadInput.email("suzuki@example.co.jp").build()).lead().id();

    out.line("Sato reads the product pages and asks for documents (times in %s):", Report.ZONE);
    String[] path = {"/", "/products/erp", "/products/erp/pricing", "/products/crm",
        "/request/brochure", "/request/demo"};
    for (String url : path) {
      kit.track(Touchpoint.forLead(buyer, TouchpointType.PAGE_VIEW, env.clock.instant())
          .url(url).build());
      env.clock.advance(Duration.ofMinutes(5));
      out.line("  %-24s engagement %5.1f", url, score(kit.require(buyer), "engagement"));
    }
    Lead sato = kit.require(buyer);
    out.line("Sato: stage %s, grade %s", sato.stage(),
        sato.score("grade").flatMap(Score::band).orElse("-"));
    ScoreExplanation why = scoring.explain(buyer, "engagement");
    for (ScoreExplanation.Contribution c : why.contributions()) {
      out.line("  %-8s %-17s +%.0f, now %.2f", c.rule(), Report.time(c.touchedAt()), c.given(),
          c.current());
    }

    out.line("Suzuki reads the home page every day for 90 days:");
    for (int day = 0; day < 90; day++) {
      kit.track(Touchpoint.forLead(reader, TouchpointType.PAGE_VIEW, env.clock.instant())
          .url("/").build());
      env.clock.advance(Duration.ofDays(1));
      kit.runDue();
    }
    Lead suzuki = kit.require(reader);
    out.line("  engagement %.1f, stage %s: never handed over (decay levels it off near 14.9)",
        score(suzuki, "engagement"), suzuki.stage());

    kit.runDue();
    out.line("90 days later Sato has cooled down: engagement %.1f, grade %s",
        score(kit.require(buyer), "engagement"),
        kit.require(buyer).score("grade").flatMap(Score::band).orElse("-"));
  }

  private static double score(Lead lead, String model) {
    return lead.score(model).map(Score::value).orElse(0.0);
  }
}
