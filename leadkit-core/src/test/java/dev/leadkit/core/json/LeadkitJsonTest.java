package dev.leadkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.port.MessageKey;
import dev.leadkit.core.port.OutboundMessage;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.testkit.LeadStoreContract;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.touch.VisitorId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadkitJsonTest {

  static final class Fixtures extends LeadStoreContract {
    @Override
    protected dev.leadkit.core.port.LeadStore newStore() {
      throw new UnsupportedOperationException();
    }

    static Lead rich() {
      return richLead("l1", "taro@example.co.jp").withVersion(7);
    }
  }

  @Test
  void leadRoundTripsExactlyThroughText() {
    Lead l = Fixtures.rich();
    String text = LeadkitJson.write(LeadkitJson.lead(l));
    assertThat(LeadkitJson.lead(LeadkitJson.parse(text))).isEqualTo(l);
    assertThat(text).contains("\"v\":1").contains("\"number\":1200.5");
  }

  @Test
  void touchpointAndMessageRoundTrip() {
    Touchpoint t = Touchpoint.forVisitor(VisitorId.of("c-1"), TouchpointType.PAGE_VIEW,
        Instant.parse("2026-04-01T00:00:00.000001Z")).id("t1").url("/pricing")
        .property(PropertyKey.CAMPAIGN, "spring").build();
    assertThat(LeadkitJson.touchpoint(LeadkitJson.parse(LeadkitJson.write(
        LeadkitJson.touchpoint(t))))).isEqualTo(t);
    OutboundMessage m = new OutboundMessage(MessageKey.of("k:1"), LeadId.of("l1"), Channel.EMAIL,
        "tpl", Optional.empty(), Map.of("a", "b"), Instant.parse("2026-04-01T00:00:00Z"), true);
    assertThat(LeadkitJson.message(LeadkitJson.parse(LeadkitJson.write(LeadkitJson.message(m)))))
        .isEqualTo(m);
  }

  @Test
  void wrongShapesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> LeadkitJson.lead(LeadkitJson.parse("{\"v\":1,\"id\":\"x\"}")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("lead.");
    assertThatThrownBy(() -> LeadkitJson.attributes(LeadkitJson.parse(
        "{\"company\":{\"colour\":\"red\"}}")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("colour");
    assertThatThrownBy(() -> LeadkitJson.parse("{not json"))
        .isInstanceOf(InvalidJsonException.class);
    assertThatThrownBy(() -> LeadkitJson.touchpoint(LeadkitJson.parse("{\"v\":2}")))
        .isInstanceOf(InvalidJsonException.class).hasMessageContaining("version");
  }
}
