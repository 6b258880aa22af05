package dev.leadkit.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine cache in front of a lead store: leads by id, and e-mail addresses to ids.
 *
 * <p>Leads enter the id cache only through {@link Cache#get(Object, java.util.function.Function)},
 * whose load runs under the key's lock; a write invalidates the key after its commit, and that
 * invalidation waits for a load in flight. So a reader that loaded the old row before the commit
 * never leaves it in the cache after the writer is done, and a store always reads its own writes.
 * The address cache holds only ids and is checked against the lead it points to, so a stale
 * address entry can never return the wrong lead.
 *
 * <p>Every save and delete invalidates the ids it touched, whether it succeeded or not: a failed
 * compare-and-set means someone else wrote, and the caller's retry must read the database.
 *
 * <p>Inside a unit of work (a transaction bound to the thread), a lead the transaction changed is
 * read from the database, never from or into the cache, since its row is not committed; when the
 * transaction ends, committed or rolled back, those leads are invalidated once more.
 */
final class CachingLeadStore implements LeadStore {
  private final LeadStore delegate;
  private final Db db;
  private final Cache<LeadId, Lead> byId;
  private final Cache<EmailAddress, LeadId> idByEmail;

  CachingLeadStore(LeadStore delegate, Db db, LeadCache settings) {
    this.delegate = delegate;
    this.db = db;
    this.byId = builder(settings).build();
    this.idByEmail = builder(settings).build();
  }

  /** The store behind the cache. */
  LeadStore delegate() {
    return delegate;
  }


  private static Caffeine<Object, Object> builder(LeadCache settings) {
    Caffeine<Object, Object> b = Caffeine.newBuilder().maximumSize(settings.maximumSize());
    settings.expireAfterWrite().ifPresent(b::expireAfterWrite);
    return b;
  }

  /** Whether the transaction bound to this thread changed the lead {@code id}. */
  private boolean changedInTransaction(LeadId id) {
    BoundTransaction t = db.bound();
    return t != null && t.changedKeys.contains(id);
  }

  /** Invalidates {@code ids} now, and again when the bound transaction (if any) ends. */
  private void changed(Collection<LeadId> ids, Collection<EmailAddress> emails) {
    byId.invalidateAll(ids);
    idByEmail.invalidateAll(emails);
    BoundTransaction t = db.bound();
    if (t != null) {
      if (t.changedKeys.isEmpty()) {
        t.afterCompletion(() -> {
          for (Object k : t.changedKeys) {
            if (k instanceof LeadId id) {
              byId.invalidate(id);
            } else if (k instanceof EmailAddress e) {
              idByEmail.invalidate(e);
            }
          }
        });
      }
      t.changedKeys.addAll(ids);
      t.changedKeys.addAll(emails);
    }
  }

  @Override
  public Optional<Lead> findById(LeadId id) {
    if (changedInTransaction(id)) {
      return delegate.findById(id);
    }
    return Optional.ofNullable(byId.get(id, k -> delegate.findById(k).orElse(null)));
  }

  @Override
  public Optional<Lead> findByEmail(EmailAddress email) {
    BoundTransaction t = db.bound();
    if (t != null && t.changedKeys.contains(email)) {
      return delegate.findByEmail(email);
    }
    LeadId id = idByEmail.getIfPresent(email);
    if (id != null) {
      Optional<Lead> lead = findById(id);
      if (lead.isPresent() && lead.get().email().equals(email)) {
        return lead;
      }
      idByEmail.invalidate(email);
    }
    Optional<Lead> lead = delegate.findByEmail(email);
    if (lead.isPresent() && !changedInTransaction(lead.get().id())) {
      idByEmail.put(email, lead.get().id());
    }
    return lead;
  }

  @Override
  public Map<LeadId, Lead> findAllById(Collection<LeadId> ids) {
    Map<LeadId, Lead> out = new LinkedHashMap<>();
    List<LeadId> missing = new ArrayList<>();
    BoundTransaction t = db.bound();
    for (LeadId id : ids) {
      Lead l = t != null && t.changedKeys.contains(id) ? null : byId.getIfPresent(id);
      if (l != null) {
        out.put(id, l);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    // bulk reads are not cached: they serve batch work that would only churn the cache
    Map<LeadId, Lead> loaded = delegate.findAllById(missing);
    Map<LeadId, Lead> ordered = new LinkedHashMap<>();
    for (LeadId id : ids) {
      Lead l = out.containsKey(id) ? out.get(id) : loaded.get(id);
      if (l != null) {
        ordered.put(id, l);
      }
    }
    return ordered;
  }

  @Override
  public Map<EmailAddress, Lead> findAllByEmail(Collection<EmailAddress> emails) {
    return delegate.findAllByEmail(emails);
  }

  @Override
  public Lead save(Lead lead) {
    try {
      return delegate.save(lead);
    } finally {
      changed(List.of(lead.id()), List.of(lead.email()));
    }
  }

  @Override
  public List<Lead> saveAll(List<Lead> leads) {
    return saveAll(leads, Map.of());
  }

  /**
   * Saves through the store (passing the hint on) and invalidates as every save does; inside a
   * unit of work that leadkit commits, the saved copies are cached once the commit succeeded,
   * so that the next input on the same leads does not read them again.
   */
  @Override
  public List<Lead> saveAll(List<Lead> leads, Map<LeadId, Lead> storedCopies) {
    List<Lead> saved;
    try {
      saved = delegate.saveAll(leads, storedCopies);
    } finally {
      List<LeadId> ids = new ArrayList<>(leads.size());
      List<EmailAddress> emails = new ArrayList<>(leads.size());
      for (Lead l : leads) {
        if (l != null) {
          ids.add(l.id());
          emails.add(l.email());
        }
      }
      changed(ids, emails);
    }
    BoundTransaction t = db.bound();
    if (t != null && t.owned) {
      t.afterCommit(() -> {
        for (Lead l : saved) {
          byId.put(l.id(), l);
          idByEmail.put(l.email(), l.id());
        }
      });
    }
    return saved;
  }

  @Override
  public boolean delete(LeadId id) {
    try {
      return delegate.delete(id);
    } finally {
      changed(List.of(id), List.of());
    }
  }

  @Override
  public List<Lead> page(@Nullable LeadId after, int limit) {
    return delegate.page(after, limit);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  /** For tests: how many leads the id cache holds. */
  long cachedLeads() {
    byId.cleanUp();
    return byId.estimatedSize();
  }
}
