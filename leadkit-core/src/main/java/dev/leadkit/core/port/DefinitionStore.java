package dev.leadkit.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Definitions (segments, scoring models, journey versions) as versioned JSON documents, shared
 * by every engine on the same stores. A document is identified by its kind, its id and its
 * version; once stored it never changes.
 *
 * <p>Kinds used by leadkit: {@value #SEGMENT}, {@value #SCORING_MODEL} and {@value #JOURNEY}.
 * Hosts may use other kinds of the same shape.
 *
 * <h2>Consistency</h2>
 *
 * <ul>
 *   <li>{@link #publish} is insert-only and atomic. Publishing a (kind, id, version) that is
 *       already stored with the same JSON value (compared as parsed JSON, so key order and white
 *       space do not matter) does nothing and may be retried freely; with a different value it
 *       is refused with {@link DefinitionConflictException} and nothing changes.
 *   <li>{@link #revision()} grows by at least one with every document stored, on any engine
 *       sharing the store, and never shrinks, so a reader can cache what it loaded and ask only
 *       this one small question to learn whether anything was published since.
 * </ul>
 */
public interface DefinitionStore {
  /** The kind of segment definitions ({@code dev.leadkit.core.segment.json.SegmentJson}). */
  String SEGMENT = "segment";
  /** The kind of scoring models ({@code dev.leadkit.scoring.json.ScoringJson}). */
  String SCORING_MODEL = "scoring-model";
  /** The kind of journey versions ({@code dev.leadkit.journey.json.JourneyJson}). */
  String JOURNEY = "journey";

  /**
   * Stores version {@code version} of definition {@code id} of {@code kind}: {@code json} must be
   * a JSON object. Returns true if it was stored now, false if the same value was already stored.
   *
   * @param kind {@code [a-z][a-z0-9-]{0,31}}
   * @param id 1 to 128 characters, not blank
   * @param version at least 1
   * @param json a JSON object
   * @param at when it is published (kept as {@link StoredDefinition#publishedAt()})
   * @throws DefinitionConflictException if that version is stored with another value
   * @throws dev.leadkit.core.InvalidValueException if an argument is malformed
   */
  boolean publish(String kind, String id, int version, String json, Instant at);

  /** The highest stored version of definition {@code id} of {@code kind}, if any. */
  Optional<StoredDefinition> latest(String kind, String id);

  /** The highest stored version of every definition of {@code kind}, ordered by id. */
  List<StoredDefinition> all(String kind);

  /** Version {@code version} of definition {@code id} of {@code kind}, if stored. */
  Optional<StoredDefinition> find(String kind, String id, int version);

  /**
   * A number that grows with every document stored and never shrinks (0 while the store is
   * empty). Cheap: one small query on a database.
   */
  long revision();
}
