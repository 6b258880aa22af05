package dev.leadkit.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints headings and aligned plain-text tables. Examples only: libraries never print. */
final class Report {
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void heading(String text) {
    out.println();
    out.println("== " + text + " " + "=".repeat(Math.max(0, 72 - text.length())));
  }

  void line(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
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
