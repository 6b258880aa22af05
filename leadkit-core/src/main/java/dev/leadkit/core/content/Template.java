package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.content.TemplateDefinitionException.Problem;
import dev.leadkit.core.content.TokenSchema.Presence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A compiled message template: text with placeholders, checked against a {@link TokenSchema}
 * when compiled, then rendered many times.
 *
 * <h2>Syntax</h2>
 *
 * <pre>
 *   {{lead.first_name|"お客様"}} 様          escaped value with a fallback
 *   {{lead.company|"貴社"}}                  fallback for a missing company
 *   {{lead.last_name|lead.email}}            first non-blank of several tokens
 *   {{{owner.signature|""}}}                 raw: not HTML-escaped (trusted values only)
 *   {{"{{"}}                                 a literal "{{" in the output
 * </pre>
 *
 * A placeholder is a chain of alternatives separated by {@code |}; each is a token name or a
 * double-quoted string ({@code \"} and {@code \\} escape). Rendering takes the first token with
 * a non-blank value, or the string. There is no logic, no expressions, no loops and no
 * reflection: templates are data a marketer may edit, and the engine can only substitute.
 *
 * <h2>Checked at definition time</h2>
 *
 * Compiling refuses, with a {@link TemplateDefinitionException} giving line and column:
 * malformed placeholders; tokens the schema does not know; and chains in which every
 * alternative {@linkplain Presence#MAYBE may be missing}. So a template that compiles never
 * renders a blank where a name should be.
 *
 * <h2>Escaping</h2>
 *
 * {@link #html} templates escape {@code & < > " '} in every value (and fallback) of a {@code
 * {{...}}} placeholder; {@code {{{...}}}} inserts it raw. {@link #text} templates (subject lines,
 * plain-text bodies) never escape.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Template {
  private final String source;
  private final boolean html;
  private final Object[] parts;
  private final SortedSet<String> tokens;
  private final int literalLength;

  private record Slot(String[] tokens, @Nullable String fallback, boolean raw) {}

  private Template(String source, boolean html, List<Object> parts, SortedSet<String> tokens) {
    this.source = source;
    this.html = html;
    this.parts = parts.toArray();
    this.tokens = Collections.unmodifiableSortedSet(tokens);
    int n = 0;
    for (Object p : parts) {
      if (p instanceof String s) {
        n += s.length();
      }
    }
    this.literalLength = n;
  }

  /** Compiles an HTML template: values are escaped unless inserted with {@code {{{ }}}}. */
  public static Template html(String source, TokenSchema schema) {
    return compile(source, schema, true);
  }

  /** Compiles a plain-text template: nothing is escaped. */
  public static Template text(String source, TokenSchema schema) {
    return compile(source, schema, false);
  }

  /** The source text. */
  public String source() {
    return source;
  }

  /** True if values are HTML-escaped. */
  public boolean isHtml() {
    return html;
  }

  /** The tokens the template uses, sorted. */
  public SortedSet<String> tokens() {
    return tokens;
  }

  /**
   * Renders the template. Throws {@link TemplateRenderException} if a token the schema called
   * {@linkplain Presence#ALWAYS always present} has no value and no fallback followed it.
   */
  public String render(TokenValues values) {
    StringBuilder out = new StringBuilder(literalLength + 16 * parts.length);
    for (Object p : parts) {
      if (p instanceof String s) {
        out.append(s);
        continue;
      }
      Slot slot = (Slot) p;
      String v = null;
      for (String t : slot.tokens) {
        Optional<String> got = values.get(t);
        if (got.isPresent() && !got.get().isBlank()) {
          v = got.get();
          break;
        }
      }
      if (v == null) {
        v = slot.fallback;
      }
      if (v == null) {
        throw new TemplateRenderException("no value for \"" + String.join("|", slot.tokens)
            + "\", which the schema declared always present");
      }
      if (html && !slot.raw) {
        escapeHtml(v, out);
      } else {
        out.append(v);
      }
    }
    return out.toString();
  }

  /** Appends {@code s} with {@code & < > " '} escaped. */
  static void escapeHtml(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }

  // ------------------------------------------------------------------ compiler

  private static Template compile(String source, TokenSchema schema, boolean html) {
    if (source == null || schema == null) {
      throw new InvalidValueException("template source and schema must not be null");
    }
    List<Object> parts = new ArrayList<>();
    SortedSet<String> used = new TreeSet<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        literal.append(source, i, source.length());
        break;
      }
      literal.append(source, i, open);
      boolean raw = source.startsWith("{{{", open);
      String close = raw ? "}}}" : "}}";
      int start = open + (raw ? 3 : 2);
      int end = findClose(source, start, close);
      if (end < 0) {
        throw error(Problem.SYNTAX, source, open, "", "placeholder is not closed with "
            + close);
      }
      if (literal.length() > 0) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
      Slot slot = parseSlot(source, open, source.substring(start, end), raw, schema);
      for (String t : slot.tokens) {
        used.add(t);
      }
      if (slot.tokens.length == 0) {
        String text = slot.fallback;
        if (text == null) {
          // parseSlot accepts an empty token list only with a string fallback
          throw new IllegalStateException("a slot without tokens has no fallback");
        }
        parts.add(html && !raw ? escaped(text) : text);
      } else {
        parts.add(slot);
      }
      i = end + close.length();
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return new Template(source, html, merge(parts), used);
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length());
    escapeHtml(s, b);
    return b.toString();
  }

  private static List<Object> merge(List<Object> parts) {
    List<Object> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String s && !out.isEmpty() && out.get(out.size() - 1) instanceof String t) {
        out.set(out.size() - 1, t + s);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Finds {@code close} after {@code from}, skipping over quoted strings. */
  private static int findClose(String s, int from, String close) {
    boolean quoted = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (s.startsWith(close, i)) {
        return i;
      } else if (c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static Slot parseSlot(String source, int open, String expr, boolean raw,
      TokenSchema schema) {
    List<String> tokens = new ArrayList<>();
    @Nullable String fallback = null;
    boolean safe = false;
    int i = 0;
    int n = expr.length();
    while (true) {
      while (i < n && expr.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        throw error(Problem.SYNTAX, source, open, "", "empty alternative in \"" + expr + "\"");
      }
      if (fallback != null) {
        throw error(Problem.SYNTAX, source, open, "",
            "nothing may follow a string fallback in \"" + expr + "\"");
      }
      if (expr.charAt(i) == '"') {
        StringBuilder lit = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = expr.charAt(i++);
          if (c == '\\' && i < n) {
            char e = expr.charAt(i++);
            if (e != '"' && e != '\\') {
              throw error(Problem.SYNTAX, source, open, "", "unknown escape \\" + e);
            }
            lit.append(e);
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            lit.append(c);
          }
        }
        if (!closed) {
          throw error(Problem.SYNTAX, source, open, "", "unterminated string in \"" + expr
              + "\"");
        }
        fallback = lit.toString();
        safe = true;
      } else {
        int s = i;
        while (i < n && expr.charAt(i) != '|' && expr.charAt(i) != ' ') {
          i++;
        }
        String token = expr.substring(s, i);
        Optional<Presence> p = schema.presence(token);
        if (p.isEmpty()) {
          throw error(Problem.UNKNOWN_TOKEN, source, open, token, "the schema has no token \""
              + token + "\"");
        }
        if (safe) {
          throw error(Problem.SYNTAX, source, open, token, "\"" + token
              + "\" can never be used: an always present alternative comes before it");
        }
        tokens.add(token);
        safe = p.get() == Presence.ALWAYS;
      }
      while (i < n && expr.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (expr.charAt(i) != '|') {
        throw error(Problem.SYNTAX, source, open, "", "expected '|' or the end in \"" + expr
            + "\"");
      }
      i++;
    }
    if (!safe) {
      throw error(Problem.MISSING_FALLBACK, source, open, tokens.get(tokens.size() - 1),
          "may be missing; add a fallback such as {{" + String.join("|", tokens)
              + "|\"...\"}}");
    }
    return new Slot(tokens.toArray(new String[0]), fallback, raw);
  }

  private static TemplateDefinitionException error(Problem problem, String source, int at,
      String token, String detail) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < at; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new TemplateDefinitionException(problem, line, col, token, detail);
  }

  @Override
  public String toString() {
    return (html ? "html" : "text") + " template " + tokens;
  }
}
