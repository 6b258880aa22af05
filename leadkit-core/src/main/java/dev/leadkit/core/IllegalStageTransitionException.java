package dev.leadkit.core;

import dev.leadkit.core.lead.LifecycleStage;

/** A lifecycle stage change that the transition table does not allow. */
public final class IllegalStageTransitionException extends LeadkitException {
  private static final long serialVersionUID = 1L;
  private final LifecycleStage from;
  private final LifecycleStage to;

  /** Creates the exception for the refused move. */
  public IllegalStageTransitionException(LifecycleStage from, LifecycleStage to) {
    super("illegal lifecycle stage transition " + from + " -> " + to);
    this.from = from;
    this.to = to;
  }

  /** The stage the lead was in. */
  public LifecycleStage from() {
    return from;
  }

  /** The stage it was asked to move to. */
  public LifecycleStage to() {
    return to;
  }
}
