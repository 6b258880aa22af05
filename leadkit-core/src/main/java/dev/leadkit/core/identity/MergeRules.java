package dev.leadkit.core.identity;

import dev.leadkit.core.identity.MergePolicy.OwnerRule;
import dev.leadkit.core.identity.MergePolicy.Rule;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LifecycleStage;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.Score;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.port.MergeRecord.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The pure merge of two leads under a policy. Not API. */
final class MergeRules {
  private MergeRules() {}

  record Outcome(Lead merged, List<Decision> decisions) {}

  /** Most recently updated first; ties to the lower id. */
  private static final Comparator<Lead> RECENT = Comparator.comparing(Lead::updatedAt).reversed()
      .thenComparing(Lead::id);
  /** Earliest created first; ties to the lower id. */
  private static final Comparator<Lead> OLD = Comparator.comparing(Lead::createdAt)
      .thenComparing(Lead::id);

  static Outcome merge(Lead s, Lead m, MergePolicy policy, Instant now, String label) {
    List<Decision> decisions = new ArrayList<>();
    Attributes attrs = Attributes.empty();
    TreeSet<AttributeKey> keys = new TreeSet<>(s.attributes().asMap().keySet());
    keys.addAll(m.attributes().asMap().keySet());
    for (AttributeKey k : keys) {
      Optional<AttributeValue> sv = s.attributes().get(k);
      Optional<AttributeValue> mv = m.attributes().get(k);
      AttributeValue kept;
      if (sv.isPresent() && mv.isPresent() && sv.get().equals(mv.get())) {
        kept = sv.get();
      } else if (mv.isEmpty()) {
        kept = sv.orElseThrow();
      } else if (sv.isEmpty()) {
        kept = mv.get();
        decisions.add(new Decision(k.name(), "non_empty", "merged"));
      } else {
        Rule rule = policy.ruleFor(k, sv.get().kind());
        kept = pick(rule, k, s, m, sv.get(), mv.get(), policy);
        decisions.add(new Decision(k.name(), rule.code(), source(kept, sv.get(), mv.get())));
      }
      attrs = attrs.with(k, kept);
    }

    // stage: furthest wins (ties in rank go to the later-declared stage, whichever survives)
    LifecycleStage stage = furthest(s.stage(), m.stage());
    List<StageChange> history = new ArrayList<>(s.stageHistory());
    if (stage != s.stage()) {
      history.add(new StageChange(now, s.stage(), stage, "merged " + label));
      decisions.add(new Decision("stage", "furthest_stage", "merged"));
    }

    // consent: the most restrictive record per channel wins
    TreeMap<String, ConsentRecord> consents = new TreeMap<>();
    TreeSet<Channel> channels = new TreeSet<>(Comparator.comparing(Channel::name));
    channels.addAll(s.consents().keySet());
    channels.addAll(m.consents().keySet());
    for (Channel ch : channels) {
      Optional<ConsentRecord> a = s.consent(ch);
      Optional<ConsentRecord> b = m.consent(ch);
      ConsentRecord kept = a.isEmpty() ? b.orElseThrow() : b.isEmpty() ? a.get()
          : mostRestrictive(a.get(), b.get());
      if (a.isEmpty() || !a.get().equals(kept)) {
        decisions.add(new Decision("consent." + ch.name(), "most_restrictive", "merged"));
      }
      consents.put(ch.name(), kept);
    }
    Map<Channel, ConsentRecord> consentMap = new java.util.LinkedHashMap<>();
    consents.values().forEach(c -> consentMap.put(c.channel(), c));

    Optional<OwnerId> owner = owner(s, m, policy.ownerRule());
    if (!owner.equals(s.owner())) {
      decisions.add(new Decision("owner", policy.ownerRule().name().toLowerCase(
          java.util.Locale.ROOT), "merged"));
    }

    // scores are dependent state: keep the newer of each model; listeners recompute them
    TreeMap<String, Score> scores = new TreeMap<>(m.scores());
    s.scores().forEach((model, sc) -> scores.merge(model, sc,
        (x, y) -> x.asOf().isAfter(y.asOf()) ? x : y));

    Instant created = s.createdAt().isAfter(m.createdAt()) ? m.createdAt() : s.createdAt();
    if (!created.equals(s.createdAt())) {
      decisions.add(new Decision("created_at", "oldest", "merged"));
    }
    Lead merged = new Lead(s.id(), s.email(), attrs, stage, history, consentMap, owner, scores,
        created, now, s.version());
    return new Outcome(merged, decisions);
  }

