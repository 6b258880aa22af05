package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.event.StreamExhausted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContentStreamTest {
  private static final Duration TWO_WEEKS = Duration.ofDays(14);

  private static Journey streamJourney() {
    return Journey.builder("education").stream("stream", StreamId.of("edu")).build();
  }

  @Test
  void streamSkipsConsumedContentAnnouncesExhaustionAndDeliversNewContentLater() {
    Fixture f = new Fixture();
    f.journeys.publishStream(ContentStream.of("edu", TWO_WEEKS,
        ContentPiece.generic("p1", "tpl-ebook", "ebook"),
        ContentPiece.generic("p2", "tpl-webinar", "webinar"),
        ContentPiece.generic("p3", "tpl-case", "case-study")));
    f.journeys.publish(streamJourney());
    Lead lead = f.lead();
    f.kit.track(Touchpoint.forLead(lead.id(), TouchpointType.ASSET_DOWNLOADED, f.now())
        .property(PropertyKey.ASSET, "webinar").build());
    f.journeys.enrol(JourneyId.of("education"), lead.id(), "api");
    f.runFor(Duration.ofDays(13), Duration.ofHours(12));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-ebook");
    f.runFor(Duration.ofDays(30), Duration.ofHours(12));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-ebook", "tpl-case");
    assertThat(f.events(StreamExhausted.class)).singleElement()
        .satisfies(e -> assertThat(e.lead()).isEqualTo(lead.id()));
    assertThat(f.journeys.enrolments(lead.id()).get(0).isLive()).isTrue();

    f.journeys.publishStream(ContentStream.of("edu", TWO_WEEKS,
        ContentPiece.generic("p1", "tpl-ebook", "ebook"),
        ContentPiece.generic("p2", "tpl-webinar", "webinar"),
        ContentPiece.generic("p3", "tpl-case", "case-study"),
        ContentPiece.generic("p4", "tpl-roi-calculator", "roi")));
    f.runFor(Duration.ofDays(1), Duration.ofHours(12));
    assertThat(f.templatesTo(lead.id())).containsExactly("tpl-ebook", "tpl-case",
        "tpl-roi-calculator");
  }

  @Test
  void idleLeadsAlternateGenericAndPersonalMessagesEveryTwoWeeks() {
    Fixture f = new Fixture();
    f.journeys.publishStream(ContentStream.of("edu", TWO_WEEKS,
            ContentPiece.generic("g1", "tpl-topic-1", "t1"),
            ContentPiece.generic("g2", "tpl-topic-2", "t2"),
            ContentPiece.generic("g3", "tpl-topic-3", "t3"),
            ContentPiece.personal("q1", "tpl-ready-to-talk-1"),
            ContentPiece.personal("q2", "tpl-ready-to-talk-2"))
        .alternatingWhenIdle(Duration.ofDays(60)));
    f.journeys.publish(streamJourney());
    Lead idle = f.lead();
    Lead active = f.lead();
    f.clock.advance(Duration.ofDays(61));
    f.journeys.enrol(JourneyId.of("education"), idle.id(), "api");
    f.journeys.enrol(JourneyId.of("education"), active.id(), "api");
    for (int i = 0; i < 8; i++) {
      f.track(active.id(), TouchpointType.PAGE_VIEW);
      f.runFor(Duration.ofDays(14), Duration.ofHours(12));
    }
    assertThat(f.templatesTo(idle.id())).containsExactly("tpl-topic-1", "tpl-ready-to-talk-1",
        "tpl-topic-2", "tpl-ready-to-talk-2", "tpl-topic-3");
    assertThat(f.mailer.deliveriesTo(idle.id()).get(1).message().sender())
        .contains(OwnerId.of("rep-1"));
    assertThat(f.mailer.deliveriesTo(idle.id()).get(0).message().sender()).isEmpty();
    assertThat(f.templatesTo(active.id()))
        .containsExactly("tpl-topic-1", "tpl-topic-2", "tpl-topic-3");
  }
}
