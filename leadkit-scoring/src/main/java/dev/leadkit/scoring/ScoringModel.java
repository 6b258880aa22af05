package dev.leadkit.scoring;

import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.predicate.TouchpointFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named, versioned scoring model: behaviour rules, fit rules, decay, thresholds and bands. An
 * immutable value with a stable JSON form ({@code dev.leadkit.scoring.json.ScoringJson}), so a
 * host can store models and edit them in its own UI. A lead can be scored by several models at
 * once, e.g. {@code engagement} (behaviour) and {@code fit} (profile).
 *
 * <p>Seed 001's model:
 *
 * <pre>{@code
 * ScoringModel engagement = ScoringModel.custom("engagement")
 *     .behaviour("home", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/"), 1)
 *     .behaviour("product", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/products/**"), 3)
 *     .behaviour("request", TouchpointFilter.of(TouchpointType.PAGE_VIEW).url("/request/**"), 5)
 *     .decay(Decay.halfLife(Duration.ofDays(30)))
 *     .threshold(Threshold.at(20).setsStage(LifecycleStage.MQL))
 *     .build();
 * }</pre>
 *
 * <p>The score of a lead is {@code fit + negative + positive * decay(age)}: fit points from the
 * fit rules that hold now, negative behaviour points (which never decay), and positive
 * behaviour points decayed since they were given.
 *
 * @param name the model's name; the key under which the lead's score is stored
 * @param version the model's version; a new version rescores leads from their history
 * @param behaviour behaviour rules, in order
 * @param fit fit rules, in order
 * @param decay how positive behaviour points fade
 * @param thresholds thresholds, in order
 * @param bands bands, highest minimum first; empty for none
 */
public record ScoringModel(String name, int version, List<BehaviourRule> behaviour,
    List<FitRule> fit, Decay decay, List<Threshold> thresholds, List<Band> bands) {
  /** Most rules (behaviour plus fit) in one model. */
  public static final int MAX_RULES = 10_000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Validates and copies. */
  public ScoringModel {
    checkId(name, "model");
    if (version < 1) {
      throw new ScoringModelException("model \"" + name + "\" version must be at least 1: "
          + version);
    }
    if (behaviour == null || fit == null || decay == null || thresholds == null
        || bands == null) {
      throw new ScoringModelException("model \"" + name + "\" parts must not be null");
    }
    behaviour = List.copyOf(behaviour);
    fit = List.copyOf(fit);
    thresholds = List.copyOf(thresholds);
    bands = List.copyOf(bands);
    if (behaviour.size() + fit.size() > MAX_RULES) {
      throw new ScoringModelException("model \"" + name + "\" has more than " + MAX_RULES
          + " rules");
    }
    Set<String> ids = new HashSet<>();
    for (BehaviourRule r : behaviour) {
      if (!ids.add(r.id())) {
        throw new ScoringModelException("model \"" + name + "\" has two rules \"" + r.id() + "\"");
      }
    }
    for (FitRule r : fit) {
      if (!ids.add(r.id())) {
        throw new ScoringModelException("model \"" + name + "\" has two rules \"" + r.id() + "\"");
      }
    }
    Set<String> bandNames = new HashSet<>();
    for (int i = 0; i < bands.size(); i++) {
      if (!bandNames.add(bands.get(i).name())) {
        throw new ScoringModelException("model \"" + name + "\" has two bands \""
            + bands.get(i).name() + "\"");
      }
      if (i > 0 && !(bands.get(i).min() < bands.get(i - 1).min())) {
        throw new ScoringModelException("model \"" + name + "\" bands must have strictly "
            + "decreasing minimums, but \"" + bands.get(i).name() + "\" has " + bands.get(i).min()
            + " after " + bands.get(i - 1).min());
      }
    }
  }

  /** Starts a model called {@code name}, version 1, without decay. */
  public static Builder custom(String name) {
    return new Builder(name);
  }

  /** Starts a model from {@code base}; every part may be replaced or extended. */
  public static Builder from(ScoringModel base) {
    Builder b = new Builder(base.name());
    b.version = base.version();
    b.behaviour.addAll(base.behaviour());
    b.fit.addAll(base.fit());
    b.decay = base.decay();
    b.thresholds.addAll(base.thresholds());
    b.bands = base.bands();
    return b;
  }

  /** Compiles the model into a fast, thread-safe scorer. */
  public CompiledModel compile() {
    return new CompiledModelImpl(this);
  }

  /** The band a score falls into, if the model has bands. */
  public java.util.Optional<String> bandOf(double score) {
    for (Band b : bands) {
      if (score >= b.min()) {
        return java.util.Optional.of(b.name());
      }
    }
    return java.util.Optional.empty();
  }

  static void checkId(@Nullable String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ScoringModelException(what + " id must be 1 to 64 letters, digits or _.:-, not \""
          + id + "\"");
    }
  }

  static void checkPoints(double points, String rule) {
    if (points == 0 || !Double.isFinite(points)) {
      throw new ScoringModelException("rule \"" + rule + "\" points must be non-zero and finite: "
          + points);
    }
  }

  /** Builds a {@link ScoringModel}; single-valued options may be set once. */
  public static final class Builder {
    private final String name;
    private int version = 1;
    private boolean versionSet;
    private final List<BehaviourRule> behaviour = new ArrayList<>();
    private final List<FitRule> fit = new ArrayList<>();
    private @Nullable Decay decay;
    private boolean decaySet;
    private final List<Threshold> thresholds = new ArrayList<>();
    private @Nullable List<Band> bands;
    private boolean bandsSet;

    private Builder(String name) {
      checkId(name, "model");
      this.name = name;
    }

    /** The model version (default 1). */
    public Builder version(int value) {
      if (versionSet) {
        throw new ScoringModelException("version was already set to " + version);
      }
      if (value < 1) {
        throw new ScoringModelException("version must be at least 1: " + value);
      }
      version = value;
      versionSet = true;
      return this;
    }

    /** Adds a behaviour rule without caps. */
    public Builder behaviour(String id, TouchpointFilter filter, double points) {
      return behaviour(new BehaviourRule(id, filter, points, Caps.none()));
    }

    /** Adds a behaviour rule with caps. */
    public Builder behaviour(String id, TouchpointFilter filter, double points, Caps caps) {
      return behaviour(new BehaviourRule(id, filter, points, caps));
    }

    /** Adds a behaviour rule. */
    public Builder behaviour(BehaviourRule rule) {
      if (rule == null) {
        throw new ScoringModelException("rule must not be null");
      }
      behaviour.add(rule);
      return this;
    }

    /** Adds a fit rule. */
    public Builder fit(String id, Predicate when, double points) {
      fit.add(new FitRule(id, when, points));
      return this;
    }

    /** Adds a fit rule. */
    public Builder fit(FitRule rule) {
      if (rule == null) {
        throw new ScoringModelException("rule must not be null");
      }
      fit.add(rule);
      return this;
    }

    /** The decay (default: none). */
    public Builder decay(Decay value) {
      if (decaySet) {
        throw new ScoringModelException("decay was already set to " + decay);
      }
      if (value == null) {
        throw new ScoringModelException("decay must not be null");
      }
      decay = value;
      decaySet = true;
      return this;
    }

    /** Adds a threshold. */
    public Builder threshold(Threshold value) {
      if (value == null) {
        throw new ScoringModelException("threshold must not be null");
      }
      thresholds.add(value);
      return this;
    }

    /** The bands, highest minimum first (default: none). */
    public Builder bands(List<Band> value) {
      if (bandsSet) {
        throw new ScoringModelException("bands were already set to " + bands);
      }
      if (value == null) {
        throw new ScoringModelException("bands must not be null");
      }
      bands = List.copyOf(value);
      bandsSet = true;
      return this;
    }

    /** The bands, highest minimum first. */
    public Builder bands(Band... value) {
      if (value == null) {
        throw new ScoringModelException("bands must not be null");
      }
      return bands(List.of(value));
    }

    /** The model. */
    public ScoringModel build() {
      return new ScoringModel(name, version, behaviour, fit,
          decay == null ? Decay.none() : decay, thresholds, bands == null ? List.of() : bands);
    }
  }
}
