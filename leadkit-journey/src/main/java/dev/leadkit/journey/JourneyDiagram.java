package dev.leadkit.journey;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.predicate.PredicateText;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A journey version drawn as a diagram, with the counts of its {@link JourneyStats}: as Mermaid
 * text (for a wiki or a pull request) and as a standalone SVG file (no script, no external
 * resource) laid out top-down by this class.
 *
 * <pre>{@code
 * JourneyStats stats = journeys.stats(welcome.id());
 * Files.writeString(Path.of("welcome.svg"), JourneyDiagram.svg(welcome, stats, Locale.JAPAN));
 * String text = JourneyDiagram.mermaid(welcome, stats, Locale.ENGLISH);
 * }</pre>
 *
 * <p>Each step shows its id, what it does and its counters ({@code entered}, and for sending
 * steps {@code sent}, {@code opened}, {@code clicked} and {@code suppressed}). An edge shows a
 * count only where the stats determine it: a split's arms ({@code arm.NAME}), and an edge that is
 * the only way into its target, which carries the target's {@code entered} count. Branch and
 * wait-for-event outcomes are labelled but not counted, since the engine does not count them
 * per outcome. Journey totals (enrolled, active, converted, exits by reason) are in the
 * caption. Every name from the definition is escaped.
 */
public final class JourneyDiagram {
  private static final int NODE_W = 236;
  private static final int NODE_H = 82;
  private static final int GAP_X = 36;
  private static final int GAP_Y = 56;
  private static final int MARGIN = 24;
  private static final int CAPTION_LINE = 18;

  private JourneyDiagram() {}

  /**
   * The diagram as Mermaid flowchart text.
   *
   * @param journey the journey version
   * @param stats its counters, from {@link Journeys#stats}
   * @param locale how numbers are written
   * @return Mermaid text, starting with {@code flowchart TD}
   * @throws InvalidValueException if an argument is null or the stats belong to another journey
   */
  public static String mermaid(Journey journey, JourneyStats stats, Locale locale) {
    Graph g = Graph.of(journey, stats, locale);
    StringBuilder sb = new StringBuilder("flowchart TD\n");
    sb.append("  start([\"").append(mq(g.startLabel())).append("\"])\n");
    for (Node n : g.nodes) {
      String label = mq(String.join(" · ", n.lines));
      String shape = n.terminal ? "([\"%s\"])" : n.step != null
          && n.step instanceof Step.Branch ? "{\"%s\"}" : "[\"%s\"]";
      sb.append("  ").append(n.key).append(String.format(Locale.ROOT, shape, label))
          .append('\n');
    }
    for (Edge e : g.edges) {
      sb.append("  ").append(e.from).append(" -->");
      String label = e.label();
      if (!label.isEmpty()) {
        sb.append("|\"").append(mq(label)).append("\"|");
      }
      sb.append(' ').append(e.to).append('\n');
    }
    sb.append("  %% ").append(mq(g.caption().replace('\n', ' '))).append('\n');
    return sb.toString();
  }

