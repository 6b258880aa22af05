package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One lead's touchpoints as an evaluator sees them: ordered by time, then id. An implementation
 * may hold only the touchpoints that {@link CompiledPredicate#historyQuery} asks for; evaluators
 * read nothing else.
 */
@FunctionalInterface
public interface TouchpointHistory {
  /** Ordering of {@link #touchpoints()}. */
  Comparator<Touchpoint> ORDER = Comparator.comparing(Touchpoint::at).thenComparing(Touchpoint::id);

  /** The touchpoints, ordered by time then id. Called possibly many times: keep it cheap. */
  List<Touchpoint> touchpoints();

  /**
   * The {@code k} most recent touchpoints that pass {@code filter}, newest first (fewer if
   * there are fewer), in the order of {@link #touchpoints()} reversed. Behaviour counts and
   * recency read only these, so an implementation may answer from a per-lead cache instead of
   * the full list; it must then return what this default would return for every touchpoint
   * that a window ending at the evaluation time could count.
   */
  default List<Touchpoint> latest(TouchpointFilter filter, int k) {
    if (k <= 0) {
      return List.of();
    }
    List<Touchpoint> list = touchpoints();
    List<Touchpoint> out = new ArrayList<>(Math.min(k, 8));
    for (int i = list.size() - 1; i >= 0 && out.size() < k; i--) {
      Touchpoint t = list.get(i);
      if (filter.matches(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** No touchpoints. */
  static TouchpointHistory empty() {
    return List::of;
  }

  /** A fixed history; {@code touchpoints} is copied and sorted if needed. */
  static TouchpointHistory of(List<Touchpoint> touchpoints) {
    if (touchpoints == null) {
      throw new InvalidValueException("touchpoints must not be null");
    }
    List<Touchpoint> copy = new ArrayList<>(touchpoints);
    for (int i = 1; i < copy.size(); i++) {
      if (ORDER.compare(copy.get(i - 1), copy.get(i)) > 0) {
        copy.sort(ORDER);
        break;
      }
    }
    List<Touchpoint> fixed = List.copyOf(copy);
    return () -> fixed;
  }

  /**
   * A history read from {@code log} on first use (one {@link TouchpointLog#findByLead} call with
   * {@code query}) and kept. Not thread-safe; use one per evaluation.
   */
  static TouchpointHistory lazy(TouchpointLog log, LeadId lead, TouchpointQuery query) {
    if (log == null || lead == null || query == null) {
      throw new InvalidValueException("log, lead and query must not be null");
    }
    return new TouchpointHistory() {
      private @Nullable List<Touchpoint> loaded;
      private @Nullable TouchpointFilter lastFilter;
      private int lastK;
      private @Nullable List<Touchpoint> lastLatest;

      @Override
      public List<Touchpoint> touchpoints() {
        if (loaded == null) {
          loaded = log.findByLead(lead, query);
        }
        return loaded;
      }

      @Override
      public List<Touchpoint> latest(TouchpointFilter filter, int k) {
        // a test and the next-change computation of one node ask the same question in a row
        List<Touchpoint> l = lastLatest;
        if (l == null || filter != lastFilter || k != lastK) {
          l = TouchpointHistory.super.latest(filter, k);
          lastLatest = l;
          lastFilter = filter;
          lastK = k;
        }
        return l;
      }
    };
  }
}
