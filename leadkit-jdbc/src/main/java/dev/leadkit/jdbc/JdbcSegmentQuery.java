package dev.leadkit.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.port.LeadStore;
import dev.leadkit.core.port.SegmentMembershipStore;
import dev.leadkit.core.port.StaticListStore;
import dev.leadkit.core.port.TouchpointLog;
import dev.leadkit.core.predicate.CompiledPredicate;
import dev.leadkit.core.predicate.EvaluationInput;
import dev.leadkit.core.predicate.Predicate;
import dev.leadkit.core.segment.ListId;
import dev.leadkit.core.segment.SegmentId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link SegmentQuery} over {@link SegmentSql}. */
final class JdbcSegmentQuery implements SegmentQuery {
  private final Db db;
  private final Tables tables;
  private final LeadStore leads;
  private final TouchpointLog touchpoints;
  private final StaticListStore lists;
  private final SegmentMembershipStore segments;

  JdbcSegmentQuery(Db db, Tables tables, LeadStore leads, TouchpointLog touchpoints,
      StaticListStore lists, SegmentMembershipStore segments) {
    this.db = db;
    this.tables = tables;
    this.leads = leads;
    this.touchpoints = touchpoints;
    this.lists = lists;
    this.segments = segments;
  }

  /**
   * Page size of an inexact {@link #count}: behaviour counts are one aggregate per query, so
   * fewer, larger pages cost less than many small ones.
   */
  private static final int COUNT_PAGE = 5_000;

  /**
   * Most ids one aggregated statement reads ahead for the following pages of the same walk.
   * A statement with a touchpoint aggregate costs about the same for 5,000 rows as for
   * 100,000 (the aggregate covers every lead), so a walk in small pages would otherwise pay
   * for the aggregate once per page.
   */
  static final int READ_AHEAD = 100_000;

  /** Ids read ahead, held at most this long for the walk's next page. */
  static final Duration READ_AHEAD_TTL = Duration.ofSeconds(60);

  /** The rest of an aggregated statement's rows, by the walk that will ask for them next. */
  private final Cache<WalkKey, ReadAhead> readAhead = Caffeine.newBuilder()
      .maximumWeight(4L * READ_AHEAD)
      .weigher((WalkKey k, ReadAhead r) -> r.ids().size())
      .expireAfterWrite(READ_AHEAD_TTL)
      .build();

  /** A walk's next page: the same predicate and time, after the previous page's cursor. */
  private record WalkKey(Predicate predicate, Instant now, LeadId after) {}

  /**
   * Ids read ahead in id order, and whether they end the statement's result (no lead after
   * them matched when it ran).
   */
  private record ReadAhead(List<LeadId> ids, boolean last) {}

  @Override
  public Page matching(Predicate predicate, Instant now, @Nullable LeadId after, int limit) {
    check(predicate, now);
    if (limit <= 0) {
      throw new InvalidValueException("page limit must be positive: " + limit);
    }
    SegmentSql.Translation tr = SegmentSql.translate(predicate, tables, now);
    List<LeadId> candidates;
    Optional<LeadId> next;
    if (tr.aggregated()) {
      ReadAhead ahead = after == null ? null
          : readAhead.asMap().remove(new WalkKey(predicate, now, after));
      if (ahead == null) {
        int fetch = Math.max(limit, READ_AHEAD);
        List<LeadId> rows = candidates(tr, after, fetch);
        ahead = new ReadAhead(rows, rows.size() < fetch);
      }
      List<LeadId> ids = ahead.ids();
      candidates = List.copyOf(ids.subList(0, Math.min(limit, ids.size())));
      List<LeadId> rest = ids.subList(candidates.size(), ids.size());
      LeadId cursor = candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
      if (cursor != null && !rest.isEmpty()) {
        readAhead.put(new WalkKey(predicate, now, cursor), new ReadAhead(rest, ahead.last()));
      }
      next = cursor != null && (!rest.isEmpty() || !ahead.last())
          ? Optional.of(cursor) : Optional.empty();
    } else {
      candidates = candidates(tr, after, limit);
      next = candidates.size() == limit
          ? Optional.of(candidates.get(candidates.size() - 1)) : Optional.empty();
    }
    if (tr.exact()) {
      return new Page(candidates, next);
    }
    return new Page(recheck(predicate.compile(), candidates, now), next);
  }

  @Override
  public long count(Predicate predicate, Instant now) {
    check(predicate, now);
    SegmentSql.Translation tr = SegmentSql.translate(predicate, tables, now);
    if (tr.exact()) {
      String sql = "SELECT COUNT(*) FROM " + tables.leads() + " l WHERE " + tr.where();
      return db.read("counting leads matching a predicate", c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          tr.bind(db, ps, 1);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
    }
    long n = 0;
    LeadId after = null;
    do {
      Page p = matching(predicate, now, after, COUNT_PAGE);
      n += p.leads().size();
      after = p.next().orElse(null);
    } while (after != null);
    return n;
  }

  @Override
  public boolean fullyPushedDown(Predicate predicate) {
    check(predicate, Instant.EPOCH);
    return SegmentSql.translate(predicate, tables, Instant.EPOCH).exact();
  }

  private static void check(Predicate predicate, Instant now) {
    if (predicate == null || now == null) {
      throw new InvalidValueException("predicate and now must not be null");
    }
  }

  private List<LeadId> candidates(SegmentSql.Translation tr, @Nullable LeadId after,
      int limit) {
    String sql = "SELECT l.id FROM " + tables.leads() + " l WHERE "
        + (after == null ? "" : "l.id > ? AND ") + "(" + tr.where() + ") ORDER BY l.id LIMIT ?";
    return db.read("selecting leads matching a predicate", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (after != null) {
          ps.setString(i++, after.value());
        }
        i = tr.bind(db, ps, i);
        ps.setInt(i, limit);
        List<LeadId> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(LeadId.of(rs.getString(1)));
          }
        }
        return out;
      }
    });
  }

  private List<LeadId> recheck(CompiledPredicate compiled, List<LeadId> candidates,
      Instant now) {
    Map<LeadId, Lead> found = leads.findAllById(candidates);
    boolean readsLists = !compiled.dependencies().lists().isEmpty();
    boolean readsSegments = !compiled.dependencies().segments().isEmpty();
    List<LeadId> out = new ArrayList<>();
    for (LeadId id : candidates) {
      Lead lead = found.get(id);
      if (lead == null) {
        continue; // deleted since the candidate query
      }
      EvaluationInput in = EvaluationInput.of(lead, touchpoints, compiled, now);
      if (readsLists) {
        Set<ListId> of = lists.listsOf(id);
        in = in.withLists(of::contains);
      }
      if (readsSegments) {
        Set<SegmentId> of = segments.segmentsOf(id);
        in = in.withSegments(of::contains);
      }
      if (compiled.test(in)) {
        out.add(id);
      }
    }
    return out;
  }
}
