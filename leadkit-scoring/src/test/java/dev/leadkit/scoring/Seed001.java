package dev.leadkit.scoring;

import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.TouchpointType;
import java.time.Duration;

/** Seed 001's model: home page 1 point, product overview 3, document request 5; 20 = sales. */
final class Seed001 {
  static final TouchpointFilter HOME = TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/");
  static final TouchpointFilter PRODUCT =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/products/**");
  static final TouchpointFilter REQUEST =
      TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/request/**");

  private Seed001() {}

  /** The seed's model with a 10-day half-life and one home-page point per day. */
  static ScoringModel model() {
    return ScoringModel.custom("engagement")
        .behaviour("home", HOME, 1, Caps.none().perDay(1))
        .behaviour("product", PRODUCT, 3)
        .behaviour("request", REQUEST, 5)
        .decay(Decay.halfLife(Duration.ofDays(10)))
        .threshold(Threshold.at(20).hysteresis(5).coolDown(Duration.ofDays(30))
            .setsStage(LifecycleStage.MQL))
        .bands(Band.digits(20, 10, 5))
        .build();
  }
}
