package dev.leadkit.spring.boot;

import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.port.Mailer;
import dev.leadkit.core.port.MailerException;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.SegmentDefinition;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.segment.SegmentsPlugin;
import dev.leadkit.core.time.ManualClock;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.Journeys;
import dev.leadkit.journey.Trigger;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringPlugin;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * An application with scoring (hand-off at 5 points), two segments and a journey that mails
 * every lead entering "pricing-viewers", and a mailer that refuses "bounce@..." for good and
 * "later@..." for now.
 */
@Configuration(proxyBeanMethods = false)
class ScenarioConfig {
  static final TouchpointFilter PRICING =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/pricing");
  static final SegmentId VIEWERS = SegmentId.of("pricing-viewers");
  static final SegmentId ENGAGED = SegmentId.of("engaged");

  @Bean
  ManualClock clock() {
    return ManualClock.at("2026-05-01T00:00:00Z");
  }

  @Bean
  Mailer mailer() {
    return (message, recipient) -> {
      String email = recipient.email().value();
      if (email.startsWith("bounce@")) {
        throw new MailerException("no such mailbox: " + email, false);
      }
      if (email.startsWith("later@")) {
        throw new MailerException("provider busy", true);
      }
      return "sent-" + message.key().value();
    };
  }

  @Bean
  @Order(1)
  ScoringPlugin scoring() {
    return ScoringPlugin.builder().model(ScoringModel.custom("engagement")
        .behaviour("pricing", PRICING, 3)
        .behaviour("any-page", TouchpointFilter.of(TouchpointType.PAGE_VIEW), 1)
        .threshold(Threshold.at(5).setsStage(LifecycleStage.MQL))
        .build()).build();
  }

  @Bean
  @Order(2)
  SegmentsPlugin segments() {
    return SegmentsPlugin.builder().build();
  }

  @Bean
  @Order(3)
  Journeys journeys() {
    return Journeys.builder().build();
  }

  @Bean
  Definitions definitions(SegmentsPlugin segments, Journeys journeys) {
    return new Definitions(segments, journeys);
  }

  /** Publishes the definitions once the engine is built. */
  static final class Definitions {
    private final SegmentsPlugin segments;
    private final Journeys journeys;
    private boolean done;

    Definitions(SegmentsPlugin segments, Journeys journeys) {
      this.segments = segments;
      this.journeys = journeys;
    }

    @EventListener({ContextRefreshedEvent.class, ApplicationReadyEvent.class})
    synchronized void publish() {
      if (done) {
        return;
      }
      done = true;
      segments.define(SegmentDefinition.of(VIEWERS.value(), "Viewed pricing in 30 days",
          Predicates.touchpoints(PRICING).inLast(Duration.ofDays(30)).atLeast(1)));
      segments.define(SegmentDefinition.of(ENGAGED.value(), "Engaged",
          Predicates.score("engagement").atLeast(5)));
      journeys.publish(Journey.builder("pricing-follow-up")
          .trigger(Trigger.segmentEntered(VIEWERS))
          .send("mail", "tpl-pricing")
          .build());
    }
  }

}
