package dev.leadkit.core;

import dev.leadkit.core.identity.Identity;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.PropertyFilter;
import dev.leadkit.core.predicate.TouchpointFilter;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.TouchpointType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The names a definition may use: touchpoint types, lead attribute keys and touchpoint property
 * keys. Touchpoint types and keys are open sets, so a typo such as {@code page_veiw} or {@code
 * indsutry} is a well-formed name; without a vocabulary a segment on it is accepted and stays
 * empty forever. The engine checks every segment, scoring model and journey against its
 * vocabulary when the definition is registered, and refuses one that names an unknown name
 * with {@link UnknownVocabularyException}, suggesting the closest known name.
 *
 * <p>The default ({@link #ofDefaults()}) knows the standard names: the constants of {@link
 * TouchpointType}, {@link AttributeKey} and {@link PropertyKey}, and the property keys the
 * {@link Identity} plugin writes. A host adds its own names with a builder, or chooses the
 * lenient mode, which accepts every well-formed name:
 *
 * <pre>{@code
 * Vocabulary vocabulary = Vocabulary.custom()
 *     .touchpointTypes(TouchpointType.of("webinar_attended"))
 *     .attributeKeys(AttributeKey.of("plan"))
 *     .build();
 * LeadKit kit = LeadKit.builder().vocabulary(vocabulary).install(segments).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocabulary {
  /** Largest edit distance at which a known name is suggested for an unknown one. */
  private static final int MAX_SUGGESTION_DISTANCE = 2;

  private static final Vocabulary DEFAULTS = new Vocabulary(standardTypes(),
      new TreeSet<>(AttributeKey.STANDARD), standardProperties(), false);

  /** What sort of name a vocabulary entry is. */
  public enum Kind {
    /** A {@link TouchpointType}. */
    TOUCHPOINT_TYPE("touchpoint type"),
    /** An {@link AttributeKey}. */
    ATTRIBUTE_KEY("attribute key"),
    /** A {@link PropertyKey}. */
    PROPERTY_KEY("touchpoint property key");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private final SortedSet<TouchpointType> types;
  private final SortedSet<AttributeKey> attributes;
  private final SortedSet<PropertyKey> properties;
  private final boolean lenient;

  private Vocabulary(SortedSet<TouchpointType> types, SortedSet<AttributeKey> attributes,
      SortedSet<PropertyKey> properties, boolean lenient) {
    this.types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
    this.attributes = Collections.unmodifiableSortedSet(new TreeSet<>(attributes));
    this.properties = Collections.unmodifiableSortedSet(new TreeSet<>(properties));
    this.lenient = lenient;
  }

  private static SortedSet<TouchpointType> standardTypes() {
    SortedSet<TouchpointType> s = new TreeSet<>(TouchpointType.STANDARD);
    s.add(TouchpointType.JOURNEY_EXITED);
    s.add(TouchpointType.MESSAGE_SENT);
    return s;
  }

  private static SortedSet<PropertyKey> standardProperties() {
    SortedSet<PropertyKey> s = new TreeSet<>(PropertyKey.STANDARD);
    s.add(Identity.MERGED_FROM);
    s.add(Identity.TOKEN_REJECTED);
    return s;
  }

  /** The standard names only, strict: the engine's default. */
  public static Vocabulary ofDefaults() {
    return DEFAULTS;
  }

  /** A builder that starts from the standard names, strict. */
  public static Builder custom() {
    return new Builder(DEFAULTS);
  }

  /** A builder that starts from {@code base}: its names and its mode. */
  public static Builder from(Vocabulary base) {
    if (base == null) {
      throw new InvalidValueException("base vocabulary must not be null");
    }
    return new Builder(base);
  }

  /** The known touchpoint types, sorted. */
  public SortedSet<TouchpointType> touchpointTypes() {
    return types;
  }

  /** The known attribute keys, sorted. */
  public SortedSet<AttributeKey> attributeKeys() {
    return attributes;
  }

  /** The known touchpoint property keys, sorted. */
  public SortedSet<PropertyKey> propertyKeys() {
    return properties;
  }

  /** True if unknown names are accepted (the known names then only serve as documentation). */
  public boolean isLenient() {
    return lenient;
  }

  // ------------------------------------------------------------------ checks

  /**
   * Checks every touchpoint type, attribute key and property key that {@code predicate} names,
   * including those inside nested conditions and touchpoint filters.
   *
   * @param predicate the predicate
   * @param where where it comes from, for the message, e.g. {@code segment "erp-interest"}
   * @throws UnknownVocabularyException at the first unknown name (unless lenient)
   */
  public void check(Predicate predicate, String where) {
    if (lenient) {
      return;
    }
    if (predicate instanceof Predicate.And a) {
      a.operands().forEach(p -> check(p, where));
    } else if (predicate instanceof Predicate.Or o) {
      o.operands().forEach(p -> check(p, where));
    } else if (predicate instanceof Predicate.Not n) {
      check(n.operand(), where);
    } else if (predicate instanceof Predicate.Attribute a) {
      check(a.key(), where);
    } else if (predicate instanceof Predicate.TouchCount c) {
      check(c.filter(), where);
    } else if (predicate instanceof Predicate.LastTouch l) {
      check(l.filter(), where);
    }
    // the other predicates (stage, score, consent, owner, list, segment, constants) name no
    // vocabulary
  }

  /**
   * Checks the types and property keys of a touchpoint filter.
   *
   * @param filter the filter
   * @param where where it comes from, for the message, e.g. {@code scoring model "engagement"}
   * @throws UnknownVocabularyException at the first unknown name (unless lenient)
   */
  public void check(TouchpointFilter filter, String where) {
    for (TouchpointType t : filter.types()) {
      check(t, where);
    }
    for (PropertyFilter p : filter.properties()) {
      check(p.key(), where);
    }
  }

  /**
   * Checks one touchpoint type.
   *
   * @param type the type
   * @param where where it comes from, for the message
   * @throws UnknownVocabularyException if it is unknown (unless lenient)
   */
  public void check(TouchpointType type, String where) {
    require(types, type, TouchpointType::name, Kind.TOUCHPOINT_TYPE, where);
  }

  /**
   * Checks one attribute key.
   *
   * @param key the key
   * @param where where it comes from, for the message
   * @throws UnknownVocabularyException if it is unknown (unless lenient)
   */
  public void check(AttributeKey key, String where) {
    require(attributes, key, AttributeKey::name, Kind.ATTRIBUTE_KEY, where);
  }

  /**
   * Checks one touchpoint property key.
   *
   * @param key the key
   * @param where where it comes from, for the message
   * @throws UnknownVocabularyException if it is unknown (unless lenient)
   */
  public void check(PropertyKey key, String where) {
    require(properties, key, PropertyKey::name, Kind.PROPERTY_KEY, where);
  }

  private <T> void require(SortedSet<T> known, T value, Function<T, String> name, Kind kind,
      String where) {
    if (lenient || known.contains(value)) {
      return;
    }
    List<String> names = new ArrayList<>(known.size());
    known.forEach(k -> names.add(name.apply(k)));
    String unknown = name.apply(value);
    throw new UnknownVocabularyException(kind, unknown, where, closest(unknown, names));
  }

  /**
   * The name in {@code candidates} closest to {@code name} by Damerau-Levenshtein distance
   * (optimal string alignment), if that distance is at most 2 and smaller than the name's
   * length; ties go to the first candidate. Null if none is close.
   */
  static @Nullable String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (Math.abs(c.length() - name.length()) > MAX_SUGGESTION_DISTANCE) {
        continue;
      }
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= MAX_SUGGESTION_DISTANCE && bestDistance < name.length() ? best : null;
  }

  /** Edit distance counting insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }

  // ------------------------------------------------------------------ value

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Vocabulary v && lenient == v.lenient && types.equals(v.types)
        && attributes.equals(v.attributes) && properties.equals(v.properties);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(types, attributes, properties, lenient);
  }

  @Override
  public String toString() {
    return "Vocabulary[" + (lenient ? "lenient" : "strict") + ", " + types.size()
        + " touchpoint types, " + attributes.size() + " attribute keys, " + properties.size()
        + " property keys]";
  }

  /**
   * Builds a {@link Vocabulary}: the names of its base plus the names added. Adding a name
   * twice, or a name already known, is harmless; choosing the lenient mode twice is an error.
   */
  public static final class Builder {
    private final SortedSet<TouchpointType> types;
    private final SortedSet<AttributeKey> attributes;
    private final SortedSet<PropertyKey> properties;
    private final boolean baseLenient;
    private boolean lenientSet;

    private Builder(Vocabulary base) {
      this.types = new TreeSet<>(base.types);
      this.attributes = new TreeSet<>(base.attributes);
      this.properties = new TreeSet<>(base.properties);
      this.baseLenient = base.lenient;
    }

    private static <T> void addAll(SortedSet<T> into, T[] values, String what) {
      if (values == null) {
        throw new InvalidValueException(what + " must not be null");
      }
      for (T v : values) {
        if (v == null) {
          throw new InvalidValueException(what + " must not contain null");
        }
      }
      Collections.addAll(into, values);
    }

    /** Adds custom touchpoint types. */
    public Builder touchpointTypes(TouchpointType... values) {
      addAll(types, values, "touchpointTypes");
      return this;
    }

    /** Adds custom attribute keys. */
    public Builder attributeKeys(AttributeKey... values) {
      addAll(attributes, values, "attributeKeys");
      return this;
    }

    /** Adds custom touchpoint property keys. */
    public Builder propertyKeys(PropertyKey... values) {
      addAll(properties, values, "propertyKeys");
      return this;
    }

    /**
     * Accepts unknown names instead of refusing them: for hosts whose names are not known in
     * advance. Typos then go unnoticed.
     */
    public Builder lenient() {
      if (lenientSet) {
        throw new InvalidValueException("lenient was already set");
      }
      lenientSet = true;
      return this;
    }

    /** The vocabulary. */
    public Vocabulary build() {
      return new Vocabulary(types, attributes, properties, baseLenient || lenientSet);
    }
  }
}
