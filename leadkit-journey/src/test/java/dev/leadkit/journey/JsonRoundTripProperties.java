package dev.leadkit.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadkit.journey.json.JourneyJson;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JsonRoundTripProperties {
  @Property(tries = 200)
  void randomJourneysSurviveAJsonRoundTrip(@ForAll long seed) {
    Random r = new Random(seed);
    Journey j = PolicyProperties.randomJourney(r, r.nextInt(4));
    assertThat(JourneyJson.read(JourneyJson.write(j))).isEqualTo(j);
  }
}
