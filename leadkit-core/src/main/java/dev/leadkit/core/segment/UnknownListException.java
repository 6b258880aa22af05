package dev.leadkit.core.segment;

import dev.leadkit.core.LeadkitException;

/**
 * An operation read a static list that does not exist. A list exists while it has members
 * (see {@link dev.leadkit.core.port.StaticListStore}), so a list that was never filled, or
 * whose last member was removed, is unknown.
 */
public final class UnknownListException extends LeadkitException {
  private static final long serialVersionUID = 1L;

  private final ListId list;

  /** Creates the exception for {@code list}. */
  public UnknownListException(ListId list) {
    super("unknown list \"" + list + "\" (a list exists while it has members)");
    this.list = list;
  }

  /** The list that was named. */
  public ListId list() {
    return list;
  }
}
