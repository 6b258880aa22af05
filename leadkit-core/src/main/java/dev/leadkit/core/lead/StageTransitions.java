package dev.leadkit.core.lead;

import dev.leadkit.core.IllegalStageTransitionException;
import dev.leadkit.core.InvalidValueException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The table of allowed lifecycle stage transitions. Any move not in the table throws
 * {@link IllegalStageTransitionException}. Moving to the stage a lead is already in is not a
 * transition at all and is always allowed (it changes nothing).
 *
 * <p>The {@linkplain #defaults() default table}:
 *
 * <ul>
 *   <li>no stage moves back to {@code ANONYMOUS}; {@code ANONYMOUS} may move to any other stage;
 *   <li>any live stage may move forward to any further funnel stage (sales can qualify directly);
 *   <li>recycling: {@code MQL} and {@code SQL} may go back to {@code ENGAGED} or {@code KNOWN}
 *       ("not ready yet"), {@code SQL} back to {@code MQL};
 *   <li>{@code OPPORTUNITY} may become {@code CUSTOMER} or {@code LOST};
 *   <li>any known stage may become {@code DORMANT}; {@code DORMANT} and {@code LOST} may return to
 *       {@code ENGAGED}, {@code MQL}, {@code SQL} or {@code OPPORTUNITY}; {@code LOST} may become
 *       {@code DORMANT};
 *   <li>{@code CUSTOMER} may open a new {@code OPPORTUNITY} (renewal, upsell) or become
 *       {@code DORMANT} or {@code LOST} (churned).
 * </ul>
 */
public final class StageTransitions {
  private static final StageTransitions DEFAULTS = buildDefaults();

  private final Map<LifecycleStage, Set<LifecycleStage>> allowed;

  private StageTransitions(Map<LifecycleStage, Set<LifecycleStage>> allowed) {
    EnumMap<LifecycleStage, Set<LifecycleStage>> copy = new EnumMap<>(LifecycleStage.class);
    for (LifecycleStage s : LifecycleStage.values()) {
      Set<LifecycleStage> to = allowed.get(s);
      copy.put(s, to == null || to.isEmpty()
          ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(to)));
    }
    this.allowed = java.util.Collections.unmodifiableMap(copy);
  }

  /** The default table described in the class documentation. */
  public static StageTransitions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from an empty table. */
  public static Builder custom() {
    return new Builder(new EnumMap<>(LifecycleStage.class));
  }

  /** A builder starting from {@code base}'s table. */
  public static Builder from(StageTransitions base) {
    EnumMap<LifecycleStage, Set<LifecycleStage>> m = new EnumMap<>(LifecycleStage.class);
    base.allowed.forEach((k, v) -> m.put(k, v.isEmpty()
        ? EnumSet.noneOf(LifecycleStage.class) : EnumSet.copyOf(v)));
    return new Builder(m);
  }

  /** True if {@code from -> to} is allowed (or {@code from == to}). */
  public boolean isAllowed(LifecycleStage from, LifecycleStage to) {
    return from == to || targetsOf(from).contains(to);
  }

  /** Throws {@link IllegalStageTransitionException} unless {@code from -> to} is allowed. */
  public void check(LifecycleStage from, LifecycleStage to) {
    if (!isAllowed(from, to)) {
      throw new IllegalStageTransitionException(from, to);
    }
  }

  /** The stages {@code from} may move to. */
  public Set<LifecycleStage> targets(LifecycleStage from) {
    return targetsOf(from);
  }

  // the constructor puts every stage in the table, so the empty default is never used
  private Set<LifecycleStage> targetsOf(LifecycleStage from) {
    Set<LifecycleStage> to = allowed.get(from);
    return to == null ? Set.of() : to;
  }

  private static StageTransitions buildDefaults() {
    Builder b = custom();
    LifecycleStage[] funnel = {LifecycleStage.KNOWN, LifecycleStage.ENGAGED, LifecycleStage.MQL,
        LifecycleStage.SQL, LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER};
    for (LifecycleStage s : LifecycleStage.values()) {
      if (s != LifecycleStage.ANONYMOUS) {
        b.allow(LifecycleStage.ANONYMOUS, s);
      }
    }
    for (int i = 0; i < funnel.length; i++) {
      for (int j = i + 1; j < funnel.length; j++) {
        b.allow(funnel[i], funnel[j]);
      }
      b.allow(funnel[i], LifecycleStage.DORMANT);
    }
    b.allow(LifecycleStage.MQL, LifecycleStage.ENGAGED, LifecycleStage.KNOWN);
    b.allow(LifecycleStage.SQL, LifecycleStage.MQL, LifecycleStage.ENGAGED, LifecycleStage.KNOWN);
    b.allow(LifecycleStage.OPPORTUNITY, LifecycleStage.LOST);
    b.allow(LifecycleStage.SQL, LifecycleStage.LOST);
    for (LifecycleStage parked : new LifecycleStage[] {LifecycleStage.DORMANT, LifecycleStage.LOST}) {
      b.allow(parked, LifecycleStage.ENGAGED, LifecycleStage.MQL, LifecycleStage.SQL,
          LifecycleStage.OPPORTUNITY);
    }
    b.allow(LifecycleStage.LOST, LifecycleStage.DORMANT);
    b.allow(LifecycleStage.CUSTOMER, LifecycleStage.OPPORTUNITY, LifecycleStage.DORMANT,
        LifecycleStage.LOST);
    return b.build();
  }

  /** Builds a table. */
  public static final class Builder {
    private final EnumMap<LifecycleStage, Set<LifecycleStage>> allowed;

    private Builder(EnumMap<LifecycleStage, Set<LifecycleStage>> allowed) {
      this.allowed = allowed;
    }

    /** Allows {@code from -> to} for each of {@code to}. */
    public Builder allow(LifecycleStage from, LifecycleStage... to) {
      dev.leadkit.core.internal.Args.notNull(from, "from");
      dev.leadkit.core.internal.Args.notNull(to, "to");
      for (LifecycleStage t : to) {
        if (t == null) {
          throw new InvalidValueException("to must not hold null");
        }
        allowed.computeIfAbsent(from, k -> EnumSet.noneOf(LifecycleStage.class)).add(t);
      }
      return this;
    }

    /** Removes {@code from -> to}. */
    public Builder forbid(LifecycleStage from, LifecycleStage to) {
      dev.leadkit.core.internal.Args.notNull(from, "from");
      dev.leadkit.core.internal.Args.notNull(to, "to");
      Set<LifecycleStage> s = allowed.get(from);
      if (s != null) {
        s.remove(to);
      }
      return this;
    }

    /** The immutable table. */
    public StageTransitions build() {
      return new StageTransitions(allowed);
    }
  }
}
