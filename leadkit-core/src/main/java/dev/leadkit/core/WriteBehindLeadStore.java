package dev.leadkit.core;

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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's view of the lead store. Outside a unit of work it is the store itself. Inside one,
 * saves are kept in the unit of work and written once, by {@link #flush}, when it commits: an
 * input that changes a lead several times (an upsert, then a score, then a stage) writes it once.
 * Reads see the unit of work's changes first.
 *
 * <p>The compare-and-set of the store still holds: a save must carry the version its caller
 * read, and the final write compares against the version the store held when the unit of work
 * first changed the lead. A lost race surfaces there as {@link ConcurrentUpdateException}, and
 * the whole unit of work is rolled back and may be run again.
 */
final class WriteBehindLeadStore implements LeadStore {
  private final LeadStore store;
  private final Supplier<@Nullable UnitOfWork> unit;

  WriteBehindLeadStore(LeadStore store, Supplier<@Nullable UnitOfWork> current) {
    this.store = store;
    this.unit = current;
  }

  /** The current unit of work, if it defers lead writes. */
  private @Nullable UnitOfWork current() {
    UnitOfWork u = unit.get();
    return u != null && u.writeBehind ? u : null;
  }

  LeadStore store() {
    return store;
  }

  @Override
  public Optional<Lead> findById(LeadId id) {
    UnitOfWork u = current();
    if (u != null) {
      UnitOfWork.Pending p = u.pending.get(id);
      if (p != null) {
        return Optional.of(p.current());
      }
      Optional<Lead> stored = store.findById(id);
      stored.ifPresent(l -> u.reads.put(id, l));
      return stored;
    }
    return store.findById(id);
  }

  @Override
  public Optional<Lead> findByEmail(EmailAddress email) {
    UnitOfWork u = current();
    if (u == null) {
      return store.findByEmail(email);
    }
    for (UnitOfWork.Pending p : u.pending.values()) {
      if (p.current().email().equals(email)) {
        return Optional.of(p.current());
      }
    }
    Optional<Lead> stored = store.findByEmail(email);
    if (stored.isPresent() && !u.pending.containsKey(stored.get().id())) {
      u.reads.put(stored.get().id(), stored.get());
    }
    // a lead whose address the unit of work changed no longer has this one
    return stored.isPresent() && u.pending.containsKey(stored.get().id()) ? Optional.empty()
        : stored;
  }

  @Override
  public Map<LeadId, Lead> findAllById(Collection<LeadId> ids) {
    UnitOfWork u = current();
    if (u == null) {
      return store.findAllById(ids);
    }
    List<LeadId> rest = new ArrayList<>();
    for (LeadId id : ids) {
      if (!u.pending.containsKey(id)) {
        rest.add(id);
      }
    }
    Map<LeadId, Lead> stored = rest.isEmpty() ? Map.of() : store.findAllById(rest);
    u.reads.putAll(stored);
    Map<LeadId, Lead> out = new LinkedHashMap<>();
    for (LeadId id : ids) {
      UnitOfWork.Pending p = u.pending.get(id);
      Lead l = p != null ? p.current() : stored.get(id);
      if (l != null) {
        out.put(id, l);
      }
    }
    return out;
  }

  @Override
  public Map<EmailAddress, Lead> findAllByEmail(Collection<EmailAddress> emails) {
    UnitOfWork u = current();
    if (u == null) {
      return store.findAllByEmail(emails);
    }
    if (u.pending.isEmpty()) {
      Map<EmailAddress, Lead> stored = store.findAllByEmail(emails);
      stored.values().forEach(l -> u.reads.put(l.id(), l));
      return stored;
    }
    Map<EmailAddress, Lead> out = new LinkedHashMap<>();
    for (EmailAddress e : emails) {
      findByEmail(e).ifPresent(l -> out.put(e, l));
    }
    return out;
  }

  @Override
  public Lead save(Lead lead) {
    UnitOfWork u = current();
    if (u == null) {
      return store.save(lead);
    }
    return keep(u, lead);
  }

  private Lead keep(UnitOfWork u, Lead lead) {
    UnitOfWork.Pending p = u.pending.get(lead.id());
    if (p != null) {
      if (lead.version() != p.current().version()) {
        throw new ConcurrentUpdateException(lead.id(), lead.version(), p.current().version());
      }
      u.pending.put(lead.id(), new UnitOfWork.Pending(p.storedVersion(), lead, p.original()));
      return lead;
    }
    if (lead.version() == 0) {
      if (store.findById(lead.id()).isPresent()) {
        throw new DuplicateLeadException("id " + lead.id());
      }
      if (findByEmail(lead.email()).isPresent()) {
        throw new DuplicateLeadException("address " + lead.email());
      }
    }
    Lead kept = lead.withVersion(lead.version() + 1);
    Lead read = u.reads.get(lead.id());
    Lead original = read != null && read.version() == lead.version() ? read : null;
    u.pending.put(lead.id(), new UnitOfWork.Pending(lead.version(), kept, original));
    return kept;
  }

  @Override
  public List<Lead> saveAll(List<Lead> leads) {
    UnitOfWork u = current();
    if (u == null) {
      return store.saveAll(leads);
    }
    Map<LeadId, UnitOfWork.Pending> before = new LinkedHashMap<>(u.pending);
    try {
      List<Lead> out = new ArrayList<>(leads.size());
      for (Lead l : leads) {
        out.add(keep(u, l));
      }
      return out;
    } catch (RuntimeException e) {
      u.pending.clear();
      u.pending.putAll(before);
      throw e;
    }
  }

  @Override
  public boolean delete(LeadId id) {
    UnitOfWork u = current();
    if (u != null) {
      UnitOfWork.Pending p = u.pending.remove(id);
      if (p != null && p.storedVersion() == 0) {
        return true; // created and removed within the unit of work: never written
      }
    }
    return store.delete(id);
  }

  @Override
  public List<Lead> page(@Nullable LeadId after, int limit) {
    flushIfAny();
    return store.page(after, limit);
  }

  @Override
  public long count() {
    flushIfAny();
    return store.count();
  }

  private void flushIfAny() {
    UnitOfWork u = current();
    if (u != null) {
      flush(u);
    }
  }

  /** Writes the unit of work's changed leads in one batch, each under its compare-and-set. */
  void flush(UnitOfWork u) {
    if (u.pending.isEmpty()) {
      return;
    }
    List<Lead> writes = new ArrayList<>(u.pending.size());
    Map<LeadId, Lead> originals = new java.util.HashMap<>();
    for (UnitOfWork.Pending p : u.pending.values()) {
      writes.add(p.current().withVersion(p.storedVersion()));
      if (p.original() != null) {
        originals.put(p.current().id(), p.original());
      }
    }
    u.pending.clear();
    u.reads.clear();
    store.saveAll(writes, originals);
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
