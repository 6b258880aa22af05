package dev.leadkit.core.content;

import dev.leadkit.core.LeadkitException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A journey step or a send named a template id that is not registered with the engine's
 * {@link Templates}, while the registry is strict (see {@link Templates#isStrict()}).
 */
public final class UnknownTemplateException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** The unknown id. */
  private final String id;
  /** The closest registered id, if one is close. */
  private final @Nullable String suggestion;

  /**
   * Creates the exception.
   *
   * @param id the unknown template id
   * @param context where it was named, for example {@code in journey "welcome" step "mail"}
   * @param suggestion the closest registered id, or null
   */
  public UnknownTemplateException(String id, String context, @Nullable String suggestion) {
    super("unknown template \"" + id + "\"" + (context.isEmpty() ? "" : " " + context)
        + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?"));
    this.id = id;
    this.suggestion = suggestion;
  }

  /**
   * The unknown template id.
   *
   * @return the id as named
   */
  public String id() {
    return id;
  }

  /**
   * The closest registered template id, if one is within two edits.
   *
   * @return the suggestion
   */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }
}
