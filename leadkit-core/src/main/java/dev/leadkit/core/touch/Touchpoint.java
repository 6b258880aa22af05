package dev.leadkit.core.touch;

import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.internal.Args;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.LeadId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One interaction: who, what, when, through which channel, with details. Immutable.
 *
 * <p>The subject is a known lead, an anonymous visitor, or both (a visitor that has been tied
 * to a lead). At least one is present. The {@link #id()} is the idempotency key: recording the
 * same id twice stores it once.
 *
 * @param id idempotency id
 * @param lead the lead, once known
 * @param visitor the anonymous visitor (cookie or device), if the interaction came from one
 * @param type what happened
 * @param at when it happened
 * @param channel the channel it came through
 * @param properties details such as URL, campaign, asset; at most 32, each value at most 2048
 *     characters
 */
public record Touchpoint(
    TouchpointId id,
    Optional<LeadId> lead,
    Optional<VisitorId> visitor,
    TouchpointType type,
    Instant at,
    Channel channel,
    Map<PropertyKey, String> properties) {

  /** Most properties one touchpoint may carry. */
  public static final int MAX_PROPERTIES = 32;
  /** Longest property value, in characters. */
  public static final int MAX_VALUE = 2048;

  /** Validates and copies. */
  public Touchpoint {
    if (id == null || lead == null || visitor == null || type == null || at == null
        || channel == null || properties == null) {
      throw new InvalidValueException("touchpoint fields must not be null (" + id + ")");
    }
    if (lead.isEmpty() && visitor.isEmpty()) {
      throw new InvalidValueException("touchpoint " + id + " has neither lead nor visitor");
    }
    if (properties.size() > MAX_PROPERTIES) {
      throw new InvalidValueException("touchpoint " + id + " has " + properties.size()
          + " properties, more than " + MAX_PROPERTIES);
    }
    properties.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new InvalidValueException("touchpoint " + id + " has a null property");
      }
      if (v.length() > MAX_VALUE) {
        throw new InvalidValueException("touchpoint " + id + " property " + k + " longer than "
            + MAX_VALUE + " characters");
      }
    });
    properties = ImmutableSortedMap.copyOf(properties);
  }

  /** Starts a touchpoint about a known lead. */
  public static Builder forLead(LeadId lead, TouchpointType type, Instant at) {
    return new Builder(Args.notNull(lead, "lead"), null, Args.notNull(type, "type"),
        Args.notNull(at, "at"));
  }

  /** Starts a touchpoint about an anonymous visitor. */
  public static Builder forVisitor(VisitorId visitor, TouchpointType type, Instant at) {
    return new Builder(null, Args.notNull(visitor, "visitor"), Args.notNull(type, "type"),
        Args.notNull(at, "at"));
  }

  /** The property under {@code key}. */
  public Optional<String> property(PropertyKey key) {
    return Optional.ofNullable(properties.get(key));
  }

  /** A copy attributed to {@code newLead} (the visitor, if any, is kept). */
  public Touchpoint withLead(LeadId newLead) {
    return new Touchpoint(id, Optional.of(newLead), visitor, type, at, channel, properties);
  }

  /** Builds a touchpoint; the channel defaults from the type when not set. */
  public static final class Builder {
    private final @Nullable LeadId lead;
    private final @Nullable VisitorId visitor;
    private final TouchpointType type;
    private final Instant at;
    private @Nullable TouchpointId id;
    private @Nullable Channel channel;
    private final java.util.TreeMap<PropertyKey, String> properties = new java.util.TreeMap<>();

    private Builder(@Nullable LeadId lead, @Nullable VisitorId visitor, TouchpointType type,
        Instant at) {
      this.lead = lead;
      this.visitor = visitor;
      this.type = type;
      this.at = at;
    }

    /** Sets the idempotency id (default: a random one). */
    public Builder id(TouchpointId value) {
      this.id = Args.notNull(value, "id");
      return this;
    }

    /** Sets the idempotency id (default: a random one). */
    public Builder id(String value) {
      return id(TouchpointId.of(Args.notNull(value, "id")));
    }

    /** Sets the channel (default: derived from the type). */
    public Builder channel(Channel value) {
      this.channel = Args.notNull(value, "channel");
      return this;
    }

    /** Sets a property. */
    public Builder property(PropertyKey key, String value) {
      if (key == null || value == null) {
        throw new InvalidValueException("touchpoint property key and value must not be null");
      }
      properties.put(key, value);
      return this;
    }

    /** Sets the {@code url} property. */
    public Builder url(String value) {
      return property(PropertyKey.URL, value);
    }

    /** Also tie the touchpoint to a visitor. */
    public Builder visitor(VisitorId value) {
      return new Builder(lead, Args.notNull(value, "visitor"), type, at).copyFrom(this);
    }

    private Builder copyFrom(Builder other) {
      this.id = other.id;
      this.channel = other.channel;
      this.properties.putAll(other.properties);
      return this;
    }

    /** The touchpoint. */
    public Touchpoint build() {
      return new Touchpoint(id == null ? TouchpointId.random() : id, Optional.ofNullable(lead),
          Optional.ofNullable(visitor), type, at, channel == null ? defaultChannel(type) : channel,
          properties);
    }
  }

  static Channel defaultChannel(TouchpointType type) {
    String n = type.name();
    if (n.startsWith("email_")) {
      return Channel.EMAIL;
    }
    if (n.startsWith("event_")) {
      return Channel.EVENT;
    }
    if (n.equals("call_logged") || n.equals("sales_email") || n.equals("meeting")) {
      return Channel.SALES;
    }
    if (n.equals("product_login") || n.equals("purchase") || n.equals("renewal")) {
      return Channel.PRODUCT;
    }
    return Channel.WEB;
  }
}
