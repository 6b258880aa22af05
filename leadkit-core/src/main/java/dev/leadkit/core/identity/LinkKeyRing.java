package dev.leadkit.core.identity;

import dev.leadkit.core.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys tagged-link tokens are signed and verified with. The newest key (the last one given)
 * signs; every key in the ring verifies. To rotate: add a new key with {@link #withNewKey} and
 * deploy; once the old tokens have expired or no longer matter, drop the old key with
 * {@link #without}. Immutable.
 */
public final class LinkKeyRing {
  private final Map<String, LinkKey> keys;
  private final LinkKey signing;

  private LinkKeyRing(List<LinkKey> ordered) {
    if (ordered.isEmpty()) {
      throw new InvalidValueException("a link key ring needs at least one key");
    }
    Map<String, LinkKey> m = new LinkedHashMap<>();
    for (LinkKey k : ordered) {
      if (k == null) {
        throw new InvalidValueException("link keys must not be null");
      }
      if (m.put(k.id(), k) != null) {
        throw new InvalidValueException("link key id \"" + k.id() + "\" appears twice");
      }
    }
    this.keys = java.util.Collections.unmodifiableMap(m);
    this.signing = ordered.get(ordered.size() - 1);
  }

  /** A ring of {@code keys}, oldest first; the last one signs. */
  public static LinkKeyRing of(LinkKey... keys) {
    return new LinkKeyRing(List.of(keys));
  }

  /** A ring of {@code keys}, oldest first; the last one signs. */
  public static LinkKeyRing of(List<LinkKey> keys) {
    return new LinkKeyRing(new ArrayList<>(keys));
  }

  /** A copy with {@code key} added as the newest, signing key. */
  public LinkKeyRing withNewKey(LinkKey key) {
    List<LinkKey> l = new ArrayList<>(keys.values());
    l.add(key);
    return new LinkKeyRing(l);
  }

  /** A copy without the key {@code id}; the signing key cannot be removed. */
  public LinkKeyRing without(String id) {
    if (signing.id().equals(id)) {
      throw new InvalidValueException("cannot retire the signing key \"" + id
          + "\"; add a newer key first");
    }
    List<LinkKey> l = new ArrayList<>(keys.values());
    l.removeIf(k -> k.id().equals(id));
    return new LinkKeyRing(l);
  }

  /** The key that signs new tokens. */
  public LinkKey signingKey() {
    return signing;
  }

  /** The key with {@code id}. */
  public Optional<LinkKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** The key ids, oldest first. */
  public List<String> ids() {
    return List.copyOf(keys.keySet());
  }
}
