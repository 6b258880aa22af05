package dev.leadkit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.DuplicateLeadException;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageTransitions;
import dev.leadkit.core.port.LeadStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LeadStore} must pass. Subclass it and return a fresh, empty store
 * from {@link #newStore()}; each test gets its own store.
 */
public abstract class LeadStoreContract {
  /** A time with whole microseconds, as every database can store it. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:30:15.123456Z");

  protected LeadStore store;

  /** A fresh, empty store. */
  protected abstract LeadStore newStore();

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  protected static Lead lead(String id, String email) {
    return Lead.create(LeadId.of(id), EmailAddress.parse(email),
        Attributes.empty().with(AttributeKey.COMPANY, "ACME"), T0);
  }

  /** A lead exercising every field, to check a store keeps them all exactly. */
  protected static Lead richLead(String id, String email) {
    Attributes a = Attributes.empty()
        .with(AttributeKey.COMPANY, "Yamada Kogyo 株式会社")
        .with(AttributeKey.COMPANY_SIZE, AttributeValue.number(new BigDecimal("1200.50")))
        .with(AttributeKey.of("vip"), AttributeValue.bool(true))
        .with(AttributeKey.RENEWAL_DATE, AttributeValue.date(LocalDate.of(2027, 3, 31)))
        .with(AttributeKey.FIRST_CONTACT_AT, AttributeValue.instant(T0.minus(3, ChronoUnit.DAYS)))
        .with(AttributeKey.INTEREST, AttributeValue.list(List.of("erp", "crm")));
    Lead l = Lead.create(LeadId.of(id), EmailAddress.parse(email), a, T0)
        .withStage(LifecycleStage.MQL, "score crossed 20", T0.plusSeconds(60),
            StageTransitions.defaults())
        .withConsent(new ConsentRecord(Channel.EMAIL, ConsentStatus.SUBSCRIBED, "form", T0))
        .withConsent(new ConsentRecord(Channel.PHONE, ConsentStatus.UNSUBSCRIBED, "call", T0))
        .withOwner(Optional.of(OwnerId.of("rep-7")), T0.plusSeconds(61))
        .withScore("engagement", new Score(21.5, T0.plusSeconds(62), Optional.of("hot")))
        .withScore("fit", Score.of(-3, T0));
    return l;
  }

  @Test
  void savedLeadIsFoundByIdAndByEmailWithEveryFieldIntact() {
    Lead saved = store.save(richLead("l1", "taro@example.co.jp"));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(store.findById(LeadId.of("l1"))).contains(saved);
    assertThat(store.findByEmail(EmailAddress.parse("TARO@example.co.jp"))).contains(saved);
    assertThat(store.findById(LeadId.of("nope"))).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void updateBumpsVersionAndStaleCopyIsRefusedWithoutWriting() {
    Lead v1 = store.save(lead("l1", "a@example.com"));
    Lead v2 = store.save(v1.withAttributes(v1.attributes().with(AttributeKey.TITLE, "CTO"), T0));
    assertThat(v2.version()).isEqualTo(2);
    Lead stale = v1.withAttributes(v1.attributes().with(AttributeKey.TITLE, "Intern"), T0);
    assertThatThrownBy(() -> store.save(stale)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findById(v1.id()).orElseThrow().attributes().text(AttributeKey.TITLE))
        .contains("CTO");
  }

  @Test
  void newLeadWithTakenIdOrEmailIsRefused() {
    store.save(lead("l1", "a@example.com"));
    assertThatThrownBy(() -> store.save(lead("l1", "b@example.com")))
        .isInstanceOf(DuplicateLeadException.class);
    assertThatThrownBy(() -> store.save(lead("l2", "a@example.com")))
        .isInstanceOf(DuplicateLeadException.class);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void updatingUnknownLeadIsRefused() {
    Lead ghost = lead("ghost", "g@example.com").withVersion(3);
    assertThatThrownBy(() -> store.save(ghost)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.count()).isZero();
  }

  @Test
  void batchIsAllOrNothing() {
    store.save(lead("l1", "taken@example.com"));
    List<Lead> batch = List.of(lead("l2", "b@example.com"), lead("l3", "c@example.com"),
        lead("l4", "taken@example.com"));
    assertThatThrownBy(() -> store.saveAll(batch)).isInstanceOf(DuplicateLeadException.class);
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.findById(LeadId.of("l2"))).isEmpty();
  }

  @Test
  void batchSavesEveryLeadInOrder() {
    List<Lead> saved = store.saveAll(List.of(lead("l2", "b@example.com"),
        lead("l1", "a@example.com")));
    assertThat(saved).extracting(l -> l.id().value()).containsExactly("l2", "l1");
    assertThat(saved).allMatch(l -> l.version() == 1);
    assertThat(store.findAllById(List.of(LeadId.of("l1"), LeadId.of("l2"), LeadId.of("x"))))
        .containsOnlyKeys(LeadId.of("l1"), LeadId.of("l2"));
    assertThat(store.findAllByEmail(List.of(EmailAddress.parse("a@example.com"))))
        .containsOnlyKeys(EmailAddress.parse("a@example.com"));
  }

  @Test
  void changingEmailFreesTheOldAddress() {
    Lead v1 = store.save(lead("l1", "old@example.com"));
    store.save(v1.withEmail(EmailAddress.parse("new@example.com"), T0));
    assertThat(store.findByEmail(EmailAddress.parse("old@example.com"))).isEmpty();
    assertThat(store.findByEmail(EmailAddress.parse("new@example.com"))).isPresent();
    store.save(lead("l2", "old@example.com"));
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void deleteRemovesLeadAndItsAddress() {
    store.save(lead("l1", "a@example.com"));
    assertThat(store.delete(LeadId.of("l1"))).isTrue();
    assertThat(store.delete(LeadId.of("l1"))).isFalse();
    assertThat(store.findByEmail(EmailAddress.parse("a@example.com"))).isEmpty();
    store.save(lead("l2", "a@example.com"));
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void pagesWalkEveryLeadOnceInIdOrder() {
    List<Lead> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(lead(String.format("lead-%03d", (i * 7) % 25), "u" + i + "@example.com"));
    }
    store.saveAll(all);
    List<String> seen = new ArrayList<>();
    LeadId after = null;
    while (true) {
      List<Lead> page = store.page(after, 10);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(l -> seen.add(l.id().value()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void concurrentWritersNeverLoseAnUpdate() throws Exception {
    store.save(lead("l1", "a@example.com"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger conflicts = new AtomicInteger();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            while (true) {
              Lead cur = store.findById(LeadId.of("l1")).orElseThrow();
              List<String> tags = new ArrayList<>(cur.attributes().get(AttributeKey.of("tags"))
                  .map(v -> ((AttributeValue.TextList) v).values()).orElse(List.of()));
              tags.add("w" + writer + "-" + i);
              try {
                store.save(cur.withAttributes(cur.attributes().with(AttributeKey.of("tags"),
                    AttributeValue.list(tags)), T0));
                break;
              } catch (ConcurrentUpdateException e) {
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Lead last = store.findById(LeadId.of("l1")).orElseThrow();
    assertThat(((AttributeValue.TextList) last.attributes().get(AttributeKey.of("tags"))
        .orElseThrow()).values()).hasSize(40);
    assertThat(last.version()).isEqualTo(41);
  }
}
