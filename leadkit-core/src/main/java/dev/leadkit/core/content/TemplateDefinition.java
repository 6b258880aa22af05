package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A template registered with the engine's {@link Templates}: the id that journey steps and sends
 * name, a description for people, and optionally the source (subject line and body) for hosts
 * that let leadkit keep their templates. Hosts that render templates themselves register the id
 * alone; the {@link dev.leadkit.core.port.Mailer} still receives only the id.
 *
 * @param id the id steps and sends name: 1 to 200 characters, not blank
 * @param description what it is for (may be empty)
 * @param subject the subject line's source in the {@link Template} syntax, if kept here
 * @param body the body's source in the {@link Template} syntax, if kept here
 * @param html whether the body is HTML (values escaped when rendered) rather than plain text
 */
public record TemplateDefinition(String id, String description, Optional<String> subject,
    Optional<String> body, boolean html) {
  /**
   * Checks the values.
   *
   * @param id the id
   * @param description what it is for
   * @param subject the subject's source, if any
   * @param body the body's source, if any
   * @param html whether the body is HTML
   * @throws InvalidValueException if a value is null, or the id is blank or longer than 200
   */
  public TemplateDefinition {
    Args.notBlank(id, "id");
    if (id.length() > 200) {
      throw new InvalidValueException("template id must have 1 to 200 characters: \"" + id
          + "\"");
    }
    Args.notNull(description, "description");
    Args.notNull(subject, "subject");
    Args.notNull(body, "body");
  }

  /**
   * A template known by id only (the host renders it).
   *
   * @param id the id
   * @param description what it is for
   * @return the definition
   * @throws InvalidValueException if a value is null or the id is malformed
   */
  public static TemplateDefinition of(String id, String description) {
    return new TemplateDefinition(id, description, Optional.empty(), Optional.empty(), false);
  }

  /**
   * An HTML template kept by leadkit.
   *
   * @param id the id
   * @param subject the subject line's source (plain text), or null for none
   * @param body the HTML body's source
   * @return the definition
   * @throws InvalidValueException if the id or body is null or the id is malformed
   */
  public static TemplateDefinition html(String id, @Nullable String subject, String body) {
    return new TemplateDefinition(id, "", Optional.ofNullable(subject),
        Optional.of(Args.notNull(body, "body")), true);
  }

  /**
   * Compiles the body against {@code schema}.
   *
   * @param schema the tokens a lead's values provide
   * @return the compiled body
   * @throws InvalidValueException if there is no body, or {@code schema} is null
   * @throws TemplateDefinitionException if the body does not compile against {@code schema}
   */
  public Template compileBody(TokenSchema schema) {
    Args.notNull(schema, "schema");
    String src = body.orElseThrow(() -> new InvalidValueException("template \"" + id
        + "\" has no body: its host renders it"));
    return html ? Template.html(src, schema) : Template.text(src, schema);
  }
}
