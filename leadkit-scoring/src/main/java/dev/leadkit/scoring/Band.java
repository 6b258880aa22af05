package dev.leadkit.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A named score range: a score is in the first band (highest {@code min} first) whose
 * {@code min} it reaches. The band name is written into the lead's {@link
 * dev.leadkit.core.lead.Score#band()} so segments can test {@code score(fit) band is "A"}.
 *
 * @param name 1 to 64 characters
 * @param min the least score in the band; {@link Double#NEGATIVE_INFINITY} for "everything
 *     below"
 */
public record Band(String name, double min) {
  /** Validates. */
  public Band {
    if (name == null || name.isEmpty() || name.length() > 64) {
      throw new ScoringModelException("band name must have 1 to 64 characters: \"" + name + "\"");
    }
    if (Double.isNaN(min) || min == Double.POSITIVE_INFINITY) {
      throw new ScoringModelException("band \"" + name + "\" minimum must be a number: " + min);
    }
  }

  /** A band from {@code min} up. */
  public static Band of(String name, double min) {
    return new Band(name, min);
  }

  /**
   * Fit-style bands A, B, C, ... with the given descending minimums, plus one more letter for
   * everything below: {@code letters(60, 40, 20)} is A &gt;= 60, B &gt;= 40, C &gt;= 20, D.
   */
  public static List<Band> letters(double... mins) {
    return named(i -> String.valueOf((char) ('A' + i)), mins);
  }

  /**
   * Engagement-style bands 1, 2, 3, ... with the given descending minimums, plus one more for
   * everything below: {@code digits(40, 20, 10)} is 1 &gt;= 40, 2 &gt;= 20, 3 &gt;= 10, 4.
   */
  public static List<Band> digits(double... mins) {
    return named(i -> Integer.toString(i + 1), mins);
  }

  private static List<Band> named(java.util.function.IntFunction<String> name, double[] mins) {
    if (mins.length > 25) {
      throw new ScoringModelException("at most 25 band minimums, got " + mins.length);
    }
    List<Band> out = new ArrayList<>();
    for (int i = 0; i < mins.length; i++) {
      out.add(new Band(name.apply(i), mins[i]));
    }
    out.add(new Band(name.apply(mins.length), Double.NEGATIVE_INFINITY));
    return List.copyOf(out);
  }
}
