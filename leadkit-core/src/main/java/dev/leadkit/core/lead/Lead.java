package dev.leadkit.core.lead;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.leadkit.core.InvalidValueException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One person the company may nurture, keyed uniquely by e-mail address. Immutable: every change
 * returns a copy. {@link #version()} is the optimistic-concurrency version the store assigns; a
 * lead that was never stored has version 0.
 *
 * <p>Leads are normally created and changed through {@link dev.leadkit.core.LeadKit}, which
 * checks stage transitions, publishes events and keeps the store consistent. The withers here
 * are the pure building blocks it uses.
 *
 * @param id the lead's id
 * @param email the normalised e-mail address, unique among leads
 * @param attributes typed profile and custom attributes
 * @param stage the current lifecycle stage
 * @param stageHistory every stage change, oldest first
 * @param consents consent per channel; a channel without a record has no consent
 * @param owner the sales rep who owns the lead, if any
 * @param scores named scores as last computed
 * @param createdAt when the lead was created
 * @param updatedAt when it last changed
 * @param version the store's version of this record (0 = never stored)
 */
public record Lead(
    LeadId id,
    EmailAddress email,
    Attributes attributes,
    LifecycleStage stage,
    List<StageChange> stageHistory,
    Map<Channel, ConsentRecord> consents,
    Optional<OwnerId> owner,
    Map<String, Score> scores,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** Validates and copies the collections. */
  public Lead {
    if (id == null || email == null || attributes == null || stage == null
        || stageHistory == null || consents == null || owner == null || scores == null
        || createdAt == null || updatedAt == null) {
      throw new InvalidValueException("lead fields must not be null (lead " + id + ")");
    }
    if (version < 0) {
      throw new InvalidValueException("lead version must not be negative: " + version);
    }
    stageHistory = ImmutableList.copyOf(stageHistory);
    consents = ImmutableSortedMap.copyOf(consents, Comparator.comparing(Channel::name));
    consents.forEach((ch, rec) -> {
      if (!ch.equals(rec.channel())) {
        throw new InvalidValueException("consent record for " + rec.channel()
            + " filed under " + ch);
      }
    });
    scores = ImmutableSortedMap.copyOf(scores);
  }

  /** A new, never stored lead in stage {@code KNOWN}, created at {@code at}. */
  public static Lead create(LeadId id, EmailAddress email, Attributes attributes, Instant at) {
    return new Lead(id, email, attributes, LifecycleStage.KNOWN, List.of(), Map.of(),
        Optional.empty(), Map.of(), at, at, 0);
  }

  /** A copy with other attributes. */
  public Lead withAttributes(Attributes newAttributes, Instant at) {
    if (newAttributes.equals(attributes)) {
      return this;
    }
    return new Lead(id, email, newAttributes, stage, stageHistory, consents, owner, scores,
        createdAt, at, version);
  }

  /** A copy with another e-mail address. */
  public Lead withEmail(EmailAddress newEmail, Instant at) {
    if (newEmail.equals(email)) {
      return this;
    }
    return new Lead(id, newEmail, attributes, stage, stageHistory, consents, owner, scores,
        createdAt, at, version);
  }

  /**
   * A copy moved to {@code to}, with the change appended to the history, after checking it
   * against {@code transitions}. Moving to the current stage returns this lead unchanged.
   */
  public Lead withStage(LifecycleStage to, String reason, Instant at,
      StageTransitions transitions) {
    if (to == stage) {
      return this;
    }
    transitions.check(stage, to);
    List<StageChange> history = ImmutableList.<StageChange>builder().addAll(stageHistory)
        .add(new StageChange(at, stage, to, reason)).build();
    return new Lead(id, email, attributes, to, history, consents, owner, scores, createdAt, at,
        version);
  }

  /** A copy with the consent record for its channel replaced. */
  public Lead withConsent(ConsentRecord consent) {
    if (consent.equals(consents.get(consent.channel()))) {
      return this;
    }
    ImmutableSortedMap<Channel, ConsentRecord> m = ImmutableSortedMap.<Channel, ConsentRecord>orderedBy(
        Comparator.comparing(Channel::name)).putAll(
            Maps2.without(consents, consent.channel())).put(consent.channel(), consent).build();
    Instant at = consent.at().isAfter(updatedAt) ? consent.at() : updatedAt;
    return new Lead(id, email, attributes, stage, stageHistory, m, owner, scores, createdAt, at,
        version);
  }

  /** A copy with another owner (or none). */
  public Lead withOwner(Optional<OwnerId> newOwner, Instant at) {
    if (newOwner.equals(owner)) {
      return this;
    }
    return new Lead(id, email, attributes, stage, stageHistory, consents, newOwner, scores,
        createdAt, at, version);
  }

  /** A copy with the named score replaced. Does not change {@link #updatedAt()}. */
  public Lead withScore(String model, Score score) {
    if (model == null || model.isBlank() || score == null) {
      throw new InvalidValueException("score model name must not be blank: \"" + model + "\"");
    }
    if (score.equals(scores.get(model))) {
      return this;
    }
    ImmutableSortedMap<String, Score> m = ImmutableSortedMap.<String, Score>naturalOrder()
        .putAll(Maps2.without(scores, model)).put(model, score).build();
    return new Lead(id, email, attributes, stage, stageHistory, consents, owner, m, createdAt,
        updatedAt, version);
  }

  /** A copy carrying {@code newVersion}; used by stores. */
  public Lead withVersion(long newVersion) {
    return newVersion == version ? this : new Lead(id, email, attributes, stage, stageHistory,
        consents, owner, scores, createdAt, updatedAt, newVersion);
  }

  /** The consent on {@code channel}, if any was ever recorded. */
  public Optional<ConsentRecord> consent(Channel channel) {
    return Optional.ofNullable(consents.get(channel));
  }

  /**
   * True if the lead may be contacted on {@code channel}: only an explicit
   * {@link ConsentStatus#SUBSCRIBED} permits it.
   */
  public boolean mayContact(Channel channel) {
    ConsentRecord c = consents.get(channel);
    return c != null && c.permitsContact();
  }

  /**
   * The lead's time zone, from its {@code time_zone} attribute.
   *
   * @return the zone, or empty if the lead has none (senders then use their default zone)
   * @throws InvalidTimeZoneException if the attribute does not name a zone (only possible for a
   *     lead stored before time zones were checked at upsert)
   */
  public Optional<java.time.ZoneId> timeZone() {
    return attributes.timeZone();
  }

  /** The named score, if computed. */
  public Optional<Score> score(String model) {
    return Optional.ofNullable(scores.get(model));
  }

  /** True if this and {@code other} hold the same data, ignoring version and times. */
  public boolean sameContent(Lead other) {
    return id.equals(other.id) && email.equals(other.email)
        && attributes.equals(other.attributes) && stage == other.stage
        && stageHistory.equals(other.stageHistory) && consents.equals(other.consents)
        && owner.equals(other.owner) && scores.equals(other.scores);
  }
}
