package dev.leadkit.core.content;

import dev.leadkit.core.LeadkitException;

/**
 * A template was refused when it was defined: it has a syntax error, names a token the schema
 * does not know, or uses a token that may be missing without a fallback. Carries the problem,
 * the 1-based line and column of the offending placeholder, and the token (or {@code ""}).
 */
public final class TemplateDefinitionException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Problem {
    /** The placeholder syntax is wrong (unclosed braces, bad string, empty expression...). */
    SYNTAX,
    /** The token is not in the schema. */
    UNKNOWN_TOKEN,
    /** Every alternative may be missing, and no fallback ends the chain. */
    MISSING_FALLBACK
  }

  private final Problem problem;
  private final int line;
  private final int column;
  private final String token;

  /** Creates the exception. */
  public TemplateDefinitionException(Problem problem, int line, int column, String token,
      String detail) {
    super(problem + " at line " + line + ", column " + column
        + (token.isEmpty() ? "" : " (token \"" + token + "\")") + ": " + detail);
    this.problem = problem;
    this.line = line;
    this.column = column;
    this.token = token;
  }

  /** What is wrong. */
  public Problem problem() {
    return problem;
  }

  /** The 1-based line of the placeholder. */
  public int line() {
    return line;
  }

  /** The 1-based column of the placeholder's opening brace. */
  public int column() {
    return column;
  }

  /** The token concerned, or {@code ""}. */
  public String token() {
    return token;
  }
}
