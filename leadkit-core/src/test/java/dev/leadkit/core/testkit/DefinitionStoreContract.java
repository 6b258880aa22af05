package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.port.DefinitionConflictException;
import dev.leadkit.core.port.DefinitionStore;
import dev.leadkit.core.port.StoredDefinition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DefinitionStore}. Subclass it for an adapter and implement {@link
 * #newStore()} to return an empty store. Documents are compared as parsed JSON, since a
 * database may re-format what it stores.
 */
public abstract class DefinitionStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A new, empty store. */
  protected abstract DefinitionStore newStore();

  private DefinitionStore store;

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  private static String doc(String name, int n) {
    return "{\"name\":\"" + name + "\",\"n\":" + n + ",\"nested\":{\"a\":[1,2,3],\"b\":null}}";
  }

  private static void assertDoc(StoredDefinition d, String kind, String id, int version,
      String json) {
    assertThat(d.kind()).isEqualTo(kind);
    assertThat(d.id()).isEqualTo(id);
    assertThat(d.version()).isEqualTo(version);
    assertThat(LeadkitJson.parse(d.json())).isEqualTo(LeadkitJson.parse(json));
  }

  @Test
  void anEmptyStoreHasNothingAndRevisionZero() {
    assertThat(store.revision()).isZero();
    assertThat(store.all(DefinitionStore.SEGMENT)).isEmpty();
    assertThat(store.latest(DefinitionStore.SEGMENT, "x")).isEmpty();
    assertThat(store.find(DefinitionStore.SEGMENT, "x", 1)).isEmpty();
  }

  @Test
  void publishedVersionsRoundTripAndLatestIsTheHighest() {
    assertThat(store.publish("segment", "hot", 1, doc("hot", 1), T0)).isTrue();
    assertThat(store.publish("segment", "hot", 2, doc("hot", 2), T0.plusSeconds(60))).isTrue();
    assertDoc(store.find("segment", "hot", 1).orElseThrow(), "segment", "hot", 1, doc("hot", 1));
    assertDoc(store.latest("segment", "hot").orElseThrow(), "segment", "hot", 2, doc("hot", 2));
    assertThat(store.latest("segment", "hot").orElseThrow().publishedAt())
        .isEqualTo(T0.plusSeconds(60));
    assertThat(store.find("segment", "hot", 3)).isEmpty();
  }

  @Test
  void allGivesTheLatestVersionOfEachIdOfOneKindOrderedById() {
    store.publish("segment", "b", 1, doc("b", 1), T0);
    store.publish("segment", "a", 1, doc("a", 1), T0);
    store.publish("segment", "a", 3, doc("a", 3), T0);
    store.publish("journey", "a", 7, doc("j", 7), T0);
    List<StoredDefinition> all = store.all("segment");
    assertThat(all).extracting(StoredDefinition::id).containsExactly("a", "b");
    assertThat(all).extracting(StoredDefinition::version).containsExactly(3, 1);
    assertThat(store.all("journey")).singleElement()
        .satisfies(d -> assertDoc(d, "journey", "a", 7, doc("j", 7)));
    assertThat(store.all("scoring-model")).isEmpty();
  }

  @Test
  void republishingTheSameContentIsIdempotentAndKeepsTheRevision() {
    store.publish("segment", "hot", 1, doc("hot", 1), T0);
    long r = store.revision();
    String reordered = "{ \"nested\": {\"b\": null, \"a\": [1, 2, 3]}, \"n\": 1, \"name\": \"hot\" }";
    assertThat(store.publish("segment", "hot", 1, reordered, T0.plusSeconds(5))).isFalse();
    assertThat(store.revision()).isEqualTo(r);
    assertThat(store.find("segment", "hot", 1).orElseThrow().publishedAt()).isEqualTo(T0);
  }

  @Test
  void republishingAVersionWithOtherContentIsRefusedAndChangesNothing() {
    store.publish("segment", "hot", 1, doc("hot", 1), T0);
    long r = store.revision();
    List<StoredDefinition> before = store.all("segment");
    assertThatThrownBy(() -> store.publish("segment", "hot", 1, doc("hot", 99), T0))
        .isInstanceOf(DefinitionConflictException.class).hasMessageContaining("hot")
        .hasMessageContaining("version 1");
    assertThat(store.all("segment")).isEqualTo(before);
    assertThat(store.revision()).isEqualTo(r);
    assertDoc(store.find("segment", "hot", 1).orElseThrow(), "segment", "hot", 1, doc("hot", 1));
  }

  @Test
  void revisionGrowsWithEveryStoredDocument() {
    long r0 = store.revision();
    store.publish("segment", "a", 1, doc("a", 1), T0);
    long r1 = store.revision();
    store.publish("journey", "a", 1, doc("a", 1), T0);
    long r2 = store.revision();
    store.publish("segment", "a", 2, doc("a", 2), T0);
    assertThat(r1).isGreaterThan(r0);
    assertThat(r2).isGreaterThan(r1);
    assertThat(store.revision()).isGreaterThan(r2);
  }

  @Test
  void malformedArgumentsAreRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> store.publish("Segment!", "a", 1, doc("a", 1), T0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Segment!");
    assertThatThrownBy(() -> store.publish("segment", " ", 1, doc("a", 1), T0))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.publish("segment", "a", 0, doc("a", 1), T0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> store.publish("segment", "a", 1, "[1,2]", T0))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> store.publish("segment", "a", 1, "{not json", T0))
        .isInstanceOf(InvalidValueException.class);
    assertThat(store.all("segment")).isEmpty();
    assertThat(store.revision()).isZero();
  }
}
