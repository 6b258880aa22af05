package dev.leadkit.core;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a host knows about a lead, to be created or merged into the stored lead with the same
 * e-mail address by {@link LeadKit#upsertLead(LeadInput)}.
 *
 * <p>On an existing lead: {@code attributes} overwrite stored values, {@code defaults} only fill
 * keys that have no value yet; a given owner replaces the owner; consent is applied only to channels with
 * no consent record yet, so an import can never re-subscribe a lead who unsubscribed (use
 * {@link LeadKit#recordConsent} for real changes); the initial stage applies only to new leads.
 *
 * <p>A {@code time_zone} attribute must name a zone ({@code Asia/Tokyo}, {@code +09:00});
 * any other value is refused with {@link dev.leadkit.core.lead.InvalidTimeZoneException}.
 *
 * @param email the lead's address
 * @param attributes attributes to set, overwriting
 * @param defaults attributes to set only where the lead has no value
 * @param owner owner to set, if any
 * @param consents consent to apply to channels that have none
 * @param initialStage stage for a new lead (default {@code KNOWN})
 */
public record LeadInput(EmailAddress email, Attributes attributes, Attributes defaults,
    Optional<OwnerId> owner, Map<Channel, ConsentStatusAndSource> consents,
    Optional<LifecycleStage> initialStage) {

  /**
   * Consent to apply, without time (the engine's clock supplies it).
   *
   * @param status the status
   * @param source where it came from
   */
  public record ConsentStatusAndSource(ConsentStatus status, String source) {
    /** Validates. */
    public ConsentStatusAndSource {
      new ConsentRecord(Channel.EMAIL, status, source, Instant.EPOCH);
    }
  }

  /** Validates and copies. */
  public LeadInput {
    if (email == null || attributes == null || defaults == null || owner == null
        || consents == null || initialStage == null) {
      throw new InvalidValueException("lead input fields must not be null (" + email + ")");
    }
    consents = Map.copyOf(consents);
    attributes.timeZone(); // an invalid time_zone is refused here, before anything is written
    defaults.timeZone();
    if (initialStage.orElse(LifecycleStage.KNOWN) == LifecycleStage.ANONYMOUS) {
      throw new InvalidValueException("a lead with an e-mail address cannot be ANONYMOUS");
    }
  }

  /** Starts an input for the address given as text (normalised; malformed throws). */
  public static Builder email(String email) {
    return new Builder(EmailAddress.parse(email));
  }

  /** Starts an input for {@code email}. */
  public static Builder email(EmailAddress email) {
    return new Builder(email);
  }

  /** Builds a {@link LeadInput}. */
  public static final class Builder {
    private final EmailAddress email;
    private Attributes attributes = Attributes.empty();
    private Attributes defaults = Attributes.empty();
    private Optional<OwnerId> owner = Optional.empty();
    private final Map<Channel, ConsentStatusAndSource> consents = new LinkedHashMap<>();
    private Optional<LifecycleStage> stage = Optional.empty();

    private Builder(EmailAddress email) {
      this.email = email;
    }

    /** Sets an attribute. */
    public Builder attribute(AttributeKey key, AttributeValue value) {
      attributes = attributes.with(key, value);
      return this;
    }

    /** Sets a text attribute. */
    public Builder attribute(AttributeKey key, String value) {
      return attribute(key, AttributeValue.text(value));
    }

    /** Sets all of {@code values}. */
    public Builder attributes(Attributes values) {
      attributes = attributes.withAll(values);
      return this;
    }

    /** Sets the owner. */
    public Builder owner(OwnerId value) {
      owner = Optional.of(value);
      return this;
    }

    /** Applies consent on {@code channel} if the lead has none there yet. */
    public Builder consent(Channel channel, ConsentStatus status, String source) {
      consents.put(channel, new ConsentStatusAndSource(status, source));
      return this;
    }

    /** The stage for a new lead. */
    public Builder initialStage(LifecycleStage value) {
      stage = Optional.of(value);
      return this;
    }

    /** Sets an attribute only where the lead has no value for it yet. */
    public Builder attributeIfMissing(AttributeKey key, AttributeValue value) {
      defaults = defaults.with(key, value);
      return this;
    }

    /** The input. */
    public LeadInput build() {
      return new LeadInput(email, attributes, defaults, owner, consents, stage);
    }
  }
}
