package dev.leadkit.core.memory;

import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.VisitorId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Visitor links and lead aliases in hash maps guarded by one monitor. */
final class InMemoryIdentityLinks implements IdentityLinks {
  private static final Comparator<VisitorLink> LINK_ORDER =
      Comparator.comparing(VisitorLink::at).thenComparing(VisitorLink::visitor);

  private final Map<VisitorId, VisitorLink> links = new HashMap<>();
  private final Map<LeadId, LeadAlias> aliases = new HashMap<>();
  private final Map<EmailAddress, LeadId> aliasByEmail = new HashMap<>();

  @Override
  public synchronized Optional<VisitorLink> findVisitor(VisitorId visitor) {
    return Optional.ofNullable(links.get(visitor));
  }

  @Override
  public synchronized Map<VisitorId, VisitorLink> findVisitors(Collection<VisitorId> visitors) {
    Map<VisitorId, VisitorLink> out = new LinkedHashMap<>();
    for (VisitorId v : visitors) {
      VisitorLink l = links.get(v);
      if (l != null) {
        out.put(v, l);
      }
    }
    return out;
  }

  @Override
  public synchronized List<VisitorLink> visitorsOf(LeadId lead) {
    List<VisitorLink> out = new ArrayList<>();
    for (VisitorLink l : links.values()) {
      if (l.lead().equals(lead)) {
        out.add(l);
      }
    }
    out.sort(LINK_ORDER);
    return out;
  }

  @Override
  public synchronized Optional<VisitorLink> linkIfAbsent(VisitorLink link) {
    VisitorLink prior = links.putIfAbsent(link.visitor(), link);
    return Optional.ofNullable(prior);
  }

  @Override
  public synchronized int relink(Collection<VisitorId> visitors, LeadId lead) {
    int changed = 0;
    for (VisitorId v : new java.util.LinkedHashSet<>(visitors)) {
      VisitorLink l = links.get(v);
      if (l != null && !l.lead().equals(lead)) {
        links.put(v, l.withLead(lead));
        changed++;
      }
    }
    return changed;
  }

  @Override
  public synchronized boolean unlink(VisitorId visitor) {
    return links.remove(visitor) != null;
  }

  @Override
  public synchronized int unlinkAll(LeadId lead) {
    int before = links.size();
    links.values().removeIf(l -> l.lead().equals(lead));
    return before - links.size();
  }

  @Override
  public synchronized void putAlias(LeadAlias alias) {
    LeadAlias old = aliases.put(alias.merged(), alias);
    if (old != null) {
      aliasByEmail.remove(old.mergedEmail(), old.merged());
    }
    aliasByEmail.put(alias.mergedEmail(), alias.merged());
  }

  @Override
  public synchronized Optional<LeadAlias> findAlias(LeadId merged) {
    return Optional.ofNullable(aliases.get(merged));
  }

  @Override
  public synchronized Optional<LeadAlias> findAliasByEmail(EmailAddress email) {
    LeadId id = aliasByEmail.get(email);
    return id == null ? Optional.empty() : Optional.ofNullable(aliases.get(id));
  }

  @Override
  public synchronized List<LeadAlias> aliasesTo(LeadId survivor) {
    List<LeadAlias> out = new ArrayList<>();
    for (LeadAlias a : aliases.values()) {
      if (a.survivor().equals(survivor)) {
        out.add(a);
      }
    }
    out.sort(Comparator.comparing(LeadAlias::merged));
    return out;
  }

  @Override
  public synchronized boolean removeAlias(LeadId merged) {
    LeadAlias old = aliases.remove(merged);
    if (old == null) {
      return false;
    }
    aliasByEmail.remove(old.mergedEmail(), merged);
    return true;
  }
}
