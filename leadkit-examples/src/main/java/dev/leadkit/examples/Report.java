package dev.leadkit.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints headings, lines and aligned plain-text tables, and formats what they show: times in
 * the story's zone (Asia/Tokyo), counts by name as {@code name: n}, money with its currency.
 * Events heard while an input runs are held and printed after the next line, the line that
 * says what caused them. Examples only: libraries never print.
 */
final class Report {
  /** Where the story takes place; every time the demo prints is in this zone. */
  static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZONE);

  private final PrintStream out;
  private final List<String> events = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  void heading(String text) {
    flushEvents();
    out.println();
    out.println("== " + text + " " + "=".repeat(Math.max(0, 72 - text.length())));
  }

  /** Prints a line, then the events held since the previous one. */
  void line(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
    flushEvents();
  }

  /** Holds an event line until the line describing its cause has been printed. */
  void event(String format, Object... args) {
    events.add(args.length == 0 ? format : String.format(format, args));
  }

  void flushEvents() {
    List<String> held = new ArrayList<>(events);
    events.clear();
    held.forEach(out::println);
  }

  /** {@code 2025-10-15 09:00}, in {@link #ZONE}. */
  static String time(Instant at) {
    return TIME.format(at);
  }

  /** The day of {@code at} in {@link #ZONE}. */
  static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZONE);
  }

  /** {@code completed: 1, goal_reached: 1}, sorted by name; {@code -} when empty. */
  static String counts(Map<String, ? extends Number> byName) {
    if (byName.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(byName).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k)
        .append(": ").append(v));
    return sb.toString();
  }

  /** {@code ¥1,234,567}: yen, rounded to the yen, with separators. */
  static String yen(BigDecimal amount) {
    NumberFormat f = NumberFormat.getIntegerInstance(Locale.JAPAN);
    f.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return "\u00a5" + f.format(amount);
  }

  /** Starts a table with the given column headers. */
  Table table(String... headers) {
    return new Table(headers);
  }

  final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] headers) {
      this.headers = headers;
    }

    Table row(Object... cells) {
      String[] r = new String[headers.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = i < cells.length ? String.valueOf(cells[i]) : "";
      }
      rows.add(r);
      return this;
    }

    void print() {
      flushEvents();
      int[] w = new int[headers.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = width(headers[i]);
        for (String[] r : rows) {
          w[i] = Math.max(w[i], width(r[i]));
        }
      }
      printRow(headers, w);
      StringBuilder sep = new StringBuilder();
      for (int i = 0; i < w.length; i++) {
        sep.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
      }
      out.println(sep);
      for (String[] r : rows) {
        printRow(r, w);
      }
      flushEvents();
    }

    private void printRow(String[] cells, int[] w) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        sb.append(i == 0 ? "" : " | ").append(cells[i])
            .append(" ".repeat(w[i] - width(cells[i])));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** Display width: East Asian wide characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }
}
