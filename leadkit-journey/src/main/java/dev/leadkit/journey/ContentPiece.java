package dev.leadkit.journey;

import java.util.Optional;

/**
 * One piece of a {@link ContentStream}.
 *
 * @param id the piece id, unique in its stream
 * @param template the template that sends it
 * @param asset the asset it offers; a lead with a touchpoint carrying this {@code asset}
 *     property has consumed it and is not sent the piece
 * @param kind generic or personal
 */
public record ContentPiece(String id, String template, Optional<String> asset, Kind kind) {
  /** Generic content, or a personal note in the owner's name (R6.10). */
  public enum Kind {
    /** About the service or a topic; in the company's name. */
    GENERIC,
    /** "Are you ready? We would like to help", in the owner's name; for idle leads only. */
    PERSONAL
  }

  /** Validates. */
  public ContentPiece {
    Checks.notNull(id, template, asset, kind);
    Names.check("content piece id", id);
    Checks.text(template, "template", id);
  }

  /** A generic piece offering {@code asset}. */
  public static ContentPiece generic(String id, String template, String asset) {
    return new ContentPiece(id, template, Optional.of(asset), Kind.GENERIC);
  }

  /** A personal piece. */
  public static ContentPiece personal(String id, String template) {
    return new ContentPiece(id, template, Optional.empty(), Kind.PERSONAL);
  }
}
