package dev.leadkit.journey;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules every send passes, from a journey step, a content stream or a manual send
 * ({@link Journeys#send}), in this order:
 *
 * <ol>
 *   <li><b>Consent</b> at decision time (and again by the dispatcher at hand-over): nothing
 *       reaches a lead without consent on the channel; operational messages may also go to a
 *       lead whose consent is pending confirmation.
 *   <li><b>No duplicates</b>: the same template does not go to the same lead twice within
 *       {@code duplicateWindow} (the send is suppressed).
 *   <li><b>Sales collision</b> (R6.9): no automated e-mail within {@code salesCollision} after
 *       a {@code sales_email} touchpoint (the owner's own mail); the send is moved after it.
 *   <li><b>Quiet hours</b> in the lead's time zone: its {@code time_zone} attribute, or
 *       {@code defaultZone} (the host's zone, UTC unless set) for a lead without one; the send
 *       is moved to the next allowed time. An invalid {@code time_zone} is refused when the
 *       lead is upserted; a lead stored with one before that check is not mailed while quiet
 *       hours are set (suppressed as {@code invalid_time_zone}), never mailed in a guessed zone.
 *   <li><b>Frequency caps</b> per lead and channel across all journeys: the send is moved to
 *       the first time it fits.
 * </ol>
 *
 * Operational messages are exempt from rules 2 to 5.
 *
 * @param caps the frequency caps
 * @param quietHours the quiet hours, if any
 * @param defaultZone the zone for leads without a {@code time_zone} attribute
 * @param salesCollision how long automated mail keeps away after a sales mail (zero: off)
 * <p>Every rule is checked when a send is decided and again by the outbox dispatcher
 * immediately before the message is handed to the mailer: consent and suppression (cancel),
 * sales collision, quiet hours and frequency caps (the message waits; at hand-over the caps
 * count the messages actually handed over, by their hand-over time).
 *
 * @param duplicateWindow how long a template is not repeated (zero: off)
 * @param salesCollisionScope whose {@code sales_email} touchpoints count for the sales
 *     collision rule
 */
public record SendPolicies(List<FrequencyCap> caps, Optional<QuietHours> quietHours,
    ZoneId defaultZone, Duration salesCollision, Duration duplicateWindow,
    CollisionScope salesCollisionScope) {

  /** Whose sales mail keeps automated mail away. */
  public enum CollisionScope {
    /** Any {@code sales_email} touchpoint of the lead, whoever sent it (the default). */
    ANY_REP,
    /**
     * Only the lead owner's: a {@code sales_email} whose {@code owner} property names another
     * rep does not count; one without the property, or to a lead without owner, does.
     */
    OWNER_ONLY
  }

  /**
   * Policies whose sales collision counts any rep's mail.
   *
   * @param caps the frequency caps
   * @param quietHours the quiet hours, if any
   * @param defaultZone the zone for leads without a {@code time_zone} attribute
   * @param salesCollision how long automated mail keeps away after a sales mail (zero: off)
   * @param duplicateWindow how long a template is not repeated (zero: off)
   */
  public SendPolicies(List<FrequencyCap> caps, Optional<QuietHours> quietHours,
      ZoneId defaultZone, Duration salesCollision, Duration duplicateWindow) {
    this(caps, quietHours, defaultZone, salesCollision, duplicateWindow,
        CollisionScope.ANY_REP);
  }

  /** Validates and copies. */
  public SendPolicies {
    Checks.notNull(caps, quietHours, defaultZone, salesCollision, duplicateWindow,
        salesCollisionScope);
    caps = List.copyOf(caps);
    if (salesCollision.isNegative() || duplicateWindow.isNegative()) {
      throw new InvalidJourneyException("policy windows must not be negative: "
          + salesCollision + ", " + duplicateWindow);
    }
  }

  /** No caps, no quiet hours, no collision or duplicate windows; consent only. UTC. */
  public static SendPolicies none() {
    return new SendPolicies(List.of(), Optional.empty(), ZoneOffset.UTC, Duration.ZERO,
        Duration.ZERO);
  }

  /** A builder starting from {@link #none()}. */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds {@link SendPolicies}; each option once. */
  public static final class Builder {
    private final List<FrequencyCap> caps = new ArrayList<>();
    private @Nullable QuietHours quiet;
    private @Nullable ZoneId zone;
    private @Nullable Duration collision;
    private @Nullable Duration duplicates;
    private @Nullable CollisionScope scope;

    private Builder() {}

    private static void once(@Nullable Object current, String what) {
      if (current != null) {
        throw new InvalidJourneyException(what + " was already set to " + current);
      }
    }

    /** Adds a frequency cap. */
    public Builder cap(FrequencyCap cap) {
      Checks.named(cap, "cap");
      caps.add(cap);
      return this;
    }

    /** Sets the quiet hours. */
    public Builder quietHours(QuietHours value) {
      once(quiet, "quietHours");
      Checks.named(value, "quietHours");
      quiet = value;
      return this;
    }

    /** Sets the zone for leads without one. */
    public Builder defaultZone(ZoneId value) {
      once(zone, "defaultZone");
      Checks.named(value, "defaultZone");
      zone = value;
      return this;
    }

    /** Sets the sales collision window. */
    public Builder salesCollision(Duration value) {
      once(collision, "salesCollision");
      Checks.named(value, "salesCollision");
      collision = value;
      return this;
    }

    /** Sets whose sales mail counts for the sales collision rule (default any rep's). */
    public Builder salesCollisionScope(CollisionScope value) {
      once(scope, "salesCollisionScope");
      Checks.named(value, "salesCollisionScope");
      scope = value;
      return this;
    }

    /** Sets the duplicate template window. */
    public Builder duplicateWindow(Duration value) {
      once(duplicates, "duplicateWindow");
      Checks.named(value, "duplicateWindow");
      duplicates = value;
      return this;
    }

    /** The policies. */
    public SendPolicies build() {
      return new SendPolicies(caps, Optional.ofNullable(quiet),
          zone == null ? ZoneOffset.UTC : zone,
          collision == null ? Duration.ZERO : collision,
          duplicates == null ? Duration.ZERO : duplicates,
          scope == null ? CollisionScope.ANY_REP : scope);
    }
  }
}
