package dev.leadkit.core.identity;

import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.LeadStore;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds leads that may be the same person: same phone number, or same name at the same company
 * (after Unicode, case, space and company-suffix normalisation), or an address that was merged
 * into another lead. One pass over the store in pages; memory is one map entry per key. Not API.
 */
final class DuplicateFinder {
  static final String SAME_PHONE = "same_phone";
  static final String SAME_NAME = "same_name_and_company";
  static final String MERGED_ADDRESS = "merged_address";
  private static final int PAGE = 1000;
  /** Keys shared by more leads than this are too common to mean anything (e.g. a switchboard). */
  private static final int MAX_GROUP = 50;
  private static final Pattern NON_WORD = Pattern.compile("[\\p{Punct}\\p{Space}\\u3000・（）]+");
  private static final List<String> COMPANY_FORMS = List.of("株式会社", "(株)", "有限会社",
      "合同会社", "incorporated", "inc", "corporation", "corp", "co.,ltd", "coltd", "ltd",
      "limited", "llc", "gmbh", "kk");

  private final LeadStore leads;
  private final IdentityLinks links;
  private final Function<LeadId, LeadId> resolve;

  DuplicateFinder(LeadStore leads, IdentityLinks links, Function<LeadId, LeadId> resolve) {
    this.leads = leads;
    this.links = links;
    this.resolve = resolve;
  }

  static List<String> keys(Lead lead) {
    List<String> keys = new ArrayList<>(2);
    lead.attributes().text(AttributeKey.PHONE).map(DuplicateFinder::phone)
        .ifPresent(p -> keys.add(SAME_PHONE + ":" + p));
    Optional<String> first = lead.attributes().text(AttributeKey.FIRST_NAME).map(DuplicateFinder::word);
    Optional<String> last = lead.attributes().text(AttributeKey.LAST_NAME).map(DuplicateFinder::word);
    Optional<String> company = lead.attributes().text(AttributeKey.COMPANY).map(DuplicateFinder::company);
    if (first.isPresent() && last.isPresent() && company.isPresent()
        && !first.get().isEmpty() && !last.get().isEmpty() && !company.get().isEmpty()) {
      keys.add(SAME_NAME + ":" + first.get() + "|" + last.get() + "|" + company.get());
    }
    return keys;
  }

  private static @Nullable String phone(String raw) {
    StringBuilder digits = new StringBuilder();
    for (char c : Normalizer.normalize(raw, Normalizer.Form.NFKC).toCharArray()) {
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    // compare the last nine digits, so that +81 3 ... and 03 ... match
    return digits.length() < 8 ? null : digits.substring(Math.max(0, digits.length() - 9));
  }

  static String word(String raw) {
    return NON_WORD.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)).replaceAll("");
  }

  static String company(String raw) {
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (String form : COMPANY_FORMS) {
      s = s.replace(form, " ");
    }
    return word(s);
  }

  /** Every candidate pair in the store; with {@code among}, only pairs involving one of them. */
  List<DuplicateCandidate> find(Optional<Collection<LeadId>> among) {
    Set<LeadId> focus = among.map(c -> {
      Set<LeadId> s = new HashSet<>();
      c.forEach(id -> s.add(resolve.apply(id)));
      return s;
    }).orElse(null);
    Set<String> focusKeys = null;
    if (focus != null) {
      focusKeys = new HashSet<>();
      for (Lead l : leads.findAllById(focus).values()) {
        focusKeys.addAll(keys(l));
      }
    }
    Map<String, List<LeadId>> groups = new HashMap<>();
    Map<Pair, Set<String>> reasons = new LinkedHashMap<>();
    LeadId after = null;
    while (true) {
      List<Lead> page = leads.page(after, PAGE);
      for (Lead l : page) {
        for (String k : keys(l)) {
          if (focusKeys == null || focusKeys.contains(k)) {
            groups.computeIfAbsent(k, x -> new ArrayList<>(2)).add(l.id());
          }
        }
        // a lead holding an address that was merged into another lead
        Optional<LeadAlias> alias = links.findAliasByEmail(l.email());
        if (alias.isPresent()) {
          LeadId survivor = resolve.apply(alias.get().survivor());
          if (!survivor.equals(l.id())) {
            addPair(reasons, l.id(), survivor, MERGED_ADDRESS, focus);
          }
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    for (Map.Entry<String, List<LeadId>> g : groups.entrySet()) {
      List<LeadId> ids = g.getValue();
      if (ids.size() < 2 || ids.size() > MAX_GROUP) {
        continue;
      }
      String reason = g.getKey().substring(0, g.getKey().indexOf(':'));
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          addPair(reasons, ids.get(i), ids.get(j), reason, focus);
        }
      }
    }
    List<DuplicateCandidate> out = new ArrayList<>();
    for (Map.Entry<Pair, Set<String>> e : reasons.entrySet()) {
      out.add(new DuplicateCandidate(e.getKey().first(), e.getKey().second(),
          new TreeSet<>(e.getValue())));
    }
    out.sort((x, y) -> {
      int c = x.first().compareTo(y.first());
      return c != 0 ? c : x.second().compareTo(y.second());
    });
    return out;
  }

  /** An ordered pair of lead ids. */
  private record Pair(LeadId first, LeadId second) {
    static Pair of(LeadId a, LeadId b) {
      return a.compareTo(b) < 0 ? new Pair(a, b) : new Pair(b, a);
    }
  }

  private static void addPair(Map<Pair, Set<String>> reasons, LeadId a, LeadId b,
      String reason, @Nullable Set<LeadId> focus) {
    if (a.equals(b) || (focus != null && !focus.contains(a) && !focus.contains(b))) {
      return;
    }
    reasons.computeIfAbsent(Pair.of(a, b), k -> new TreeSet<>()).add(reason);
  }
}
