package dev.leadkit.core.content;

import java.util.List;
import java.util.Optional;

/**
 * The engine's template registry ({@code kit.templates()}): the template ids that journey steps
 * and sends may name. Registered templates are stored through the stores'
 * {@link dev.leadkit.core.port.DefinitionStore} (kind {@value #KIND}) when there is one, so every
 * engine sharing the stores sees them.
 *
 * <h2>Strict or lenient</h2>
 *
 * The registry is <b>lenient while no template is registered</b>: hosts that render templates
 * themselves and never register one keep working, and every id is accepted. Once one template
 * is registered (on any engine sharing the stores) the registry is <b>strict</b>: publishing a
 * journey whose send step names an unregistered id, or sending a message with one, throws
 * {@link UnknownTemplateException} with the closest registered id as suggestion, and nothing is
 * published or sent. An engine whose {@link dev.leadkit.core.Vocabulary} is lenient keeps its
 * registry lenient too.
 *
 * <p>Implementations are thread-safe.
 */
public interface Templates {
  /** The definition-store kind of templates. */
  String KIND = "template";

  /**
   * Registers {@code template}, or replaces the registered template of the same id (a new
   * version in the definition store). Registering the same content again does nothing.
   *
   * @param template the template
   * @return true if something changed
   * @throws dev.leadkit.core.InvalidValueException if {@code template} is null
   */
  boolean register(TemplateDefinition template);

  /**
   * The registered template {@code id}.
   *
   * @param id a template id
   * @return the template, if registered
   * @throws dev.leadkit.core.InvalidValueException if {@code id} is null
   */
  Optional<TemplateDefinition> find(String id);

  /**
   * The registered template {@code id}, which must exist whatever the mode.
   *
   * @param id a template id
   * @return the template
   * @throws UnknownTemplateException if it is not registered
   * @throws dev.leadkit.core.InvalidValueException if {@code id} is null
   */
  TemplateDefinition require(String id);

  /**
   * Every registered template, ordered by id.
   *
   * @return the templates
   */
  List<TemplateDefinition> all();

  /**
   * Whether unregistered ids are refused: true once a template is registered, unless the
   * engine's vocabulary is lenient.
   *
   * @return true if strict
   */
  boolean isStrict();

  /**
   * Checks a template id named by a definition or a send: does nothing while the registry is
   * lenient or the id is registered.
   *
   * @param id the id
   * @param context where it was named, for the message
   * @throws UnknownTemplateException if the registry is strict and {@code id} is not registered
   * @throws dev.leadkit.core.InvalidValueException if a value is null
   */
  void check(String id, String context);
}