  /**
   * The diagram as a standalone SVG document.
   *
   * @param journey the journey version
   * @param stats its counters, from {@link Journeys#stats}
   * @param locale how numbers are written
   * @return an SVG document (UTF-8 text, well-formed XML)
   * @throws InvalidValueException if an argument is null or the stats belong to another journey
   */
  public static String svg(Journey journey, JourneyStats stats, Locale locale) {
    Graph g = Graph.of(journey, stats, locale);
    g.layout();
    List<String> caption = List.of(g.caption().split("\n"));
    int captionH = caption.size() * CAPTION_LINE + 8;
    int width = Math.max(g.width, 520);
    int height = g.height + captionH;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\">\n");
    s.append("<title>").append(x(journey.name() + " (" + journey.id().value() + " v"
        + journey.version() + ")")).append("</title>\n");
    s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    int y = MARGIN;
    for (int i = 0; i < caption.size(); i++) {
      s.append("<text x=\"").append(MARGIN).append("\" y=\"").append(y + 12)
          .append("\" font-size=\"").append(i == 0 ? 15 : 12).append('"')
          .append(i == 0 ? " font-weight=\"bold\"" : "").append(" fill=\"#222\">")
          .append(x(caption.get(i))).append("</text>\n");
      y += CAPTION_LINE;
    }
    int dy = captionH;
    Map<String, Node> byKey = new HashMap<>();
    g.nodes.forEach(n -> byKey.put(n.key, n));
    byKey.put("start", g.start);
    for (Edge e : g.edges) {
      Node a = byKey.get(e.from);
      Node b = byKey.get(e.to);
      if (a == null || b == null) {
        continue;
      }
      int x1 = a.x + NODE_W / 2;
      int y1 = a.y + NODE_H + dy;
      int x2 = b.x + NODE_W / 2;
      int y2 = b.y + dy;
      String d;
      int lx;
      int ly;
      if (b.layer > a.layer) {
        int my = (y1 + y2) / 2;
        d = "M " + x1 + ' ' + y1 + " C " + x1 + ' ' + my + ", " + x2 + ' ' + my + ", " + x2
            + ' ' + y2;
        lx = (x1 + x2) / 2;
        ly = my;
      } else {
        // a loop back up: around the right side of both nodes
        int rx = Math.max(a.x, b.x) + NODE_W + GAP_X / 2 + 8 * e.index;
        int ya = a.y + NODE_H / 2 + dy;
        int yb = b.y + NODE_H / 2 + dy;
        d = "M " + (a.x + NODE_W) + ' ' + ya + " C " + rx + ' ' + ya + ", " + rx + ' ' + yb
            + ", " + (b.x + NODE_W) + ' ' + yb;
        lx = rx - 4;
        ly = (ya + yb) / 2;
      }
      s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"#555\" "
          + "stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
      String label = e.label();
      if (!label.isEmpty()) {
        int w = textWidth(label, 11) + 8;
        s.append("<rect x=\"").append(lx - w / 2).append("\" y=\"").append(ly - 9)
            .append("\" width=\"").append(w).append("\" height=\"16\" rx=\"3\" "
                + "fill=\"#fffbe6\" stroke=\"#d9c98a\"/>\n");
        s.append("<text x=\"").append(lx).append("\" y=\"").append(ly + 3)
            .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">")
            .append(x(label)).append("</text>\n");
      }
    }
    List<Node> all = new ArrayList<>();
    all.add(g.start);
    all.addAll(g.nodes);
    for (Node n : all) {
      String fill = n.key.equals("start") ? "#e8f1fb" : n.terminal ? "#eeeeee"
          : n.step instanceof Step.Send || n.step instanceof Step.FromStream ? "#e9f7ef"
          : "#ffffff";
      s.append("<g>");
      s.append("<title>").append(x(String.join("\n", n.lines))).append("</title>");
      s.append("<rect x=\"").append(n.x).append("\" y=\"").append(n.y + dy)
          .append("\" width=\"").append(NODE_W).append("\" height=\"").append(NODE_H)
          .append("\" rx=\"").append(n.terminal || n.key.equals("start") ? 28 : 6)
          .append("\" fill=\"").append(fill).append("\" stroke=\"#4a6785\"/>");
      int ty = n.y + dy + 18;
      for (int i = 0; i < n.lines.size() && i < 4; i++) {
        int size = i == 0 ? 13 : 11;
        s.append("<text x=\"").append(n.x + NODE_W / 2).append("\" y=\"").append(ty)
            .append("\" font-size=\"").append(size).append("\" text-anchor=\"middle\"")
            .append(i == 0 ? " font-weight=\"bold\"" : "").append(" fill=\"#222\">")
            .append(x(fit(n.lines.get(i), size, NODE_W - 12))).append("</text>");
        ty += 16;
      }
      s.append("</g>\n");
    }
    s.append("</svg>\n");
    return s.toString();
  }

  // ------------------------------------------------------------------ the graph

  private static final class Node {
    final String key;
    final @org.jspecify.annotations.Nullable Step step;
    final List<String> lines;
    final boolean terminal;
    int layer;
    int x;
    int y;

    Node(String key, @org.jspecify.annotations.Nullable Step step, List<String> lines,
        boolean terminal) {
      this.key = key;
      this.step = step;
      this.lines = lines;
      this.terminal = terminal;
    }
  }

  private record Edge(String from, String to, String name, Optional<Long> count,
      NumberFormat format, int index) {
    String label() {
      String c = count.map(format::format).orElse("");
      return name.isEmpty() ? c : c.isEmpty() ? name : name + ": " + c;
    }
  }

  private static final class Graph {
    final Journey journey;
    final JourneyStats stats;
    final NumberFormat nf;
    final Node start;
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    int width;
    int height;

    private Graph(Journey journey, JourneyStats stats, Locale locale) {
      this.journey = journey;
      this.stats = stats;
      this.nf = NumberFormat.getIntegerInstance(locale);
      this.start = new Node("start", null, List.of(startLabel()), false);
    }

    static Graph of(Journey journey, JourneyStats stats, Locale locale) {
      Args.notNull(journey, "journey");
      Args.notNull(stats, "stats");
      Args.notNull(locale, "locale");
      if (!stats.journey().equals(journey.id())) {
        throw new InvalidValueException("the stats are of journey " + stats.journey()
            + ", not of " + journey.id());
      }
      Graph g = new Graph(journey, stats, locale);
      g.build();
      return g;
    }

    String startLabel() {
      return "enrolled " + nf.format(stats.enrolled());
    }

    String caption() {
      StringBuilder c = new StringBuilder();
      c.append(journey.name()).append("  (").append(journey.id().value()).append(" v")
          .append(journey.version()).append(")\n");
      c.append("enrolled ").append(nf.format(stats.enrolled())).append(" · active ")
          .append(nf.format(stats.active())).append(" · sent ").append(nf.format(stats.sent()))
          .append(" · opened ").append(nf.format(stats.opened())).append(" · clicked ")
          .append(nf.format(stats.clicked())).append(" · converted ")
          .append(nf.format(stats.converted())).append(" · suppressed ")
          .append(nf.format(stats.suppressed()));
      if (!stats.exitedByReason().isEmpty()) {
        c.append("\nexits: ");
        List<String> parts = new ArrayList<>();
        new TreeMap<>(stats.exitedByReason()).forEach((k, v) -> parts.add(k + " "
            + nf.format(v)));
        c.append(String.join(" · ", parts));
      }
      journey.goal().ifPresent(p -> c.append("\ngoal: ").append(
          clip(PredicateText.format(p), 140)));
      return c.toString();
    }

    private void build() {
      Map<StepId, String> keys = new LinkedHashMap<>();
      for (int i = 0; i < journey.steps().size(); i++) {
        keys.put(journey.steps().get(i).id(), "s" + i);
      }
      for (Step st : journey.steps()) {
        nodes.add(new Node(key(keys, st.id()), st, lines(st), false));
      }
      Map<String, Integer> incoming = new HashMap<>();
      List<String[]> raw = new ArrayList<>();
      int ends = 0;
      Map<String, Node> terminals = new LinkedHashMap<>();
      raw.add(new String[] {"start", key(keys, journey.firstStep().id()), ""});
      for (Step st : journey.steps()) {
        String from = key(keys, st.id());
        List<Optional<StepId>> next = st.successors();
        List<String> names = outcomeNames(st);
        for (int i = 0; i < next.size(); i++) {
          String to;
          if (next.get(i).isPresent()) {
            to = key(keys, next.get(i).get());
          } else {
            to = "end" + ends++;
            terminals.put(to, new Node(to, null, List.of("end"), true));
          }
          raw.add(new String[] {from, to, names.get(i), st.id().value() + "|" + i});
        }
        if (st instanceof Step.MoveTo m) {
          String to = "end" + ends++;
          terminals.put(to, new Node(to, null, List.of("→ " + m.journey().value()), true));
          raw.add(new String[] {from, to, "moved"});
        } else if (st instanceof Step.Exit ex) {
          String to = "end" + ends++;
          terminals.put(to, new Node(to, null, List.of("exit: " + ex.reason().code()), true));
          raw.add(new String[] {from, to, ""});
        }
      }
      for (String[] r : raw) {
        incoming.merge(r[1], 1, Integer::sum);
      }
      nodes.addAll(terminals.values());
      Map<String, Step> stepByKey = new HashMap<>();
      journey.steps().forEach(st -> stepByKey.put(key(keys, st.id()), st));
      int index = 0;
      for (String[] r : raw) {
        Optional<Long> count = Optional.empty();
        Step from = stepByKey.get(r[0]);
        Step to = stepByKey.get(r[1]);
        if (from instanceof Step.Split split && r.length > 3) {
          int arm = Integer.parseInt(r[3].substring(r[3].lastIndexOf('|') + 1));
          count = Optional.of(stats.step(split.id().value(),
              "arm." + split.arms().get(arm).name()));
        } else if (r[0].equals("start")) {
          count = Optional.empty(); // the enrolled count is on the start node
        } else if (to != null && incoming.getOrDefault(r[1], 0) == 1) {
          count = Optional.of(stats.step(to.id().value(), "entered"));
        }
        edges.add(new Edge(r[0], r[1], r[2], count, nf, index++));
      }
    }

    private static String key(Map<StepId, String> keys, StepId id) {
      String k = keys.get(id);
      if (k == null) {
        throw new InvalidJourneyException("no step " + id + " in the journey");
      }
      return k;
    }

    private List<String> lines(Step st) {
      String id = st.id().value();
      List<String> out = new ArrayList<>();
      out.add(id);
      long entered = stats.step(id, "entered");
      if (st instanceof Step.Send s) {
        out.add("send " + s.template() + " (" + s.channel().name() + ")");
        out.add("entered " + nf.format(entered) + " · sent " + nf.format(stats.step(id, "sent")));
        out.add("opened " + nf.format(stats.step(id, "opened")) + " · clicked "
            + nf.format(stats.step(id, "clicked")) + suppressed(id));
      } else {
        out.add(describe(st));
        out.add("entered " + nf.format(entered) + (st instanceof Step.FromStream
            ? " · sent " + nf.format(stats.step(id, "sent")) + suppressed(id) : ""));
      }
      return out;
    }

    private String suppressed(String id) {
      long n = stats.step(id, "suppressed");
      return n == 0 ? "" : " · suppressed " + nf.format(n);
    }

    private static String describe(Step st) {
      if (st instanceof Step.Wait w) {
        return "wait " + duration(w.duration());
      } else if (st instanceof Step.WaitUntil w) {
        return "wait until " + w.date();
      } else if (st instanceof Step.WaitForEvent w) {
        return "wait ≤ " + duration(w.timeout()) + " for "
            + PredicateText.formatFilter(w.filter());
      } else if (st instanceof Step.Branch b) {
        return "if " + PredicateText.format(b.condition());
      } else if (st instanceof Step.Split s) {
        List<String> arms = new ArrayList<>();
        s.arms().forEach(a -> arms.add(a.name() + " " + a.weight()));
        return "split " + String.join(" / ", arms);
      } else if (st instanceof Step.SetStage s) {
        return "stage → " + s.stage();
      } else if (st instanceof Step.CreateTask t) {
        return "task " + t.kind() + ": " + t.title();
      } else if (st instanceof Step.NotifyOwner n) {
        return "alert owner: " + n.message();
      } else if (st instanceof Step.ChangeList c) {
        return (c.add() ? "add to list " : "remove from list ") + c.list().value();
      } else if (st instanceof Step.MoveTo m) {
        return "move to " + m.journey().value();
      } else if (st instanceof Step.Exit e) {
        return "exit " + e.reason().code();
      } else if (st instanceof Step.FromStream f) {
        return "stream " + f.stream().value();
      }
      return st.getClass().getSimpleName();
    }

    private static List<String> outcomeNames(Step st) {
      if (st instanceof Step.Branch) {
        return List.of("yes", "no");
      } else if (st instanceof Step.WaitForEvent) {
        return List.of("event", "timeout");
      } else if (st instanceof Step.Split s) {
        return s.arms().stream().map(Step.Arm::name).toList();
      }
      List<String> none = new ArrayList<>();
      st.successors().forEach(x -> none.add(""));
      return none;
    }

    /** Layers by longest path from the start over forward edges; loops go back up. */
    void layout() {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (Edge e : edges) {
        out.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e.to);
      }
      // DFS order, marking back edges
      Set<String> back = new HashSet<>();
      Set<String> done = new HashSet<>();
      Set<String> onPath = new HashSet<>();
      List<String> post = new ArrayList<>();
      Deque<Object[]> stack = new ArrayDeque<>();
      stack.push(new Object[] {"start", 0});
      onPath.add("start");
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        String n = (String) top[0];
        int i = (Integer) top[1];
        List<String> next = out.getOrDefault(n, List.of());
        if (i < next.size()) {
          top[1] = i + 1;
          String m = next.get(i);
          if (onPath.contains(m)) {
            back.add(n + "->" + m);
          } else if (!done.contains(m)) {
            onPath.add(m);
            stack.push(new Object[] {m, 0});
          }
        } else {
          stack.pop();
          onPath.remove(n);
          done.add(n);
          post.add(n);
        }
      }
      Map<String, Integer> layer = new HashMap<>();
      layer.put("start", 0);
      for (int k = post.size() - 1; k >= 0; k--) {
        String n = post.get(k);
        int l = layer.getOrDefault(n, 0);
        for (String m : out.getOrDefault(n, List.of())) {
          if (!back.contains(n + "->" + m)) {
            layer.merge(m, l + 1, Math::max);
          }
        }
      }
      List<Node> all = new ArrayList<>();
      all.add(start);
      all.addAll(nodes);
      int maxLayer = 0;
      for (Node n : all) {
        // steps unreachable from the first step go below everything else
        n.layer = layer.getOrDefault(n.key, -1);
        maxLayer = Math.max(maxLayer, n.layer);
      }
      for (Node n : all) {
        if (n.layer < 0) {
          n.layer = ++maxLayer;
        }
      }
      Map<Integer, List<Node>> rows = new TreeMap<>();
      // keep DFS (pre-order-ish) order within a row for fewer crossings
      List<String> order = new ArrayList<>(post);
      java.util.Collections.reverse(order);
      Map<String, Integer> rank = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        rank.put(order.get(i), i);
      }
      all.sort(java.util.Comparator.comparingInt(n -> rank.getOrDefault(n.key,
          Integer.MAX_VALUE)));
      all.forEach(n -> rows.computeIfAbsent(n.layer, k -> new ArrayList<>()).add(n));
      int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
      width = 2 * MARGIN + widest * NODE_W + (widest - 1) * GAP_X + GAP_X;
      rows.forEach((l, row) -> {
        int rowW = row.size() * NODE_W + (row.size() - 1) * GAP_X;
        int x0 = (width - GAP_X - rowW) / 2;
        for (int i = 0; i < row.size(); i++) {
          row.get(i).x = x0 + i * (NODE_W + GAP_X);
          row.get(i).y = l * (NODE_H + GAP_Y);
        }
      });
      height = rows.size() * (NODE_H + GAP_Y) - GAP_Y + MARGIN;
    }
  }

  // ------------------------------------------------------------------ text

  static String duration(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + " d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + " min";
    }
    return d.toString();
  }

  /** XML text and attribute escaping; drops characters XML 1.0 does not allow. */
  static String x(String s) {
    return dev.leadkit.core.internal.Xml.escape(s);
  }

  /** Mermaid label escaping: entity codes for what Mermaid would read as syntax or markup. */
  static String mq(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("#quot;");
        case '#' -> b.append("#35;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '&' -> b.append("#amp;");
        case '|' -> b.append("#124;");
        case '`' -> b.append("#96;");
        case '\n', '\r', '\t' -> b.append(' ');
        default -> {
          if (c >= 0x20) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** An estimate of the width of {@code s} in pixels at {@code size}: wide glyphs count double. */
  static int textWidth(String s, int size) {
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += c >= 0x1100 ? 1.0 : c >= 'A' && c <= 'Z' || c == 'm' || c == 'w' ? 0.7 : 0.56;
    }
    return (int) Math.ceil(w * size);
  }

  static String fit(String s, int size, int px) {
    if (textWidth(s, size) <= px) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && textWidth(t + "…", size) > px) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
