package dev.leadkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain SVG line charts for the curves in {@code BENCHMARKS.md} (no library). */
final class Svg {
  private Svg() {}

  static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
      "#8c564b"};
  private static final int W = 560;
  private static final int H = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 150;
  private static final int TOP = 30;
  private static final int BOTTOM = 45;

  /** One line: its name, style and points. */
  record Series(String name, String colour, boolean dashed, double[] xs, double[] ys) {}

  /**
   * A line chart over the data's range; log axes take powers of ten as ticks, a linear y axis
   * starts at 0.
   */
  static String lineChart(String title, String xLabel, String yLabel, boolean logX,
      boolean logY, List<Series> series) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (!finite(s.xs()[i], logX) || !finite(s.ys()[i], logY)) {
          continue;
        }
        minX = Math.min(minX, s.xs()[i]);
        maxX = Math.max(maxX, s.xs()[i]);
        minY = Math.min(minY, s.ys()[i]);
        maxY = Math.max(maxY, s.ys()[i]);
      }
    }
    if (minX > maxX) {
      return "";
    }
    double x0 = logX ? Math.log10(minX) : minX;
    double x1 = logX ? Math.log10(maxX) : maxX;
    if (x1 - x0 < 1e-9) {
      x0 -= 0.5;
      x1 += 0.5;
    }
    double y0;
    double y1;
    if (logY) {
      y0 = Math.floor(Math.log10(minY));
      y1 = Math.ceil(Math.log10(maxY));
      if (y1 - y0 < 1) {
        y1 = y0 + 1;
      }
    } else {
      y0 = 0;
      y1 = maxY <= 0 ? 1 : niceCeil(maxY * 1.1);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
        + "font-size=\"11\">", W, H, W, H));
    sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>",
        W, H));
    sb.append(text(W / 2.0, 16, "middle", "bold", title));
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"none\" stroke=\"#444\"/>", LEFT, TOP, pw, ph));
    // x ticks: the data's x values
    List<Double> xt = new ArrayList<>();
    for (Series s : series) {
      for (double x : s.xs()) {
        if (finite(x, logX) && !xt.contains(x)) {
          xt.add(x);
        }
      }
    }
    for (double x : xt) {
      double px = LEFT + pw * ((logX ? Math.log10(x) : x) - x0) / (x1 - x0);
      sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#ddd\"/>", px, TOP, px, TOP + ph));
      sb.append(text(px, TOP + ph + 14, "middle", "normal", compact(x)));
    }
    // y ticks
    List<Double> yt = new ArrayList<>();
    if (logY) {
      for (double e = y0; e <= y1 + 1e-9; e++) {
        yt.add(Math.pow(10, e));
      }
    } else {
      for (int k = 0; k <= 5; k++) {
        yt.add(y1 * k / 5);
      }
    }
    for (double y : yt) {
      double py = TOP + ph - ph * ((logY ? Math.log10(y) : y) - y0) / (y1 - y0);
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
          + "stroke=\"#ddd\"/>", LEFT, py, LEFT + pw, py));
      sb.append(text(LEFT - 4, py + 4, "end", "normal", compact(y)));
    }
    sb.append(text(LEFT + pw / 2.0, H - 8, "middle", "normal", xLabel));
    sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 %.1f)\">%s</text>", TOP + ph / 2.0, TOP + ph / 2.0,
        escape(yLabel)));
    int legend = 0;
    for (Series s : series) {
      StringBuilder pts = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < s.xs().length; i++) {
        if (!finite(s.xs()[i], logX) || !finite(s.ys()[i], logY)) {
          continue;
        }
        double px = LEFT + pw * ((logX ? Math.log10(s.xs()[i]) : s.xs()[i]) - x0) / (x1 - x0);
        double py = TOP + ph - ph * ((logY ? Math.log10(s.ys()[i]) : s.ys()[i]) - y0)
            / (y1 - y0);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "fill=\"%s\"/>", px, py, s.colour()));
      }
      sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" "
          + "stroke=\"%s\" stroke-width=\"2\"%s/>", pts.toString().strip(), s.colour(),
          s.dashed() ? " stroke-dasharray=\"5,4\"" : ""));
      if (!s.dashed()) {
        sb.append(dots);
      }
      double ly = TOP + 10 + legend * 16;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
          + "stroke=\"%s\" stroke-width=\"2\"%s/>", LEFT + pw + 8, ly, LEFT + pw + 26, ly,
          s.colour(), s.dashed() ? " stroke-dasharray=\"5,4\"" : ""));
      sb.append(text(LEFT + pw + 30, ly + 4, "start", "normal", s.name()));
      legend++;
    }
    sb.append("</svg>");
    return sb.toString();
  }

  private static boolean finite(double v, boolean log) {
    return !Double.isNaN(v) && !Double.isInfinite(v) && (!log || v > 0);
  }

  private static double niceCeil(double v) {
    double e = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * e >= v) {
        return m * e;
      }
    }
    return 10 * e;
  }

  static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return trim(v / 1e3) + "k";
    }
    if (a >= 1 || a == 0) {
      return trim(v);
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static String text(double x, double y, String anchor, String weight, String s) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
        + "font-weight=\"%s\">%s</text>", x, y, anchor, weight, escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
