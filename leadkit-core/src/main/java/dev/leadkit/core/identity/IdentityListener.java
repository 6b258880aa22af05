package dev.leadkit.core.identity;

/**
 * The hook through which dependent state follows identity changes. Scoring and segment plugins
 * register one with {@link Identity#addListener} (usually from their own
 * {@link dev.leadkit.core.LeadKitPlugin#install}, via {@code kit.plugin(Identity.class)}) and
 * recompute the leads named: after a stitch the lead gained touchpoints; after a merge the
 * survivor gained the merged lead's; after an undo both leads changed; after an erase the lead is
 * gone.
 *
 * <p>Listeners are called synchronously, after the change is stored and before the matching
 * event is published on {@code kit.events()}, in registration order. A listener that throws is
 * logged and does not stop the others or undo the change. Every method does nothing by default.
 */
public interface IdentityListener {
  /** A visitor was stitched to a lead. */
  default void visitorStitched(VisitorStitched event) {}

  /** A visitor was moved to another lead or unlinked. */
  default void visitorReassigned(VisitorReassigned event) {}

  /** Two leads were merged. */
  default void leadsMerged(LeadsMerged event) {}

  /** A merge was undone. */
  default void mergeUndone(MergeUndone event) {}

  /** A lead was erased. */
  default void leadErased(LeadErased event) {}
}
