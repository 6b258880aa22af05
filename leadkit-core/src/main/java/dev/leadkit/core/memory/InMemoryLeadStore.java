package dev.leadkit.core.memory;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * Leads in a hash map by id, their ids in a sorted skip list (for ordered pages) and a hash
 * index by e-mail. Point reads and updates touch only the hash maps; the sorted ids change only
 * when a lead is added or deleted. Reads are lock-free; writes are serialised on one monitor so
 * that batches are atomic and the indexes never disagree.
 */
final class InMemoryLeadStore implements LeadStore {
  private final ConcurrentHashMap<LeadId, Lead> lookup = new ConcurrentHashMap<>();
  /**
   * The ids of {@link #lookup}, sorted. An id is added after its lead and removed before it, so
   * a page never meets an id without a lead (a delete racing with a page is skipped).
   */
  private final ConcurrentSkipListSet<LeadId> sortedIds = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<EmailAddress, LeadId> byEmail = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  @Override
  public Optional<Lead> findById(LeadId id) {
    return Optional.ofNullable(lookup.get(id));
  }

  @Override
  public Optional<Lead> findByEmail(EmailAddress email) {
    LeadId id = byEmail.get(email);
    return id == null ? Optional.empty() : Optional.ofNullable(lookup.get(id));
  }

  @Override
  public Map<LeadId, Lead> findAllById(Collection<LeadId> ids) {
    Map<LeadId, Lead> out = new LinkedHashMap<>();
    for (LeadId id : ids) {
      Lead l = lookup.get(id);
      if (l != null) {
        out.put(id, l);
      }
    }
    return out;
  }

  @Override
  public Map<EmailAddress, Lead> findAllByEmail(Collection<EmailAddress> emails) {
    Map<EmailAddress, Lead> out = new LinkedHashMap<>();
    for (EmailAddress e : emails) {
      findByEmail(e).ifPresent(l -> out.put(e, l));
    }
    return out;
  }

  @Override
  public Lead save(Lead lead) {
    return saveAll(List.of(lead)).get(0);
  }

  @Override
  public List<Lead> saveAll(List<Lead> leads) {
    synchronized (writeLock) {
      // validate the whole batch first: nothing is written unless everything can be
      Set<LeadId> ids = new HashSet<>();
      Map<EmailAddress, LeadId> emailsInBatch = new HashMap<>();
      for (Lead lead : leads) {
        if (!ids.add(lead.id())) {
          throw new InvalidValueException("lead " + lead.id() + " appears twice in one batch");
        }
        LeadId prior = emailsInBatch.put(lead.email(), lead.id());
        if (prior != null) {
          throw new DuplicateLeadException("e-mail " + lead.email() + " (twice in one batch)");
        }
      }
      // addresses that leads of this batch give up may be taken by others in the same batch
      Set<EmailAddress> released = new HashSet<>();
      for (Lead lead : leads) {
        Lead stored = lookup.get(lead.id());
        if (stored != null && !stored.email().equals(lead.email())) {
          released.add(stored.email());
        }
      }
      for (Lead lead : leads) {
        Lead stored = lookup.get(lead.id());
        if (lead.version() == 0) {
          if (stored != null) {
            throw new DuplicateLeadException("id " + lead.id());
          }
        } else if (stored == null) {
          throw new ConcurrentUpdateException(lead.id(), lead.version(), 0);
        } else if (stored.version() != lead.version()) {
          throw new ConcurrentUpdateException(lead.id(), lead.version(), stored.version());
        }
        LeadId holder = byEmail.get(lead.email());
        if (holder != null && !holder.equals(lead.id()) && !released.contains(lead.email())) {
          throw new DuplicateLeadException("e-mail " + lead.email());
        }
      }
      List<Lead> out = new ArrayList<>(leads.size());
      for (Lead lead : leads) {
        Lead stored = lookup.get(lead.id());
        if (stored != null && !stored.email().equals(lead.email())) {
          byEmail.remove(stored.email(), lead.id());
        }
      }
      for (Lead lead : leads) {
        Lead next = lead.withVersion(lead.version() + 1);
        if (lookup.put(next.id(), next) == null) {
          sortedIds.add(next.id());
        }
        byEmail.put(next.email(), next.id());
        out.add(next);
      }
      return out;
    }
  }

  @Override
  public boolean delete(LeadId id) {
    synchronized (writeLock) {
      Lead removed = lookup.get(id);
      if (removed == null) {
        return false;
      }
      sortedIds.remove(id);
      lookup.remove(id);
      byEmail.remove(removed.email(), id);
      return true;
    }
  }

  @Override
  public List<Lead> page(@Nullable LeadId after, int limit) {
    if (limit <= 0) {
      throw new InvalidValueException("page limit must be positive: " + limit);
    }
    Set<LeadId> tail = after == null ? sortedIds : sortedIds.tailSet(after, false);
    List<Lead> out = new ArrayList<>(Math.min(limit, 1024));
    for (LeadId id : tail) {
      if (out.size() == limit) {
        break;
      }
      Lead l = lookup.get(id);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }

  @Override
  public long count() {
    return lookup.size();
  }
}
