package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Survivorship rules: which value of each attribute a merge keeps. The special fields follow
 * fixed rules that no policy changes: every touchpoint is kept, the furthest stage wins, the
 * most restrictive consent wins per channel (an unsubscribe is never lost), the id and e-mail
 * address are the survivor's, and the creation time is the older one. The owner follows
 * {@link OwnerRule}.
 *
 * <p>The {@linkplain #ofDefaults() default policy}: lists are united, {@code first_contact_at}
 * keeps the minimum, {@code source} the oldest, and every other attribute the most recent value;
 * the owner comes from the lead with the furthest stage; source priority is {@code crm},
 * {@code sales}, {@code web}, {@code import}.
 *
 * <p>Leads carry no per-attribute timestamps, so "most recent" and "oldest" compare whole leads:
 * the most recently updated lead's value, or the earliest created lead's. Ties fall to the lower
 * lead id, so that every rule but {@link Rule#FIRST_NON_EMPTY} and
 * {@link OwnerRule#SURVIVOR_FIRST} gives the same result whichever lead survives. A rule never
 * prefers a missing value over a present one.
 */
public final class MergePolicy {
  /** A survivorship rule for one attribute. */
  public enum Rule {
    /** The value of the most recently updated lead. */
    MOST_RECENT,
    /** The value of the earliest created lead. */
    OLDEST,
    /** The survivor's value, or the merged lead's if the survivor has none. */
    FIRST_NON_EMPTY,
    /** The value of the lead whose {@code source} attribute ranks highest in the priority list. */
    SOURCE_PRIORITY,
    /** Both lists united, the older lead's elements first (a text counts as a one-element list). */
    UNION,
    /** The larger number, date or instant (other kinds: most recent). */
    MAX,
    /** The smaller number, date or instant (other kinds: most recent). */
    MIN;

    /** True if merging A into B and B into A keep the same value under this rule. */
    public boolean orderIndependent() {
      return this != FIRST_NON_EMPTY;
    }

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Who owns the merged lead. */
  public enum OwnerRule {
    /** The owner of the lead with the furthest stage (ties: most recent); else the other's. */
    FURTHEST_STAGE,
    /** The most recently updated lead's owner; else the other's. */
    MOST_RECENT,
    /** The earliest created lead's owner; else the other's. */
    OLDEST,
    /** The survivor's owner; else the merged lead's. */
    SURVIVOR_FIRST
  }

  private static final MergePolicy DEFAULTS = custom().build();

  private final Map<AttributeKey, Rule> byKey;
  private final Map<AttributeValue.Kind, Rule> byKind;
  private final Rule fallback;
  private final List<String> sourcePriority;
  private final OwnerRule ownerRule;

  private MergePolicy(Builder b) {
    this.byKey = Map.copyOf(b.byKey);
    this.byKind = Map.copyOf(b.byKind);
    this.fallback = b.fallback;
    this.sourcePriority = List.copyOf(b.sourcePriority);
    this.ownerRule = b.ownerRule;
  }

  /** The default policy described above. */
  public static MergePolicy ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(MergePolicy base) {
    Builder b = new Builder();
    b.byKey.clear();
    b.byKey.putAll(base.byKey);
    b.byKind.clear();
    b.byKind.putAll(base.byKind);
    b.fallback = base.fallback;
    b.sourcePriority = base.sourcePriority;
    b.ownerRule = base.ownerRule;
    return b;
  }

  /** The rule for {@code key} whose values are of {@code kind}. */
  public Rule ruleFor(AttributeKey key, AttributeValue.Kind kind) {
    Rule r = byKey.get(key);
    if (r != null) {
      return r;
    }
    return byKind.getOrDefault(kind, fallback);
  }

  /** Source prefixes, highest priority first. */
  public List<String> sourcePriority() {
    return sourcePriority;
  }

  /** The owner rule. */
  public OwnerRule ownerRule() {
    return ownerRule;
  }

  /** True if every rule of this policy is order-independent. */
  public boolean orderIndependent() {
    return fallback.orderIndependent() && ownerRule != OwnerRule.SURVIVOR_FIRST
        && byKey.values().stream().allMatch(Rule::orderIndependent)
        && byKind.values().stream().allMatch(Rule::orderIndependent);
  }

  /** Builds a policy. */
  public static final class Builder {
    private final Map<AttributeKey, Rule> byKey = new LinkedHashMap<>();
    private final Map<AttributeValue.Kind, Rule> byKind = new EnumMap<>(AttributeValue.Kind.class);
    private Rule fallback = Rule.MOST_RECENT;
    private List<String> sourcePriority = List.of("crm", "sales", "web", "import");
    private OwnerRule ownerRule = OwnerRule.FURTHEST_STAGE;

    private Builder() {
      byKind.put(AttributeValue.Kind.LIST, Rule.UNION);
      byKey.put(AttributeKey.FIRST_CONTACT_AT, Rule.MIN);
      byKey.put(AttributeKey.SOURCE, Rule.OLDEST);
    }

    /** The rule for one attribute, overriding the rule for its kind. */
    public Builder rule(AttributeKey key, Rule rule) {
      if (key == null || rule == null) {
        throw new InvalidValueException("merge rule key and rule must not be null");
      }
      byKey.put(key, rule);
      return this;
    }

    /** The rule for attributes of one kind without a rule of their own. */
    public Builder rule(AttributeValue.Kind kind, Rule rule) {
      if (kind == null || rule == null) {
        throw new InvalidValueException("merge rule kind and rule must not be null");
      }
      byKind.put(kind, rule);
      return this;
    }

    /** The rule for everything else (default {@link Rule#MOST_RECENT}). */
    public Builder fallback(Rule rule) {
      if (rule == null) {
        throw new InvalidValueException("fallback merge rule must not be null");
      }
      fallback = rule;
      return this;
    }

    /**
     * Source prefixes, highest priority first, for {@link Rule#SOURCE_PRIORITY}: a lead whose
     * {@code source} attribute starts with an earlier prefix wins; a lead without a matching
     * source ranks last.
     */
    public Builder sourcePriority(String... prefixes) {
      dev.leadkit.core.internal.Args.notNull(prefixes, "prefixes");
      for (String p : prefixes) {
        if (p == null || p.isBlank()) {
          throw new InvalidValueException("source prefix must not be blank: \"" + p + "\"");
        }
      }
      sourcePriority = List.of(prefixes);
      return this;
    }

    /** The owner rule (default {@link OwnerRule#FURTHEST_STAGE}). */
    public Builder ownerRule(OwnerRule rule) {
      if (rule == null) {
        throw new InvalidValueException("owner rule must not be null");
      }
      ownerRule = rule;
      return this;
    }

    /** The policy. */
    public MergePolicy build() {
      return new MergePolicy(this);
    }
  }
}
