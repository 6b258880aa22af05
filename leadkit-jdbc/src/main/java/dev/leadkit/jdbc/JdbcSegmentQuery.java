package dev.leadkit.jdbc;

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

  @Override
  public Page matching(Predicate predicate, Instant now, @Nullable LeadId after, int limit) {
    check(predicate, now);
    if (limit <= 0) {
      throw new InvalidValueException("page limit must be positive: " + limit);
    }
    SegmentSql.Translation tr = SegmentSql.translate(predicate, tables, now);
    List<LeadId> candidates = candidates(tr, after, limit);
    Optional<LeadId> next = candidates.size() == limit
        ? Optional.of(candidates.get(candidates.size() - 1)) : Optional.empty();
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
