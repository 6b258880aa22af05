package dev.leadkit.core.port;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage of lead records.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Unique keys.</b> No two stored leads share an id or an e-mail address.
 *   <li><b>Optimistic concurrency.</b> {@link #save(Lead)} is a compare-and-set on
 *       {@link Lead#version()}: a lead with version 0 is inserted and must be new; a lead with
 *       version n replaces the stored lead only if the stored version is still n. The stored
 *       copy gets version n + 1 and is returned. A stale save throws
 *       {@link ConcurrentUpdateException}, a clash throws {@link DuplicateLeadException}; in both
 *       cases nothing is written and the caller may re-read and retry.
 *   <li><b>Atomic batches.</b> {@link #saveAll(List)} applies every lead or none.
 *   <li><b>Read your writes</b> within one store instance.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface LeadStore {
  /** The lead with {@code id}. */
  Optional<Lead> findById(LeadId id);

  /** The lead with {@code email}. */
  Optional<Lead> findByEmail(EmailAddress email);

  /** The stored leads among {@code ids}; missing ids are absent from the map. */
  Map<LeadId, Lead> findAllById(Collection<LeadId> ids);

  /** The stored leads among {@code emails}; missing addresses are absent from the map. */
  Map<EmailAddress, Lead> findAllByEmail(Collection<EmailAddress> emails);

  /** Inserts or updates one lead under the compare-and-set rule; returns the stored copy. */
  Lead save(Lead lead);

  /**
   * Saves every lead under the compare-and-set rule, atomically: if any one fails, none is
   * written and the exception of the first failure is thrown. Returns the stored copies in the
   * order given. The same id or e-mail may not appear twice in one batch.
   */
  List<Lead> saveAll(List<Lead> leads);

  /**
   * {@link #saveAll(List)}, with a hint: {@code storedCopies} holds, for some of the leads, the
   * copy they were derived from, as read from this store (same id and version). An adapter may
   * use it to write only what changed; the compare-and-set on the version, the atomicity and the
   * result are those of {@link #saveAll(List)}. The default ignores the hint.
   */
  default List<Lead> saveAll(List<Lead> leads, Map<LeadId, Lead> storedCopies) {
    return saveAll(leads);
  }

  /**
   * Removes the lead. Returns false if it was not stored. Used by erasure; identity keeps the
   * suppression hash elsewhere.
   */
  boolean delete(LeadId id);

  /**
   * One page of leads in id order, starting after {@code after} (exclusive; null for the first
   * page). Keyset pagination: stable under concurrent inserts, cheap on any database.
   */
  List<Lead> page(@Nullable LeadId after, int limit);

  /** Number of stored leads. */
  long count();
}
