package dev.leadkit.console;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts; every text passes through {@link Html#esc}. */
final class Svg {
  private Svg() {}

  /**
   * One bar of a horizontal bar chart.
   *
   * @param label the label left of the bar
   * @param fraction the bar's length, 0 to 1 of the full width
   * @param annotation the text right of the bar
   * @param color a fill colour
   */
  record Bar(String label, double fraction, String annotation, String color) {}

  static final String BLUE = "#3d7cc9";
  static final String GREEN = "#2e9d5b";
  static final String ORANGE = "#d9822b";
  static final String GREY = "#8894a0";

  /** Opens an svg element of the given size with an accessible title. */
  static StringBuilder open(int width, int height, String title) {
    StringBuilder s = new StringBuilder(2048);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\">")
        .append("<title>").append(Html.esc(title)).append("</title>\n");
    return s;
  }

  static void text(StringBuilder s, double x, double y, int size, String anchor, String fill,
      String text) {
    s.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"")
        .append(size).append("\" text-anchor=\"").append(anchor).append("\" fill=\"")
        .append(fill).append("\">").append(Html.esc(text)).append("</text>\n");
  }

  static void rect(StringBuilder s, double x, double y, double w, double h, String fill,
      String tooltip) {
    s.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"")
        .append(f(Math.max(w, 0))).append("\" height=\"").append(f(h)).append("\" fill=\"")
        .append(fill).append("\">");
    if (!tooltip.isEmpty()) {
      s.append("<title>").append(Html.esc(tooltip)).append("</title>");
    }
    s.append("</rect>\n");
  }

  /** A horizontal bar chart: label column, bars, annotation column. */
  static String hbars(String title, List<Bar> bars, int labelWidth, int barWidth,
      int noteWidth) {
    int rowH = 26;
    int width = labelWidth + barWidth + noteWidth + 24;
    int height = Math.max(bars.size(), 1) * rowH + 16;
    StringBuilder s = open(width, height, title);
    int y = 8;
    for (Bar b : bars) {
      text(s, labelWidth, y + 17, 12, "end", "#1d2733", b.label());
      rect(s, labelWidth + 8, y + 4, barWidth, rowH - 8, "#eef2f6", "");
      rect(s, labelWidth + 8, y + 4, barWidth * clamp(b.fraction()), rowH - 8, b.color(),
          b.label() + ": " + b.annotation());
      text(s, labelWidth + barWidth + 16, y + 17, 12, "start", "#1d2733", b.annotation());
      y += rowH;
    }
    return s.append("</svg>\n").toString();
  }

  static double clamp(double d) {
    return Double.isNaN(d) ? 0 : Math.max(0, Math.min(1, d));
  }

  static String f(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
