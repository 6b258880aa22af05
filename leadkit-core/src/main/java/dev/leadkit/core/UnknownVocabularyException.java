package dev.leadkit.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A definition (segment, scoring model, journey) named a touchpoint type, attribute key or
 * property key that the engine's {@link Vocabulary} does not know, most likely a typo. The
 * message names the unknown name, where it was found and, if a known name is close, suggests
 * it: {@code unknown touchpoint type "page_veiw" in segment "erp-interest"; did you mean
 * "page_view"?}. Nothing was defined.
 */
public final class UnknownVocabularyException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  private final Vocabulary.Kind kind;
  private final String name;
  private final @Nullable String suggestion;

  /**
   * Creates the exception.
   *
   * @param kind what sort of name it is
   * @param name the unknown name
   * @param where where it was found, e.g. {@code segment "erp-interest"}; may be empty
   * @param suggestion the closest known name, or null if none is close
   */
  public UnknownVocabularyException(Vocabulary.Kind kind, String name, String where,
      @Nullable String suggestion) {
    super("unknown " + kind.label() + " \"" + name + "\"" + (where.isEmpty() ? "" : " in " + where)
        + (suggestion == null
            ? "; it is neither standard nor registered in the engine's vocabulary"
            : "; did you mean \"" + suggestion + "\"?"));
    this.kind = kind;
    this.name = name;
    this.suggestion = suggestion;
  }

  /** What sort of name was unknown. */
  public Vocabulary.Kind kind() {
    return kind;
  }

  /** The unknown name. */
  public String name() {
    return name;
  }

  /** The closest known name of the same kind, if one is close enough to be a likely typo. */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }
}
