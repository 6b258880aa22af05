package dev.leadkit.core.port;

import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.touch.VisitorId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is who: visitor-to-lead links (one lead may have several visitors, a visitor belongs to at
 * most one lead) and the aliases that merged leads leave behind.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>No silent re-pointing.</b> {@link #linkIfAbsent} never replaces an existing link; it
 *       is an atomic insert-if-absent, so two concurrent stitches of one visitor cannot both
 *       win. Moving a visitor is an explicit {@link #relink} or {@link #unlink}.
 *   <li><b>Idempotent.</b> Every write may be retried: linking the same visitor to the same lead
 *       again, relinking to the lead it already has, putting the same alias again or removing an
 *       absent one change nothing.
 *   <li><b>Atomic batches.</b> {@link #relink} and {@link #unlinkAll} apply to all named
 *       visitors or none.
 *   <li>Aliases are not followed by the port: a caller resolving a chain (A merged into B, B
 *       into C) looks up each hop.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface IdentityLinks {
  /** The link of {@code visitor}. */
  Optional<VisitorLink> findVisitor(VisitorId visitor);

  /** The links of the linked visitors among {@code visitors}; unlinked ones are absent. */
  Map<VisitorId, VisitorLink> findVisitors(Collection<VisitorId> visitors);

  /** Every visitor linked to {@code lead}, ordered by link time then visitor id. */
  List<VisitorLink> visitorsOf(LeadId lead);

  /**
   * Stores {@code link} unless the visitor is linked already. Returns the link that was there
   * before (to any lead; nothing was written), or empty if {@code link} was stored.
   */
  Optional<VisitorLink> linkIfAbsent(VisitorLink link);

  /**
   * Points every linked visitor among {@code visitors} to {@code lead}, keeping method and time;
   * unlinked visitors are skipped. Returns how many links changed.
   */
  int relink(Collection<VisitorId> visitors, LeadId lead);

  /** Removes the link of {@code visitor}; false if there was none. */
  boolean unlink(VisitorId visitor);

  /** Removes every link to {@code lead}; returns how many were removed. */
  int unlinkAll(LeadId lead);

  /** Stores {@code alias}, replacing an alias of the same merged id. */
  void putAlias(LeadAlias alias);

  /** The alias left by the merged lead {@code merged}. */
  Optional<LeadAlias> findAlias(LeadId merged);

  /** The alias whose merged address is {@code email}. */
  Optional<LeadAlias> findAliasByEmail(EmailAddress email);

  /** Every alias that points to {@code survivor} directly. */
  List<LeadAlias> aliasesTo(LeadId survivor);

  /** Removes the alias of {@code merged}; false if there was none. */
  boolean removeAlias(LeadId merged);
}
