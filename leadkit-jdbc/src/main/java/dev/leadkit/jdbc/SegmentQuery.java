package dev.leadkit.jdbc;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.PredicateQuery;
import dev.leadkit.core.predicate.Predicate;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Set-based evaluation of a predicate over every lead in the database: the predicate is
 * translated to SQL (one statement per page) instead of loading and testing leads one by one.
 * Gives the same answer as the in-memory evaluator ({@code predicate.compile().test(...)} with
 * the stored list and segment membership). Parts that cannot be decided in SQL (touchpoint
 * property filters such as URL globs) are narrowed down in SQL and the remaining candidates are
 * checked with the compiled predicate.
 *
 * <p>Obtain one with {@link JdbcStores#segmentQuery()}.
 */
public interface SegmentQuery extends PredicateQuery {
  /**
   * One page of matching lead ids, in id order, after {@code after}: at most one SQL
   * statement.
   *
   * <p>A predicate with a behaviour count is one touchpoint aggregate over every lead, which
   * costs nearly the same whatever the page size. Such a statement therefore reads up to
   * 100,000 ids ahead, and the walk's following pages (same predicate and {@code now}, with
   * {@code after} the previous page's cursor) are served from them for up to a minute, without
   * a statement: those pages show the database as it was when the read-ahead ran.
   *
   * @param predicate the condition
   * @param now the evaluation time (windows, relative dates)
   * @param after the cursor from the previous page, or null for the first page
   * @param limit the most leads to examine for this page (a page may hold fewer matches when
   *     candidates are re-checked in Java; continue while {@link Page#next()} is present)
   * @return the page
   */
  @Override
  Page matching(Predicate predicate, Instant now, @Nullable LeadId after, int limit);

  /**
   * How many leads match: one {@code COUNT(*)} statement when fully pushed down.
   *
   * @param predicate the condition
   * @param now the evaluation time
   * @return the number of matching leads
   */
  long count(Predicate predicate, Instant now);

  /**
   * Whether {@code predicate} is decided entirely in SQL (no candidate is re-checked in Java).
   *
   * @param predicate the condition
   * @return true if fully pushed down
   */
  boolean fullyPushedDown(Predicate predicate);
}
