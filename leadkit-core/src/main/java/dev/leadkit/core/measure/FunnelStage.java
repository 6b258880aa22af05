package dev.leadkit.core.measure;

import dev.leadkit.core.lead.LifecycleStage;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The steps of the reporting funnel, top to bottom. */
public enum FunnelStage {
  /** Reached: new leads plus anonymous visitors active in the period. */
  REACH(null),
  /** Known: an e-mail address is known (every lead). */
  KNOWN(LifecycleStage.KNOWN),
  /** Reached MQL or further. */
  MQL(LifecycleStage.MQL),
  /** Reached SQL or further. */
  SQL(LifecycleStage.SQL),
  /** Reached OPPORTUNITY or further. */
  OPPORTUNITY(LifecycleStage.OPPORTUNITY),
  /** Won: reached CUSTOMER. */
  WON(LifecycleStage.CUSTOMER);

  private final @Nullable LifecycleStage stage;

  FunnelStage(@Nullable LifecycleStage stage) {
    this.stage = stage;
  }

  /** The lifecycle stage a lead must have reached (by rank) to pass this step; empty for REACH. */
  public Optional<LifecycleStage> stage() {
    return Optional.ofNullable(stage);
  }
}
