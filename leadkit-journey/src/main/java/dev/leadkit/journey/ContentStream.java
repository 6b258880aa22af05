package dev.leadkit.journey;

import dev.leadkit.core.lead.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered set of content pieces sent on a cadence (Marketo's engagement programs; R6.3,
 * R6.10). A journey sends it with a {@link Step.FromStream} step:
 *
 * <ul>
 *   <li>every {@code cadence} the lead gets the first piece it has neither received nor
 *       consumed (an {@code asset} touchpoint);
 *   <li>with {@code idleAlternation} set, a lead with no activity for that long alternates
 *       generic and personal pieces (personal ones go in the owner's name); active leads get
 *       generic pieces only;
 *   <li>when nothing is left, {@link dev.leadkit.journey.event.StreamExhausted} fires and the
 *       lead waits in the stream; publishing the stream again with more pieces wakes it.
 * </ul>
 *
 * Unlike journeys, streams are not versioned: content is meant to be added while leads flow.
 *
 * @param id the stream id
 * @param channel the channel
 * @param cadence time between two pieces
 * @param pieces the pieces in order
 * @param idleAlternation idle time after which generic and personal pieces alternate
 */
public record ContentStream(StreamId id, Channel channel, Duration cadence,
    List<ContentPiece> pieces, Optional<Duration> idleAlternation) {
  /** Validates and copies. */
  public ContentStream {
    Checks.notNull(id, channel, cadence, pieces, idleAlternation);
    Checks.positive(cadence, "stream cadence");
    idleAlternation.ifPresent(d -> Checks.positive(d, "idle alternation"));
    pieces = List.copyOf(pieces);
    Set<String> ids = new HashSet<>();
    for (ContentPiece p : pieces) {
      if (!ids.add(p.id())) {
        throw new InvalidJourneyException("stream " + id + " has piece " + p.id() + " twice");
      }
    }
  }

  /** An e-mail stream without alternation. */
  public static ContentStream of(String id, Duration cadence, ContentPiece... pieces) {
    return new ContentStream(StreamId.of(id), Channel.EMAIL, cadence, List.of(pieces),
        Optional.empty());
  }

  /** A copy that alternates generic and personal pieces for leads idle for {@code idle}. */
  public ContentStream alternatingWhenIdle(Duration idle) {
    return new ContentStream(id, channel, cadence, pieces, Optional.of(idle));
  }

  /** A copy with {@code more} pieces appended. */
  public ContentStream withPieces(ContentPiece... more) {
    List<ContentPiece> all = new ArrayList<>(pieces);
    all.addAll(List.of(more));
    return new ContentStream(id, channel, cadence, all, idleAlternation);
  }
}
