package dev.leadkit.core.predicate;

import dev.leadkit.core.InvalidValueException;
import java.util.List;

/**
 * Why a predicate is or is not true for one lead: a tree mirroring the predicate, each node with
 * its result and a line naming what was observed and what was needed, for example
 * {@code count(page_view where url ~ "/pricing/**", last 90d) = 3, needs >= 5}.
 *
 * @param matched the node's result
 * @param text what was observed and what was needed
 * @param children the sub-results of {@code and}, {@code or} and {@code not}
 */
public record Explanation(boolean matched, String text, List<Explanation> children) {
  /** Validates and copies. */
  public Explanation {
    if (text == null || children == null) {
      throw new InvalidValueException("explanation text and children must not be null");
    }
    children = List.copyOf(children);
  }

  /** A leaf. */
  public static Explanation leaf(boolean matched, String text) {
    return new Explanation(matched, text, List.of());
  }

  /**
   * The tree as indented lines, one node per line, each starting with {@code [x]} (true) or
   * {@code [ ]} (false).
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    render(sb, 0);
    return sb.toString();
  }

  private void render(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth)).append(matched ? "[x] " : "[ ] ").append(text).append('\n');
    for (Explanation c : children) {
      c.render(sb, depth + 1);
    }
  }

  @Override
  public String toString() {
    return render();
  }
}
