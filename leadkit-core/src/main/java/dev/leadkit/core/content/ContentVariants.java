package dev.leadkit.core.content;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import java.util.ArrayList;
import java.util.List;

/**
 * Content that varies by industry, role or stage: an ordered list of (rule, content) and a
 * required default. The first rule the lead matches wins; a lead matching none gets the default.
 * Built with {@link #builder()}; {@link Builder#otherwise} is the only way to finish, so a set of
 * variants without default cannot exist.
 *
 * <pre>{@code
 * ContentVariants<Template> intro = ContentVariants.<Template>builder()
 *     .when(VariantRule.industry("manufacturing").andStage(LifecycleStage.MQL), factoryCase)
 *     .when(VariantRule.role("it_admin"), itChecklist)
 *     .otherwise(generic);
 * Template t = intro.choose(lead);
 * }</pre>
 *
 * @param <T> the content (a template, an asset id, a subject line...)
 */
public final class ContentVariants<T> {
  /** One rule and its content. */
  public record Variant<T>(VariantRule rule, T content) {
    /** Validates the variant. */
    public Variant {
      if (rule == null || content == null) {
        throw new InvalidValueException("a variant needs a rule and content");
      }
    }
  }

  private final List<Variant<T>> variants;
  private final T otherwise;

  private ContentVariants(List<Variant<T>> variants, T otherwise) {
    this.variants = List.copyOf(variants);
    this.otherwise = otherwise;
  }

  /** Starts a list of variants. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** The content for {@code lead}: the first matching variant's, or the default. */
  public T choose(Lead lead) {
    for (Variant<T> v : variants) {
      if (v.rule().matches(lead)) {
        return v.content();
      }
    }
    return otherwise;
  }

  /** The variants in order. */
  public List<Variant<T>> variants() {
    return variants;
  }

  /** The default content. */
  public T otherwise() {
    return otherwise;
  }

  /** Collects variants in order. */
  public static final class Builder<T> {
    private final List<Variant<T>> variants = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a variant. A rule equal to an earlier one could never win and is refused.
     */
    public Builder<T> when(VariantRule rule, T content) {
      Variant<T> v = new Variant<>(rule, content);
      for (Variant<T> earlier : variants) {
        if (earlier.rule().equals(rule)) {
          throw new InvalidValueException("variant rule " + rule
              + " repeats an earlier one and could never be chosen");
        }
      }
      variants.add(v);
      return this;
    }

    /** Sets the default and returns the immutable variants. */
    public ContentVariants<T> otherwise(T content) {
      if (content == null) {
        throw new InvalidValueException("the default variant must not be null");
      }
      return new ContentVariants<>(variants, content);
    }
  }
}
