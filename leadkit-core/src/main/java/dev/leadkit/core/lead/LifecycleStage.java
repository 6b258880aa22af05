package dev.leadkit.core.lead;

/**
 * Where a lead stands in the funnel. The funnel stages are declared in order, so
 * {@link #isAtLeast(LifecycleStage)} and {@link #rank()} compare progress. {@link #DORMANT} and
 * {@link #LOST} are side stages for leads that went quiet or whose deal was lost; they rank just
 * above {@link #KNOWN} so that "furthest stage" comparisons prefer any live engagement over
 * them, but they beat a lead that was never engaged.
 */
public enum LifecycleStage {
  /** Only a visitor id is known. */
  ANONYMOUS(0),
  /** An e-mail address is known. */
  KNOWN(1),
  /** Inactive for a long time; a candidate for re-engagement. */
  DORMANT(2),
  /** A deal was lost or ended with no decision. */
  LOST(2),
  /** Shows interest (opens, visits, downloads). */
  ENGAGED(3),
  /** Marketing-qualified: handed to sales. */
  MQL(4),
  /** Sales-qualified: accepted by sales. */
  SQL(5),
  /** In an active sales cycle. */
  OPPORTUNITY(6),
  /** Has bought. */
  CUSTOMER(7);

  private final int rank;

  LifecycleStage(int rank) {
    this.rank = rank;
  }

  /** Funnel progress; higher is further. */
  public int rank() {
    return rank;
  }

  /** True if this stage is at least as far as {@code other}. */
  public boolean isAtLeast(LifecycleStage other) {
    return rank >= other.rank;
  }

  /** The further of two stages; on a tie in rank, {@code a}. */
  public static LifecycleStage furthest(LifecycleStage a, LifecycleStage b) {
    return b.rank > a.rank ? b : a;
  }
}
