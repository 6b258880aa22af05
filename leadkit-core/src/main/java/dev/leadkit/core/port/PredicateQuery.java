package dev.leadkit.core.port;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.predicate.Predicate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Optional port: set-based evaluation of a predicate over every stored lead, by the store
 * itself (for example translated to SQL), instead of loading and testing leads one by one. The
 * answer must equal the compiled evaluator's ({@code predicate.compile()}) with the stored list
 * and segment membership. {@code SegmentsPlugin} uses it, when given, for the full evaluation of
 * a segment that does not depend on time.
 */
public interface PredicateQuery {
  /**
   * One page of the leads matching {@code predicate} at {@code now}, in id order.
   *
   * @param predicate the condition
   * @param now the evaluation time (windows, relative dates)
   * @param after the cursor returned with the previous page, or null for the first page
   * @param limit the most leads to examine for this page; a page may hold fewer matches
   * @return the page; continue while {@link Page#next()} is present
   */
  Page matching(Predicate predicate, Instant now, @Nullable LeadId after, int limit);

  /**
   * Whether {@link #matching} can evaluate {@code predicate}; when false the caller evaluates
   * lead by lead.
   *
   * @param predicate the condition
   * @return true if supported (the default)
   */
  default boolean supports(Predicate predicate) {
    return true;
  }

  /**
   * A page of matching leads.
   *
   * @param leads matching lead ids in id order
   * @param next the cursor for the next page, empty when every lead has been examined
   */
  record Page(List<LeadId> leads, Optional<LeadId> next) {
    /** Validates and copies. */
    public Page {
      if (leads == null || next == null) {
        throw new InvalidValueException("page leads and next must not be null");
      }
      leads = List.copyOf(leads);
    }
  }
}
