package dev.leadkit.scoring;

import dev.leadkit.core.LeadkitException;

/** A scoring model name that the plugin does not know. */
public final class UnknownModelException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code model}. */
  public UnknownModelException(String model) {
    super("unknown scoring model \"" + model + "\"");
  }
}
