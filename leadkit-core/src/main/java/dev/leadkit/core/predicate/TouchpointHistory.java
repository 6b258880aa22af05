package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.touch.Touchpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
      private List<Touchpoint> loaded;

      @Override
      public List<Touchpoint> touchpoints() {
        if (loaded == null) {
          loaded = log.findByLead(lead, query);
        }
        return loaded;
      }
    };
  }
}
