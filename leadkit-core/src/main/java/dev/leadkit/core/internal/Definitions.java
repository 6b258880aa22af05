package dev.leadkit.core.internal;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.json.LeadkitJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Argument checks and content comparison shared by the {@link
 * dev.leadkit.core.port.DefinitionStore} adapters and the plugins that publish definitions. Not
 * API.
 */
public final class Definitions {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private Definitions() {}

  /** Checks the arguments of a publish and returns the parsed document. */
  public static JsonNode check(String kind, String id, int version, String json) {
    checkKey(kind, id);
    if (version < 1) {
      throw new InvalidValueException("definition version must be at least 1: " + version
          + " (" + kind + " \"" + id + "\")");
    }
    if (json == null) {
      throw new InvalidValueException("definition JSON must not be null (" + kind + " \"" + id
          + "\")");
    }
    JsonNode tree = LeadkitJson.parse(json);
    if (!tree.isObject()) {
      throw new InvalidValueException("a definition must be a JSON object (" + kind + " \"" + id
          + "\"): " + abbreviate(json));
    }
    return tree;
  }

  /** Checks a kind and an id. */
  public static void checkKey(String kind, String id) {
    checkKind(kind);
    if (id == null || id.isBlank() || id.length() > 128) {
      throw new InvalidValueException("definition id must be 1 to 128 characters, not blank: \""
          + id + "\"");
    }
  }

  /** Checks a kind. */
  public static void checkKind(String kind) {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new InvalidValueException("definition kind must match [a-z][a-z0-9-]{0,31}: \""
          + kind + "\"");
    }
  }

  /** Whether two JSON texts hold the same value (key order and white space aside). */
  public static boolean sameContent(String a, String b) {
    return a.equals(b) || LeadkitJson.parse(a).equals(LeadkitJson.parse(b));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
