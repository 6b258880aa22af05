package dev.leadkit.core.measure;

import dev.leadkit.core.InvalidValueException;
import java.util.List;

/**
 * How one asset fared among the leads of one persona.
 *
 * @param persona the values of the persona attributes in the order asked; {@code ""} if missing
 * @param asset the asset id (the {@code asset} property of {@code asset_downloaded})
 * @param consumers distinct leads of the persona that downloaded it
 * @param convertedAfter of those, how many first reached the goal stage after downloading it
 */
public record AssetConversion(List<String> persona, String asset, long consumers,
    long convertedAfter) {
  /** Validates and copies. */
  public AssetConversion {
    if (persona == null || asset == null || consumers < 0 || convertedAfter < 0
        || convertedAfter > consumers) {
      throw new InvalidValueException("bad asset conversion row: " + persona + ", " + asset
          + ", " + convertedAfter + " of " + consumers);
    }
    persona = List.copyOf(persona);
  }
}
