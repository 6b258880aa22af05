package dev.leadkit.scoring.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.json.InvalidJsonException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.PredicateParseException;
import dev.leadkit.core.predicate.Predicates;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.scoring.Band;
import dev.leadkit.scoring.Caps;
import dev.leadkit.scoring.CompiledModel;
import dev.leadkit.scoring.Decay;
import dev.leadkit.scoring.ScoreState;
import dev.leadkit.scoring.ScoringModel;
import dev.leadkit.scoring.ScoringModelException;
import dev.leadkit.scoring.Threshold;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScoringJsonTest {
  static ScoringModel full() {
    return ScoringModel.custom("engagement").version(3)
        .behaviour("home", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/"), 1,
            Caps.none().perDay(1))
        .behaviour("campaign", TouchpointFilter.of(TouchpointType.EMAIL_CLICKED,
            TouchpointType.PAGE_VIEW).property(PropertyKey.CAMPAIGN, "spring", "autumn")
            .url("/lp/**"), 4, Caps.oncePerLead().perWeek(2).maxPoints(6.5))
        .behaviour("unsubscribe", TouchpointFilter.of(TouchpointType.EMAIL_UNSUBSCRIBED), -20)
        .behaviour("anything", TouchpointFilter.any(), 0.25)
        .fit("manager", Predicates.attribute(AttributeKey.TITLE).contains("manager"), 15)
        .fit("big", Predicates.attribute(AttributeKey.COMPANY_SIZE).ge(300), 10)
        .decay(Decay.linear(2.5, Duration.ofDays(7)))
        .threshold(Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30))
            .setsStage(LifecycleStage.MQL))
        .threshold(Threshold.at(50))
        .bands(Band.digits(50, 20, 10))
        .build();
  }

  @Test
  void modelRoundTripsThroughJson() {
    ScoringModel m = full();
    String json = ScoringJson.write(m);
    assertThat(ScoringJson.readModel(json)).isEqualTo(m);
    assertThat(json).contains("\"filter\":{\"types\":[\"page_view\"],\"properties\":[{\"key\":"
        + "\"url\",\"match\":\"glob\",\"pattern\":\"/\"}]}")
        .contains("\"when\":{\"type\":\"attribute\",\"key\":\"title\"")
        .contains("\"type\":\"linear\"").contains("\"min\":null");
    ScoringModel exp = ScoringModel.from(Seedless.plain()).decay(Decay.halfLife(
        Duration.ofHours(240))).build();
    assertThat(ScoringJson.readModel(ScoringJson.write(exp))).isEqualTo(exp);
  }

  @Test
  void behaviourRulesCanRequireTimeSpentOnTheContent() {
    ScoringModel m = ScoringJson.readModel("""
        {"kind": "leadkit.scoring-model", "v": 1, "name": "reading", "version": 1,
         "behaviour": [{"id": "read", "points": 5,
           "filter": "page_view where url ~ \\"/products/**\\" and seconds >= 60"}]}
        """);
    assertThat(m.behaviour().get(0).filter()).isEqualTo(TouchpointFilter.of(
        TouchpointType.PAGE_VIEW).url("/products/**").secondsAtLeast(60));
    assertThat(ScoringJson.readModel(ScoringJson.write(m))).isEqualTo(m);
    assertThat(ScoringJson.write(m)).contains("{\"key\":\"seconds\",\"match\":\"number\","
        + "\"op\":\"ge\",\"value\":\"60\"}");
    CompiledModel c = m.compile();
    ScoreState s = c.newState(LeadId.of("x"));
    Instant at = Instant.parse("2026-04-01T00:00:00Z");
    c.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, at)
        .url("/products/a").property(PropertyKey.SECONDS, "12").build());
    c.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, at)
        .url("/products/a").build());
    assertThat(s.positive()).isEqualTo(0.0);
    c.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW, at)
        .url("/products/a").property(PropertyKey.SECONDS, "95.5").build());
    assertThat(s.positive()).isEqualTo(5.0);
  }

  @Test
  void handWrittenModelReads() {
    ScoringModel m = ScoringJson.readModel("""
        {"kind": "leadkit.scoring-model", "v": 1, "name": "seed001", "version": 1,
         "decay": {"type": "half_life", "halfLife": "P10D"},
         "behaviour": [
           {"id": "home", "filter": "page_view where url ~ \\"/\\"", "points": 1},
           {"id": "product", "filter": "page_view where url ~ \\"/products/**\\"", "points": 3},
           {"id": "request", "filter": "page_view where url ~ \\"/request/**\\"", "points": 5}],
         "thresholds": [{"value": 20, "stage": "MQL"}]}
        """);
    assertThat(m.behaviour()).hasSize(3);
    assertThat(m.thresholds().get(0).stage()).contains(LifecycleStage.MQL);
    CompiledModel c = m.compile();
    ScoreState s = c.newState(LeadId.of("x"));
    c.apply(s, Touchpoint.forLead(LeadId.of("x"), TouchpointType.PAGE_VIEW,
        Instant.parse("2026-04-01T00:00:00Z")).url("https://example.co.jp/products/a").build());
    assertThat(s.positive()).isEqualTo(3.0);
  }

  @Test
  void badDocumentsNameTheFieldAndValue() {
    String base = ScoringJson.write(full());
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace("\"v\":1", "\"v\":2")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("model.v");
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace("\"points\":1.0",
        "\"points\":\"one\""))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("model.behaviour[0].points");
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace("\"caps\":{\"perDay\":1}",
        "\"cap\":{\"perDay\":1}"))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("unknown field \"cap\"");
    String home = "{\"types\":[\"page_view\"],\"properties\":[{\"key\":\"url\",\"match\":"
        + "\"glob\",\"pattern\":\"/\"}]}";
    assertThat(base).contains(home);
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace(home,
        "\"page_view wher url ~ \\\"/\\\"\""))).isInstanceOf(PredicateParseException.class);
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace(home,
        "\"page_view, last 30d\""))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("not a touchpoint filter");
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace(home,
        home.replace("\"glob\"", "\"regex\"")))).isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("model.behaviour[0].filter");
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace("\"version\":3",
        "\"version\":0"))).isInstanceOf(ScoringModelException.class)
        .hasMessageContaining("version must be at least 1: 0");
    assertThatThrownBy(() -> ScoringJson.readModel(base.replace("\"perDay\":1",
        "\"perDay\":0"))).isInstanceOf(ScoringModelException.class).hasMessageContaining("0");
  }

  @Test
  void stateRoundTripsThroughJson() {
    CompiledModel c = full().compile();
    ScoreState s = c.newState(LeadId.of("lead-1"));
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      c.score(s, Touchpoint.forLead(LeadId.of("lead-1"), TouchpointType.PAGE_VIEW,
          t.plus(Duration.ofHours(i))).url("/lp/x").property(PropertyKey.CAMPAIGN, "spring")
          .build(), CompiledModel.IGNORE);
    }
    ScoreState back = ScoringJson.state(ScoringJson.state(s));
    assertThat(back.sameContent(s)).isTrue();
    assertThat(back.revision()).isEqualTo(s.revision());
  }

  /** A plain model without decay. */
  static final class Seedless {
    static ScoringModel plain() {
      return ScoringModel.custom("plain")
          .behaviour("any", TouchpointFilter.any(), 1).build();
    }
  }
}
