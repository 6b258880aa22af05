package dev.leadkit.core.identity;

/**
 * What a touchpoint does to the lead's e-mail consent, configured per touchpoint type with
 * {@link Identity.Builder#touchpointConsent}. The change is decided with the touchpoint, in the
 * same commit, before scoring, segments and journeys see it.
 */
public enum TouchpointConsent {
  /** Nothing. */
  IGNORE,
  /** The lead's e-mail consent becomes unsubscribed (source {@code touchpoint:<type>}). */
  UNSUBSCRIBE,
  /**
   * Unsubscribed as above, and the address goes on the suppression list (a peppered hash), so
   * no lead with this address is mailed again, even after an erase or a re-import.
   */
  SUPPRESS
}
