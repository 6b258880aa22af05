package dev.leadkit.journey.json;

import static dev.leadkit.core.predicate.Predicates.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.journey.ContentPiece;
import dev.leadkit.journey.ContentStream;
import dev.leadkit.journey.DateExpression;
import dev.leadkit.journey.Exhaustion;
import dev.leadkit.journey.Journey;
import dev.leadkit.journey.JourneyId;
import dev.leadkit.journey.Programs;
import dev.leadkit.journey.ReEntryPolicy;
import dev.leadkit.journey.Sender;
import dev.leadkit.journey.StreamId;
import dev.leadkit.journey.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyJsonTest {

  static Journey everyStepType() {
    return Journey.builder("everything").version(3).name("Every step type")
        .trigger(Trigger.touchpoint(TouchpointFilter.of(TouchpointType.PAGE_VIEW)
            .url("/pricing/**").property(PropertyKey.CAMPAIGN, "spring", "autumn")))
        .trigger(Trigger.segmentEntered(SegmentId.of("hot")))
        .trigger(Trigger.date(DateExpression.of(AttributeKey.RENEWAL_DATE, -90)))
        .trigger(Trigger.condition(score("fit").band("A")))
        .reEntry(ReEntryPolicy.after(Duration.ofDays(30)))
        .goal(Programs.inSalesCycle())
        .exhaustion(Exhaustion.of(6, 3, Duration.ofDays(56)).thenMoveTo(JourneyId.of("re")))
        .send("mail", "tpl", Channel.EMAIL, Sender.OWNER, true)
        .wait("wait", Duration.ofHours(36))
        .waitUntil("until", DateExpression.of(AttributeKey.RENEWAL_DATE, -30))
        .waitForEvent("event", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED)
            .with(new dev.leadkit.core.predicate.PropertyFilter.Present(PropertyKey.ASSET)),
            Duration.ofDays(2), "branch", Journey.END)
        .branch("branch", score("engagement").atLeast(10), "split", "stage")
        .split("split", Journey.arm("A", 70, "stage"), Journey.arm("B", 30, Journey.END))
        .setStage("stage", LifecycleStage.ENGAGED)
        .task("task", "call", "Call", Duration.ofDays(1))
        .notifyOwner("notify", "Look")
        .addToList("add", ListId.of("l1"))
        .removeFromList("remove", ListId.of("l2"))
        .stream("stream", StreamId.of("edu"))
        .moveTo("move", "other")
        .exit("exit", "custom_reason")
        .build();
  }

  @Test
  void numericPropertyFiltersInTriggersAndWaitsSurviveARoundTrip() {
    TouchpointFilter longRead = TouchpointFilter.of(TouchpointType.PAGE_VIEW)
        .url("/products/**").secondsAtLeast(60);
    Journey j = Journey.builder("accelerate").version(1)
        .trigger(Trigger.touchpoint(longRead))
        .waitForEvent("again", TouchpointFilter.of(TouchpointType.ASSET_DOWNLOADED).number(
            PropertyKey.of("pages"), dev.leadkit.core.predicate.PropertyFilter.NumberOp.NE, 0),
            Duration.ofDays(2), "done", "done")
        .exit("done", "read")
        .build();
    String json = JourneyJson.write(j);
    assertThat(json).contains("{\"key\":\"seconds\",\"match\":\"number\",\"op\":\"ge\","
        + "\"value\":\"60\"}").contains("\"op\":\"ne\",\"value\":\"0\"");
    assertThat(JourneyJson.read(json)).isEqualTo(j);
    assertThatThrownBy(() -> JourneyJson.read(json.replace("\"ne\"", "\"neq\"")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("neq");
  }

  @Test
  void everyStepTypeSurvivesARoundTrip() {
    Journey j = everyStepType();
    String json = JourneyJson.write(j);
    assertThat(JourneyJson.read(json)).isEqualTo(j);
    assertThat(json).contains("\"format\":1").contains("\"type\":\"wait_for_event\"");
  }

  @Test
  void everyLibraryProgramSurvivesARoundTrip() {
    List<Journey> programs = List.of(
        Programs.welcome("w", "a", "b", "c", Duration.ofDays(2)),
        Programs.nurture("n", List.of("a"), List.of("b"), List.of("c"), Duration.ofDays(7)),
        Programs.accelerate("acc", "engagement", 20, "t", Duration.ofDays(5)),
        Programs.reEngage("re", SegmentId.of("quiet"), "a", "b", Duration.ofDays(7),
            ListId.of("prune")),
        Programs.dormantCustomers("d", "a", "s", 20, 8, "b", Duration.ofDays(7)),
        Programs.renewal("r", "a", "b", "c"),
        Programs.onboarding("o", Map.of("power_user", List.of("a")), List.of("b"),
            Duration.ofDays(3)),
        Programs.productAdoption("p", Programs.decliningLogins(1, Duration.ofDays(30), 5,
            Duration.ofDays(120)), "a", Duration.ofDays(10)),
        Programs.lostDeal("l", List.of("a", "b"), Duration.ofDays(30)));
    for (Journey j : programs) {
      assertThat(JourneyJson.read(JourneyJson.write(j))).as(j.id().value()).isEqualTo(j);
    }
  }

  @Test
  void contentStreamsSurviveARoundTrip() {
    ContentStream s = ContentStream.of("edu", Duration.ofDays(14),
        ContentPiece.generic("g1", "tpl-g1", "ebook"), ContentPiece.personal("p1", "tpl-p1"))
        .alternatingWhenIdle(Duration.ofDays(60));
    assertThat(JourneyJson.readStream(JourneyJson.write(s))).isEqualTo(s);
  }

  @Test
  void badDocumentsAreRefusedWithThePathOfTheProblem() {
    String good = JourneyJson.write(Journey.builder("x").send("a", "t").build());
    assertThatThrownBy(() -> JourneyJson.read(good.replace("\"format\":1", "\"format\":2")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("/format");
    assertThatThrownBy(() -> JourneyJson.read(good.replace("\"template\"", "\"tmpl\"")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("/steps/0/tmpl");
    assertThatThrownBy(() -> JourneyJson.read(good.replace("\"send\"", "\"teleport\"")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("teleport");
    assertThatThrownBy(() -> JourneyJson.read(good.replace("\"version\":1", "\"version\":0")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> JourneyJson.read(good.replace("\"sender\":\"company\"",
        "\"sender\":\"ceo\""))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("/steps/0");
    assertThatThrownBy(() -> JourneyJson.read(good.replace("}]}", ",\"next\":\"nowhere\"}]}")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("nowhere");
    assertThatThrownBy(() -> JourneyJson.read("{not json"))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("malformed");
  }
}
