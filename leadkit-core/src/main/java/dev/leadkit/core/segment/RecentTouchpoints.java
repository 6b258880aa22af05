package dev.leadkit.core.segment;

import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.predicate.TouchpointHistory;
import dev.leadkit.core.touch.Touchpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The segment engine's cache of recent behaviour: per lead, for each (touchpoint filter,
 * {@code k}) that a compiled count or recency node asked about, the {@code k} most recent
 * matching touchpoints, newest first. A count "at least n in the last d" needs only the n
 * newest matches, so a re-check after a new touchpoint costs O(k) instead of a read of the
 * lead's window from the log.
 *
 * <p>An entry is built from the log on first use (so the cache survives restarts by being
 * rebuilt lazily) and then kept current by {@link #add} for every touchpoint the engine records.
 * It holds the newest matches over all time, not only those inside a window, so it does not
 * depend on the clock: clock jumps in either direction and out-of-order touchpoints are
 * handled by insertion in (time, id) order, and a touchpoint already held is not added twice.
 * Memory is bounded by {@code k} references per (lead, filter); the touchpoints themselves are
 * the log's objects. Identity changes and full evaluations drop a lead's entries.
 *
 * <p>Not thread-safe: the plugin uses it under its lock.
 */
final class RecentTouchpoints {
  /** The k newest matches of one filter for one lead, newest first. */
  private static final class Entry {
    final TouchpointFilter filter;
    final Touchpoint[] newest;
    int size;
    @Nullable Entry next;

    Entry(TouchpointFilter filter, int k) {
      this.filter = filter;
      this.newest = new Touchpoint[k];
    }

    List<Touchpoint> asList() {
      return size == newest.length ? Arrays.asList(newest)
          : Arrays.asList(Arrays.copyOf(newest, size));
    }

    void add(Touchpoint t) {
      int k = newest.length;
      // position: after every held touchpoint that is newer than t
      int pos = size;
      while (pos > 0 && TouchpointHistory.ORDER.compare(newest[pos - 1], t) < 0) {
        pos--;
      }
      if (pos > 0 && TouchpointHistory.ORDER.compare(newest[pos - 1], t) == 0) {
        return; // already held (same time and id: read from the log when the entry was built)
      }
      if (pos >= k) {
        return; // older than the k newest
      }
      int last = Math.min(size, k - 1);
      System.arraycopy(newest, pos, newest, pos + 1, last - pos);
      newest[pos] = t;
      size = Math.min(size + 1, k);
    }
  }

  private final HashMap<LeadId, Entry> byLead = new HashMap<>();
  /** The lead looked up last and its first entry (a touchpoint's add and re-check follow). */
  private @Nullable LeadId lastLead;
  private @Nullable Entry lastFirst;

  private @Nullable Entry first(LeadId lead) {
    if (!lead.equals(lastLead)) {
      lastFirst = byLead.get(lead);
      lastLead = lead;
    }
    return lastFirst;
  }

  /**
   * A history for {@code lead}: {@link TouchpointHistory#latest} is answered from the cache
   * (built from {@code log} on first use), {@link TouchpointHistory#touchpoints} from {@code
   * full}.
   */
  TouchpointHistory history(TouchpointLog log, LeadId lead, TouchpointHistory full) {
    return new TouchpointHistory() {
      @Override
      public List<Touchpoint> touchpoints() {
        return full.touchpoints();
      }

      @Override
      public List<Touchpoint> latest(TouchpointFilter filter, int k) {
        if (k <= 0) {
          return List.of();
        }
        return entry(log, lead, filter, k).asList();
      }
    };
  }

  private Entry entry(TouchpointLog log, LeadId lead, TouchpointFilter filter, int k) {
    Entry first = first(lead);
    for (Entry e = first; e != null; e = e.next) {
      if (e.filter == filter && e.newest.length == k) {
        return e;
      }
    }
    Entry e = new Entry(filter, k);
    TouchpointQuery all = new TouchpointQuery(filter.types(), Optional.empty(), Optional.empty());
    List<Touchpoint> list = log.findByLead(lead, all);
    for (int i = list.size() - 1; i >= 0 && e.size < k; i--) {
      Touchpoint t = list.get(i);
      if (filter.matches(t)) {
        e.newest[e.size++] = t;
      }
    }
    e.next = first;
    byLead.put(lead, e);
    lastLead = lead;
    lastFirst = e;
    return e;
  }

  /** Adds a newly recorded touchpoint to its lead's entries whose filter it passes. */
  void add(Touchpoint t) {
    if (t.lead().isEmpty()) {
      return;
    }
    for (Entry e = first(t.lead().get()); e != null; e = e.next) {
      if (e.filter.matches(t)) {
        e.add(t);
      }
    }
  }

  /** Drops {@code lead}'s entries; they are rebuilt from the log when next needed. */
  void forget(LeadId lead) {
    byLead.remove(lead);
    lastLead = null;
    lastFirst = null;
  }

  /** Drops every entry (definitions changed). */
  void clear() {
    byLead.clear();
    lastLead = null;
    lastFirst = null;
  }

  /** Number of leads with entries (for tests and logs). */
  int leads() {
    return byLead.size();
  }

  /** The held touchpoints of every entry of {@code lead}, for tests. */
  List<List<Touchpoint>> entriesOf(LeadId lead) {
    List<List<Touchpoint>> out = new ArrayList<>();
    for (Entry e = byLead.get(lead); e != null; e = e.next) {
      out.add(e.asList());
    }
    return out;
  }
}
