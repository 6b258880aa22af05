package dev.leadkit.core.identity;

/** How a visitor became a known lead. */
public enum StitchMethod {
  /** It submitted a form carrying an e-mail address (R3.2). */
  FORM_EMAIL("form_email"),
  /** It clicked a tagged link from a mail (R3.1). */
  TAGGED_LINK("tagged_link"),
  /** The host said so, e.g. on login, or tracked a touchpoint naming both lead and visitor. */
  HOST_ASSERTION("host_assertion");

  private final String code;

  StitchMethod(String code) {
    this.code = code;
  }

  /** The stored form, as in {@link dev.leadkit.core.port.VisitorLink#method()}. */
  public String code() {
    return code;
  }
}
