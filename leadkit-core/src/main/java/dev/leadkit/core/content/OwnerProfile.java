package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.OwnerId;
import java.util.Optional;

/**
 * What a message may say about the lead's sales rep, for mails sent in the owner's name (R6.9).
 * The host looks it up from its own user directory.
 *
 * @param id the owner
 * @param name display name, e.g. "山田 太郎"
 * @param email the rep's address
 * @param title job title, if any
 * @param signature the mail signature block (plain text; may span lines)
 */
public record OwnerProfile(OwnerId id, String name, String email, Optional<String> title,
    String signature) {
  /** Validates the profile. */
  public OwnerProfile {
    if (id == null || name == null || email == null || title == null || signature == null) {
      throw new InvalidValueException("owner profile fields must not be null (" + id + ")");
    }
  }
}
