package dev.leadkit.core;

/** An e-mail address could not be accepted. {@link #input()} holds the text exactly as given. */
public final class InvalidEmailException extends InvalidValueException {
  private static final long serialVersionUID = 1L;
  private final String input;

  /** Creates the exception for {@code input}, with the reason it was refused. */
  public InvalidEmailException(String input, String reason) {
    super("invalid e-mail address \"" + input + "\": " + reason);
    this.input = input;
  }

  /** The rejected text, exactly as it was given. */
  public String input() {
    return input;
  }
}
