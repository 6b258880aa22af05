package dev.leadkit.core;

import dev.leadkit.core.port.Stores;

/**
 * A plugin needs a storage port that the engine's durable {@link Stores} do not provide. Thrown
 * when the engine is built, so that no part of a durable engine silently keeps its data in
 * memory: give the plugin the port explicitly, or use stores that provide it.
 */
public class MissingPortException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code plugin}, which needs {@code type} from {@code stores}. */
  public MissingPortException(String plugin, Class<?> type, Stores stores) {
    super("plugin \"" + plugin + "\" needs a " + type.getSimpleName() + ", and the durable stores "
        + stores + " do not provide one; give it to the plugin's builder, or use stores that do"
        + " (nothing falls back to memory once durable stores are chosen)");
  }
}
