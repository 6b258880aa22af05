package dev.leadkit.console;

import dev.leadkit.core.measure.Rate;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;

/**
 * Markup and formatting for one view: escapes every text, writes numbers, percentages, money
 * and instants for the viewer. Output is polyglot XHTML: well-formed XML that browsers read as
 * HTML. Not thread-safe; one per page.
 */
final class Html {
  /** Markup that is already escaped. */
  record Raw(String markup) {}

  static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",\
      sans-serif;margin:0;color:#1d2733;background:#f6f8fa;font-size:14px}
      header{background:#24364b;color:#fff;padding:10px 20px;display:flex;gap:18px;\
      align-items:center;flex-wrap:wrap}
      header a{color:#dfe9f5;text-decoration:none}header a:hover{text-decoration:underline}
      header strong{font-size:16px;margin-right:8px}
      main{padding:16px 20px;max-width:1200px}
      h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:22px 0 8px}
      table{border-collapse:collapse;background:#fff;margin:6px 0 12px}
      th,td{border:1px solid #d5dbe1;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#eef2f6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #d5dbe1;\
      border-radius:6px;padding:10px 14px;min-width:140px}.card .v{display:block;font-size:20px;\
      font-weight:600}
      .note{color:#5b6773;font-size:12px}pre{background:#fff;border:1px solid #d5dbe1;padding:8px;\
      overflow:auto;font-size:12px}svg{background:#fff;border:1px solid #d5dbe1;max-width:100%;\
      height:auto}footer{padding:8px 20px;color:#5b6773;font-size:12px}
      .ok{color:#1a7f37}.no{color:#b42318}form input{padding:4px 6px;min-width:260px}
      """;

  final View view;
  final StringBuilder sb = new StringBuilder(8192);
  private final NumberFormat integer;
  private final NumberFormat decimal;
  private final NumberFormat percent;
  private final NumberFormat money;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter date;

  Html(View view) {
    this.view = view;
    this.integer = NumberFormat.getIntegerInstance(view.locale());
    this.decimal = NumberFormat.getNumberInstance(view.locale());
    decimal.setMinimumFractionDigits(1);
    decimal.setMaximumFractionDigits(1);
    this.percent = NumberFormat.getPercentInstance(view.locale());
    percent.setMinimumFractionDigits(1);
    percent.setMaximumFractionDigits(1);
    this.money = NumberFormat.getCurrencyInstance(view.locale());
    money.setCurrency(view.currency());
    money.setMaximumFractionDigits(view.currency().getDefaultFractionDigits() < 0 ? 2
        : view.currency().getDefaultFractionDigits());
    this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(view.locale()).withZone(view.zone());
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(view.locale())
        .withZone(view.zone());
  }

  // ------------------------------------------------------------------ formatting

  /** Escapes text for XML content and attribute values; drops characters XML forbids. */
  static String esc(String s) {
    return dev.leadkit.core.internal.Xml.escape(s);
  }

  String num(long n) {
    return integer.format(n);
  }

  String dec(double d) {
    return decimal.format(d);
  }

  /** A rate as a percentage, or a dash when the denominator is 0. */
  String pct(Rate r) {
    return r.defined() ? percent.format(r.value()) : "–";
  }

  /** A rate with its counts: {@code 12.5% (3 / 24)}. */
  String rate(Rate r) {
    return pct(r) + " (" + num(r.numerator()) + " / " + num(r.denominator()) + ")";
  }

  String money(BigDecimal amount) {
    return money.format(amount);
  }

  String dateTime(Instant at) {
    return dateTime.format(at);
  }

  String date(Instant at) {
    return date.format(at);
  }

  /** A duration in days with one decimal, e.g. {@code 3.5 d}. */
  String days(Duration d) {
    return decimal.format(d.toMinutes() / 1440.0) + " d";
  }

  String days(Optional<Duration> d) {
    return d.map(this::days).orElse("–");
  }

  // ------------------------------------------------------------------ markup

  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  Html text(String s) {
    sb.append(esc(s));
    return this;
  }

  Html tag(String name, String text) {
    sb.append('<').append(name).append('>').append(esc(text)).append("</").append(name)
        .append(">\n");
    return this;
  }

  Html note(String text) {
    sb.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
    return this;
  }

  static Raw link(String href, String text) {
    return new Raw("<a href=\"" + esc(href) + "\">" + esc(text) + "</a>");
  }

  /** A table; numbers (Long, Integer) are right-aligned and formatted. */
  Html table(List<String> headers, List<List<?>> rows) {
    sb.append("<table>\n<thead><tr>");
    for (String h : headers) {
      sb.append("<th scope=\"col\">").append(esc(h)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<?> row : rows) {
      sb.append("<tr>");
      for (Object cell : row) {
        cell(cell);
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n");
    return this;
  }

  private void cell(Object cell) {
    if (cell instanceof Raw r) {
      sb.append("<td>").append(r.markup()).append("</td>");
    } else if (cell instanceof Long || cell instanceof Integer) {
      sb.append("<td class=\"n\">").append(esc(num(((Number) cell).longValue())))
          .append("</td>");
    } else if (cell instanceof Rate r) {
      sb.append("<td class=\"n\">").append(esc(rate(r))).append("</td>");
    } else {
      sb.append("<td>").append(esc(String.valueOf(cell))).append("</td>");
    }
  }

  /** A whole page around {@code body}; {@code nav} is already escaped markup or empty. */
  static String page(View view, String title, String nav, String body) {
    StringBuilder p = new StringBuilder(body.length() + 4096);
    p.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
        .append(esc(view.locale().toLanguageTag())).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        .append("<link rel=\"icon\" href=\"data:,\"/>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    if (!nav.isEmpty()) {
      p.append("<header>").append(nav).append("</header>\n");
    }
    p.append("<main>\n").append(body).append("</main>\n<footer>")
        .append(esc("Times in " + view.zone().getId() + " · numbers for "
            + view.locale().toLanguageTag() + " · amounts in "
            + view.currency().getCurrencyCode()))
        .append("</footer>\n</body>\n</html>\n");
    return p.toString();
  }
}