  static LifecycleStage furthest(LifecycleStage a, LifecycleStage b) {
    if (a.rank() != b.rank()) {
      return a.rank() > b.rank() ? a : b;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  static ConsentRecord mostRestrictive(ConsentRecord a, ConsentRecord b) {
    int c = Integer.compare(a.status().restrictiveness(), b.status().restrictiveness());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    c = a.at().compareTo(b.at());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return a.source().compareTo(b.source()) <= 0 ? a : b;
  }

  private static String source(AttributeValue kept, AttributeValue sv, AttributeValue mv) {
    return kept.equals(sv) ? "survivor" : kept.equals(mv) ? "merged" : "combined";
  }

  private static AttributeValue pick(Rule rule, AttributeKey key, Lead s, Lead m,
      AttributeValue sv, AttributeValue mv, MergePolicy policy) {
    return switch (rule) {
      case MOST_RECENT -> RECENT.compare(s, m) <= 0 ? sv : mv;
      case OLDEST -> OLD.compare(s, m) <= 0 ? sv : mv;
      case FIRST_NON_EMPTY -> sv;
      case SOURCE_PRIORITY -> {
        int rs = sourceRank(s, policy.sourcePriority());
        int rm = sourceRank(m, policy.sourcePriority());
        if (rs != rm) {
          yield rs < rm ? sv : mv;
        }
        yield RECENT.compare(s, m) <= 0 ? sv : mv;
      }
      case UNION -> {
        boolean sFirst = OLD.compare(s, m) <= 0;
        LinkedHashSet<String> all = new LinkedHashSet<>(elements(sFirst ? sv : mv));
        all.addAll(elements(sFirst ? mv : sv));
        List<String> l = new ArrayList<>(all);
        yield AttributeValue.list(l.subList(0, Math.min(l.size(), AttributeValue.MAX_LIST)));
      }
      case MAX, MIN -> {
        Integer c = compare(sv, mv);
        if (c == null) {
          yield RECENT.compare(s, m) <= 0 ? sv : mv;
        }
        if (c == 0) {
          yield RECENT.compare(s, m) <= 0 ? sv : mv;
        }
        boolean sBigger = c > 0;
        yield (rule == Rule.MAX) == sBigger ? sv : mv;
      }
    };
  }

  private static List<String> elements(AttributeValue v) {
    return v instanceof AttributeValue.TextList l ? l.values() : List.of(v.asText());
  }

  private static @Nullable Integer compare(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.Num x && b instanceof AttributeValue.Num y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof AttributeValue.Date x && b instanceof AttributeValue.Date y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof AttributeValue.Timestamp x && b instanceof AttributeValue.Timestamp y) {
      return x.value().compareTo(y.value());
    }
    return null;
  }

  static int sourceRank(Lead lead, List<String> priority) {
    String src = lead.attributes().text(AttributeKey.SOURCE).orElse("");
    for (int i = 0; i < priority.size(); i++) {
      if (!src.isEmpty() && src.startsWith(priority.get(i))) {
        return i;
      }
    }
    return priority.size();
  }

  private static Optional<OwnerId> owner(Lead s, Lead m, OwnerRule rule) {
    if (s.owner().isEmpty()) {
      return m.owner();
    }
    if (m.owner().isEmpty()) {
      return s.owner();
    }
    Lead first = switch (rule) {
      case SURVIVOR_FIRST -> s;
      case MOST_RECENT -> RECENT.compare(s, m) <= 0 ? s : m;
      case OLDEST -> OLD.compare(s, m) <= 0 ? s : m;
      case FURTHEST_STAGE -> {
        LifecycleStage f = furthest(s.stage(), m.stage());
        if (s.stage() == m.stage()) {
          yield RECENT.compare(s, m) <= 0 ? s : m;
        }
        yield s.stage() == f ? s : m;
      }
    };
    return first.owner();
  }

}
