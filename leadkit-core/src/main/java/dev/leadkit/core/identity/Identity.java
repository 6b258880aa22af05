package dev.leadkit.core.identity;

import java.util.HashMap;
import dev.leadkit.core.touch.TouchpointType;
import dev.leadkit.core.StatePart;
import dev.leadkit.core.LeadState;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.leadkit.core.internal.Args;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadkit.core.ConcurrentUpdateException;
import dev.leadkit.core.Hooks;
import dev.leadkit.core.InvalidValueException;
import dev.leadkit.core.LeadInput;
import dev.leadkit.core.LeadKit;
import dev.leadkit.core.LeadKitPlugin;
import dev.leadkit.core.LeadkitException;
import dev.leadkit.core.UnknownLeadException;
import dev.leadkit.core.event.LeadCreated;
import dev.leadkit.core.event.LeadUpdated;
import dev.leadkit.core.event.LeadkitEvent;
import dev.leadkit.core.event.Subscription;
import dev.leadkit.core.identity.MergeConflictException.Conflict;
import dev.leadkit.core.imports.CsvImportSpec;
import dev.leadkit.core.imports.ImportReport;
import dev.leadkit.core.json.IdentityJson;
import dev.leadkit.core.json.LeadkitJson;
import dev.leadkit.core.mail.HandOverVerdict;
import dev.leadkit.core.port.NotSentReason;
import dev.leadkit.core.lead.AttributeKey;
import dev.leadkit.core.lead.AttributeValue;
import dev.leadkit.core.lead.Attributes;
import dev.leadkit.core.lead.Channel;
import dev.leadkit.core.lead.ConsentRecord;
import dev.leadkit.core.lead.ConsentStatus;
import dev.leadkit.core.lead.EmailAddress;
import dev.leadkit.core.lead.Lead;
import dev.leadkit.core.lead.LeadId;
import dev.leadkit.core.lead.OwnerId;
import dev.leadkit.core.lead.StageChange;
import dev.leadkit.core.memory.InMemory;
import dev.leadkit.core.port.IdentityLinks;
import dev.leadkit.core.port.LeadAlias;
import dev.leadkit.core.port.MergeId;
import dev.leadkit.core.port.MergeLog;
import dev.leadkit.core.port.MergeRecord;
import dev.leadkit.core.port.OutboxEntry;
import dev.leadkit.core.port.Stores;
import dev.leadkit.core.port.SuppressionList;
import dev.leadkit.core.port.TouchpointQuery;
import dev.leadkit.core.port.VisitorLink;
import dev.leadkit.core.touch.PropertyKey;
import dev.leadkit.core.touch.Touchpoint;
import dev.leadkit.core.touch.TouchpointId;
import dev.leadkit.core.touch.VisitorId;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity plugin ("nayose"): who is who.
 *
 * <pre>{@code
 * Identity identity = Identity.custom()
 *     .keyRing(LinkKeyRing.of(LinkKey.of("k1", secretFromVault)))
 *     .suppressionPepper(pepperFromVault)
 *     .build();
 * LeadKit kit = LeadKit.builder().clock(clock).install(identity).build();
 * }</pre>
 *
 * <h2>Stitching</h2>
 *
 * Before a visitor is known its touchpoints carry only its {@link VisitorId}. It becomes a known
 * lead when a touchpoint it sends carries {@link PropertyKey#EMAIL} (a form), or
 * {@link PropertyKey#LINK_TOKEN} (a tagged-link click), or names a lead too, or when the host
 * calls {@link #identify}, {@link #identifyByEmail} or {@link #identifyByToken}. From then on
 * the visitor's earlier and later touchpoints belong to the lead. A lead may have many visitors;
 * a visitor that turns out to be someone else is never re-pointed silently: the evidence
 * touchpoint goes to the lead it names, an {@link IdentityConflict} is published, and the host
 * decides with {@link #reassign} or {@link #unlink}. The {@code email} and {@code link_token}
 * properties are removed before a touchpoint is stored; a refused token stitches nothing and
 * leaves {@code link_token_rejected} with the reason on the touchpoint.
 *
 * <h2>Merge</h2>
 *
 * {@link #merge} keeps a survivor, moves every touchpoint and visitor of the merged lead to it,
 * applies the {@link MergePolicy}, records a {@link MergeRecord} with before-images and leaves an
 * alias so that the merged id and address resolve to the survivor. {@link #undo} restores the
 * exact prior state, keeping later changes where their owner is unambiguous. Two leads with
 * different known addresses are merged only by a forced request. Addresses in a placeholder
 * domain (default: any {@code .invalid} domain) are not known addresses.
 *
 * <h2>Privacy</h2>
 *
 * {@link #erase} removes a lead's personal data from every port and keeps a peppered one-way
 * hash of its addresses: a lead later created with such an address is unsubscribed at once, and
 * forms and {@link #identifyByEmail} refuse it. {@link #export} returns all data held about a
 * lead as JSON.
 *
 * <h2>Consistency</h2>
 *
 * Merge, undo and erase are serialised within one {@code Identity} instance. They write several
 * ports one after another, not in one transaction; the merge record is written first, so an
 * interrupted merge can be inspected and finished or undone. Stitching is safe under
 * concurrency: linking is an insert-if-absent.
 *
 * <h2>Thread safety</h2>
 *
 * Thread-safe: one instance serves every thread of its engine. The writes of stitching a new
 * visitor, reassigning, unlinking, merging, undoing and erasing hold one lock of the instance;
 * lookups take no lock. The lock is per instance: identity changes made by engines on other
 * nodes are not serialised against it, and conflicting lead writes are caught there by the lead
 * store's compare-and-set instead. Listeners added with {@link #addListener} are kept in a
 * copy-on-write list and run on the calling thread; those of a reassignment, merge, undo or
 * erasure run while the lock is still held, so a listener must not wait for another thread
 * that uses this {@code Identity}.
 */
public final class Identity implements LeadKitPlugin {
  /** Set on a touchpoint addressed to a merged lead id: the id it was addressed to. */
  public static final PropertyKey MERGED_FROM = PropertyKey.of("merged_from");
  /**
   * Set on a touchpoint whose link token was refused: an {@link InvalidTokenException.Reason}
   * name, {@code UNKNOWN_LEAD} (authentic, but the lead no longer exists) or {@code NO_KEY_RING}
   * (the plugin has no keys).
   */
  public static final PropertyKey TOKEN_REJECTED = PropertyKey.of("link_token_rejected");

  private static final Logger LOG = LoggerFactory.getLogger(Identity.class);
  private static final int MAX_ALIAS_HOPS = 64;
  private static final byte[] DEFAULT_PEPPER =
      "leadkit-default-suppression-pepper-change-me".getBytes(StandardCharsets.UTF_8);

  // from the builder, else from the engine's stores when installed
  private volatile IdentityLinks links;
  private volatile MergeLog mergeLog;
  private volatile SuppressionList suppressions;
  private final boolean linksGiven;
  private final boolean mergeLogGiven;
  private final boolean suppressionsGiven;
  private final MergePolicy policy;
  private final @Nullable LinkKeyRing ring;
  private final byte[] pepper;
  private final Set<String> placeholderDomains;
  private final Map<TouchpointType, TouchpointConsent> touchpointConsent;
  /** The bounce kind of an {@code email_bounced} touchpoint: {@code hard} (default) or {@code soft}. */
  static final PropertyKey BOUNCE = PropertyKey.of("bounce");
  private final CopyOnWriteArrayList<IdentityListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong rejectedTokens = new AtomicLong();
  private final Object writeLock = new Object();
  private volatile @Nullable LeadKit kit;
  private volatile @Nullable LinkTokens tokens;

  private Identity(Builder b) {
    // until installed, ports the builder left out are in-memory placeholders; install replaces
    // them with the engine's stores' ports
    this.links = b.links == null ? InMemory.identityLinks() : b.links;
    this.mergeLog = b.mergeLog == null ? InMemory.mergeLog() : b.mergeLog;
    this.suppressions = b.suppressions == null ? InMemory.suppressionList() : b.suppressions;
    this.linksGiven = b.links != null;
    this.mergeLogGiven = b.mergeLog != null;
    this.suppressionsGiven = b.suppressions != null;
    this.policy = b.policy == null ? MergePolicy.ofDefaults() : b.policy;
    this.ring = b.ring;
    if (b.pepper == null) {
      LOG.warn("identity: no suppression pepper configured; erased addresses are hashed with a"
          + " public default pepper. Configure Identity.custom().suppressionPepper(...)");
    }
    this.pepper = b.pepper == null ? DEFAULT_PEPPER : b.pepper;
    this.placeholderDomains = Set.copyOf(b.placeholderDomains);
    this.touchpointConsent = Map.copyOf(b.touchpointConsent);
  }

  /** An identity plugin on in-memory ports, without tagged links. */
  public static Identity ofDefaults() {
    return custom().build();
  }

  /** Starts building an identity plugin. */
  public static Builder custom() {
    return new Builder();
  }

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public void install(LeadKit engine, Hooks hooks) {
    Args.notNull(engine, "engine");
    Args.notNull(hooks, "hooks");
    if (kit != null) {
      throw new LeadkitException("the identity plugin is installed in another engine already");
    }
    Stores stores = engine.stores();
    if (!linksGiven) {
      links = stores.portFor(name(), IdentityLinks.class, InMemory::identityLinks);
    }
    if (!mergeLogGiven) {
      mergeLog = stores.portFor(name(), MergeLog.class, InMemory::mergeLog);
    }
    if (!suppressionsGiven) {
      suppressions = stores.portFor(name(), SuppressionList.class, InMemory::suppressionList);
    }
    kit = engine;
    if (ring != null) {
      tokens = LinkTokens.of(ring, engine.clock());
    }
    hooks.resolveTouchpoints(this::resolve);
    hooks.onTouchpoint(Hooks.Phase.IDENTITY, this::attributeLate);
    hooks.decide(Hooks.Phase.IDENTITY, this::decide);
    // an address suppressed after a message was decided gets nothing at hand-over either
    hooks.onHandOver((message, lead, now) -> suppressions.isSuppressed(hash(lead.email()))
        ? HandOverVerdict.cancel(NotSentReason.SUPPRESSED, "address is suppressed")
        : HandOverVerdict.proceed());
  }

  private LeadKit kit() {
    LeadKit k = kit;
    if (k == null) {
      throw new LeadkitException("the identity plugin is not installed in an engine");
    }
    return k;
  }

  private Instant now() {
    return kit().clock().instant();
  }

  // ------------------------------------------------------------------ parts and reads

  /** The token issuer and verifier; requires a key ring. */
  public LinkTokens tokens() {
    LinkTokens t = tokens;
    if (t == null) {
      throw new LeadkitException(ring == null
          ? "no link key ring configured: Identity.custom().keyRing(...)"
          : "the identity plugin is not installed in an engine");
    }
    return t;
  }

  /** A tagger for links to {@code trackedDomains}, signing with {@link #tokens()}. */
  public LinkTagger.Builder tagger(String... trackedDomains) {
    Args.notNull(trackedDomains, "trackedDomains");
    return LinkTagger.custom(tokens()).clock(kit().clock()).trackedDomains(trackedDomains);
  }

  /** The identity links port. */
  public IdentityLinks links() {
    return links;
  }

  /** The merge log port. */
  public MergeLog mergeLog() {
    return mergeLog;
  }

  /** The suppression list port. */
  public SuppressionList suppressionList() {
    return suppressions;
  }

  /** The default survivorship policy. */
  public MergePolicy policy() {
    return policy;
  }

  /** How many link tokens on tracked touchpoints were refused. */
  public long rejectedTokens() {
    return rejectedTokens.get();
  }

  /**
   * Registers a listener for identity changes (see {@link IdentityListener}); returns the
   * subscription that removes it.
   */
  public Subscription addListener(IdentityListener listener) {
    Args.notNull(listener, "listener");
    if (listener == null) {
      throw new InvalidValueException("identity listener must not be null");
    }
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Registers {@code listener} for {@link VisitorStitched} on the engine's event bus. */
  public Subscription onVisitorStitched(Consumer<? super VisitorStitched> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(VisitorStitched.class, listener);
  }

  /** Registers {@code listener} for {@link IdentityConflict} on the engine's event bus. */
  public Subscription onIdentityConflict(Consumer<? super IdentityConflict> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(IdentityConflict.class, listener);
  }

  /** Registers {@code listener} for {@link LeadsMerged} on the engine's event bus. */
  public Subscription onLeadsMerged(Consumer<? super LeadsMerged> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(LeadsMerged.class, listener);
  }

  /** Registers {@code listener} for {@link MergeUndone} on the engine's event bus. */
  public Subscription onMergeUndone(Consumer<? super MergeUndone> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(MergeUndone.class, listener);
  }

  /** Registers {@code listener} for {@link LeadErased} on the engine's event bus. */
  public Subscription onLeadErased(Consumer<? super LeadErased> listener) {
    Args.notNull(listener, "listener");
    return kit().events().on(LeadErased.class, listener);
  }

  /** The id that {@code id} stands for now: itself, or the survivor it was merged into. */
  public LeadId resolve(LeadId id) {
    Args.notNull(id, "id");
    LeadId cur = id;
    for (int i = 0; i < MAX_ALIAS_HOPS; i++) {
      Optional<LeadAlias> a = links.findAlias(cur);
      if (a.isEmpty()) {
        return cur;
      }
      cur = a.get().survivor();
    }
    throw new LeadkitException("alias chain from " + id + " is longer than " + MAX_ALIAS_HOPS);
  }

  /** The lead {@code id} stands for, following merges. */
  public Optional<Lead> lead(LeadId id) {
    Args.notNull(id, "id");
    return kit().leadStore().findById(resolve(id));
  }

  /** The lead with {@code email}, or the survivor of the lead that had it. Malformed throws. */
  public Optional<Lead> leadByEmail(String email) {
    Args.email(email, "email");
    return leadByEmail(EmailAddress.parse(email));
  }

  private Optional<Lead> leadByEmail(EmailAddress email) {
    Optional<Lead> direct = kit().leadStore().findByEmail(email);
    if (direct.isPresent()) {
      return direct;
    }
    return links.findAliasByEmail(email).flatMap(a -> lead(a.survivor()));
  }

  /** The lead {@code visitor} is linked to, following merges. */
  public Optional<LeadId> leadOf(VisitorId visitor) {
    Args.notNull(visitor, "visitor");
    return links.findVisitor(visitor).map(l -> resolve(l.lead()));
  }

  /** Every visitor linked to the lead {@code id} stands for. */
  public List<VisitorLink> visitorsOf(LeadId id) {
    Args.notNull(id, "id");
    return links.visitorsOf(resolve(id));
  }

  /** True if {@code address} is known: not in a placeholder domain. */
  public boolean isKnownAddress(EmailAddress address) {
    Args.notNull(address, "address");
    String d = address.domain();
    if (d.equals("invalid") || d.endsWith(".invalid")) {
      return false;
    }
    for (String p : placeholderDomains) {
      if (d.equals(p) || d.endsWith("." + p)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ stitching

  /** The host asserts that {@code visitor} is {@code lead} (e.g. on login). */
  public StitchResult identify(VisitorId visitor, LeadId lead) {
    Args.notNull(visitor, "visitor");
    Args.notNull(lead, "lead");
    LeadId target = resolve(lead);
    kit().require(target);
    return stitchOrThrow(visitor, target, StitchMethod.HOST_ASSERTION);
  }

  /**
   * {@code visitor} gave {@code email} (a form the host handles itself). The lead is created if
   * there is none. A suppressed address throws {@link SuppressedAddressException}.
   */
  public StitchResult identifyByEmail(VisitorId visitor, String email) {
    Args.notNull(visitor, "visitor");
    Args.email(email, "email");
    EmailAddress address = EmailAddress.parse(email);
    if (isSuppressed(address)) {
      throw new SuppressedAddressException();
    }
    LeadId lead = leadForEmail(address, now());
    return stitchOrThrow(visitor, lead, StitchMethod.FORM_EMAIL);
  }

  /**
   * {@code visitor} arrived with a tagged-link token. A refused token throws
   * {@link InvalidTokenException} and stitches nothing.
   */
  public StitchResult identifyByToken(VisitorId visitor, String token) {
    Args.notNull(visitor, "visitor");
    Args.notNull(token, "token");
    VerifiedToken t = tokens().verify(token);
    LeadId target = resolve(t.lead());
    kit().require(target);
    return stitchOrThrow(visitor, target, StitchMethod.TAGGED_LINK);
  }

  private StitchResult stitchOrThrow(VisitorId visitor, LeadId lead, StitchMethod how) {
    Stitch st = stitch(visitor, lead, how);
    if (st.prior().isEmpty()) {
      return new StitchResult(visitor, lead, how, st.attributed(), true);
    }
    LeadId linked = resolve(st.prior().get().lead());
    if (!linked.equals(lead)) {
      throw new VisitorAlreadyLinkedException(visitor, linked, lead);
    }
    return new StitchResult(visitor, lead, how, List.of(), false);
  }

  /** The outcome of one link attempt: the prior link (nothing written), or what was attributed. */
  private record Stitch(Optional<VisitorLink> prior, List<TouchpointId> attributed) {}

  /**
   * Links if the visitor is unlinked; returns the prior link otherwise (nothing written). A new
   * link is made under the write lock, so that a merge or erase of this instance cannot move or
   * delete the lead between linking and attributing.
   */
  private Stitch stitch(VisitorId visitor, LeadId lead, StitchMethod how) {
    Optional<VisitorLink> existing = links.findVisitor(visitor);
    if (existing.isPresent()) {
      return new Stitch(existing, List.of());
    }
    VisitorStitched event;
    synchronized (writeLock) {
      LeadId target = resolve(lead);
      Instant now = now();
      Optional<VisitorLink> prior = links.linkIfAbsent(new VisitorLink(visitor, target,
          how.code(), now));
      if (prior.isPresent()) {
        return new Stitch(prior, List.of());
      }
      List<TouchpointId> anonymous = kit().touchpointLog().findByVisitor(visitor).stream()
          .filter(t -> t.lead().isEmpty()).map(Touchpoint::id).toList();
      kit().touchpointLog().attributeVisitor(visitor, target);
      event = new VisitorStitched(visitor, target, how, anonymous, now);
      LOG.debug("stitched visitor {} to lead {} by {} ({} touchpoints)", visitor, target, how,
          anonymous.size());
    }
    announce(event, l -> l.visitorStitched(event));
    return new Stitch(Optional.empty(), event.attributed());
  }

  /**
   * {@code visitor} proved to be {@code to}: moves its link, and its touchpoints at or after
   * {@code since} that belong to its current lead, to {@code to}.
   */
  public VisitorReassigned reassign(VisitorId visitor, LeadId to, Instant since, String reason) {
    Args.notNull(visitor, "visitor");
    Args.notNull(to, "to");
    Args.notNull(since, "since");
    Args.notNull(reason, "reason");
    LeadId target = resolve(to);
    kit().require(target);
    return move(visitor, Optional.of(target), since, reason);
  }

  /**
   * {@code visitor} is not who it was thought to be: removes its link, and detaches its
   * touchpoints at or after {@code since} from its lead (they become anonymous again).
   */
  public VisitorReassigned unlink(VisitorId visitor, Instant since, String reason) {
    Args.notNull(visitor, "visitor");
    Args.notNull(since, "since");
    Args.notNull(reason, "reason");
    return move(visitor, Optional.empty(), since, reason);
  }

  private VisitorReassigned move(VisitorId visitor, Optional<LeadId> to, Instant since,
      String reason) {
    if (since == null || reason == null || reason.isBlank()) {
      throw new InvalidValueException("reassigning visitor " + visitor
          + " needs a start time and a reason");
    }
    synchronized (writeLock) {
      VisitorLink link = links.findVisitor(visitor).orElseThrow(() ->
          new InvalidValueException("visitor " + visitor + " is not linked to any lead"));
      LeadId from = resolve(link.lead());
      if (to.isPresent() && to.get().equals(from)) {
        throw new InvalidValueException("visitor " + visitor + " is linked to " + from
            + " already");
      }
      List<TouchpointId> moved = kit().touchpointLog().findByVisitor(visitor).stream()
          .filter(t -> t.lead().equals(Optional.of(from)) && !t.at().isBefore(since))
          .map(Touchpoint::id).toList();
      kit().touchpointLog().reassign(moved, to);
      if (to.isPresent()) {
        links.relink(List.of(visitor), to.get());
      } else {
        links.unlink(visitor);
      }
      VisitorReassigned event = new VisitorReassigned(visitor, from, to, moved, reason, now());
      announce(event, l -> l.visitorReassigned(event));
      return event;
    }
  }

  private Touchpoint resolve(Touchpoint t) {
    Map<PropertyKey, String> props = new TreeMap<>(t.properties());
    Optional<LeadId> explicit = t.lead();
    if (explicit.isPresent()) {
      LeadId r = resolve(explicit.get());
      if (!r.equals(explicit.get())) {
        if (props.size() < Touchpoint.MAX_PROPERTIES) {
          props.putIfAbsent(MERGED_FROM, explicit.get().value());
        }
        explicit = Optional.of(r);
      }
    }
    Optional<LeadId> claimed = Optional.empty();
    StitchMethod how = StitchMethod.HOST_ASSERTION;
    String token = props.remove(PropertyKey.LINK_TOKEN);
    if (token != null) {
      try {
        VerifiedToken v = tokens().verify(token);
        LeadId target = resolve(v.lead());
        if (kit().leadStore().findById(target).isPresent()) {
          claimed = Optional.of(target);
          how = StitchMethod.TAGGED_LINK;
          v.message().ifPresent(m -> props.putIfAbsent(PropertyKey.MESSAGE_KEY, m.value()));
        } else {
          props.put(TOKEN_REJECTED, "UNKNOWN_LEAD");
          rejectedTokens.incrementAndGet();
        }
      } catch (InvalidTokenException e) {
        rejectedTokens.incrementAndGet();
        props.put(TOKEN_REJECTED, e.reason().name());
        LOG.warn("touchpoint {}: {}", t.id(), e.getMessage());
      } catch (LeadkitException e) {
        rejectedTokens.incrementAndGet();
        props.put(TOKEN_REJECTED, "NO_KEY_RING");
        LOG.warn("touchpoint {} carries a link token but {}", t.id(), e.getMessage());
      }
    }
    String email = props.remove(PropertyKey.EMAIL);
    if (email != null) {
      EmailAddress address = EmailAddress.parse(email);
      if (explicit.isPresent()) {
        // the host named the lead itself; the address creates nothing
        LOG.debug("touchpoint {} names lead {}; its e-mail property is dropped", t.id(),
            explicit.get());
      } else if (isSuppressed(address)) {
        LOG.info("touchpoint {} carries a suppressed address; it stays anonymous", t.id());
      } else {
        claimed = Optional.of(leadForEmail(address, t.at()));
        how = StitchMethod.FORM_EMAIL;
      }
    }
    Optional<LeadId> lead = explicit.isPresent() ? explicit : claimed;
    if (t.visitor().isPresent()) {
      VisitorId v = t.visitor().get();
      if (lead.isPresent()) {
        StitchMethod method = explicit.isPresent() ? StitchMethod.HOST_ASSERTION : how;
        Optional<VisitorLink> prior = stitch(v, lead.get(), method).prior();
        if (prior.isPresent()) {
          LeadId linked = resolve(prior.get().lead());
          if (!linked.equals(lead.get())) {
            IdentityConflict c = new IdentityConflict(v, linked, lead.get(), method, t.id(),
                now());
            LOG.info("visitor {} is linked to {} but touchpoint {} names {}", v, linked, t.id(),
                lead.get());
            kit().events().publish(c);
          }
        }
      } else {
        lead = links.findVisitor(v).map(l -> resolve(l.lead()));
      }
    }
    return new Touchpoint(t.id(), lead, t.visitor(), t.type(), t.at(), t.channel(), props);
  }

  /**
   * A batch may hold a visitor's anonymous touchpoint before the one that identifies it: the
   * anonymous one was resolved before the link existed and stored without lead. Attribute it now
   * and say so with another {@link VisitorStitched}.
   */
  private void attributeLate(Touchpoint t) {
    if (t.lead().isPresent() || t.visitor().isEmpty()) {
      return;
    }
    VisitorId v = t.visitor().get();
    Optional<VisitorLink> link = links.findVisitor(v);
    if (link.isEmpty()) {
      return;
    }
    LeadId lead = resolve(link.get().lead());
    List<TouchpointId> anonymous = kit().touchpointLog().findByVisitor(v).stream()
        .filter(x -> x.lead().isEmpty()).map(Touchpoint::id).toList();
    if (kit().touchpointLog().attributeVisitor(v, lead) > 0) {
      StitchMethod how = java.util.Arrays.stream(StitchMethod.values())
          .filter(m -> m.code().equals(link.get().method())).findFirst()
          .orElse(StitchMethod.HOST_ASSERTION);
      VisitorStitched event = new VisitorStitched(v, lead, how, anonymous, now());
      announce(event, l -> l.visitorStitched(event));
    }
  }

  private LeadId leadForEmail(EmailAddress address, Instant firstContact) {
    Optional<Lead> existing = leadByEmail(address);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    return kit().upsertLead(LeadInput.email(address)
        .attributeIfMissing(AttributeKey.SOURCE, AttributeValue.text("web-form"))
        .attributeIfMissing(AttributeKey.FIRST_CONTACT_AT, AttributeValue.instant(firstContact))
        .build()).lead().id();
  }

  // ------------------------------------------------------------------ merge

  /**
   * Merges {@code request.merged()} into {@code request.survivor()} and returns the record.
   * Throws {@link MergeGuardException} for two different known addresses unless forced,
   * {@link UnknownLeadException} for a missing lead; both change nothing.
   */
  public MergeRecord merge(MergeRequest request) {
    Args.notNull(request, "request");
    return merge(request, false);
  }

  private MergeRecord merge(MergeRequest request, boolean automatic) {
    LeadKit k = kit();
    synchronized (writeLock) {
      // one unit of work: both leads, the log, links and touchpoints commit together
      return k.inTransaction(() -> {
        LeadId sid = resolve(request.survivor());
        LeadId mid = resolve(request.merged());
        if (sid.equals(mid)) {
          throw new InvalidValueException("leads " + request.survivor() + " and "
              + request.merged() + " are one lead already (" + sid + ")");
        }
        Lead s0 = k.require(sid);
        Lead m = k.require(mid);
        boolean bothKnown = isKnownAddress(s0.email()) && isKnownAddress(m.email());
        if (bothKnown && !request.force()) {
          throw new MergeGuardException(sid, s0.email(), mid, m.email());
        }
        boolean takeEmail = !isKnownAddress(s0.email()) && isKnownAddress(m.email());
        MergePolicy p = request.policy().orElse(policy);
        Instant now = now();
        MergeId id = MergeId.random();
        List<TouchpointId> sTps = ids(k.touchpointLog().findByLead(sid, TouchpointQuery.all()));
        List<TouchpointId> mTps = ids(k.touchpointLog().findByLead(mid, TouchpointQuery.all()));
        List<VisitorId> mVisitors = links.visitorsOf(mid).stream().map(VisitorLink::visitor)
            .toList();
        AtomicReference<Lead> before = new AtomicReference<>();
        AtomicReference<List<MergeRecord.Decision>> decisions = new AtomicReference<>();
        UnaryOperator<Lead> change = cur -> {
          MergeRules.Outcome o = MergeRules.merge(cur, m, p, now, id.value());
          before.set(cur);
          List<MergeRecord.Decision> d = new ArrayList<>(o.decisions());
          Lead merged = o.merged();
          if (takeEmail) {
            merged = merged.withEmail(m.email(), now);
            d.add(new MergeRecord.Decision("email", "known_over_placeholder", "merged"));
          }
          decisions.set(d);
          return merged;
        };
        if (takeEmail) {
          k.leadStore().delete(mid); // frees the address for the survivor
        }
        Lead result;
        try {
          result = storeExact(sid, change);
        } catch (RuntimeException e) {
          if (takeEmail) {
            k.leadStore().save(m.withVersion(0));
          }
          throw e;
        }
        Lead survivorBefore = before.get();
        List<MergeRecord.Decision> decided = decisions.get();
        if (survivorBefore == null || decided == null) {
          // storeExact returns only after running the change at least once
          throw new IllegalStateException("the merge change did not run for " + id);
        }
        MergeRecord rec = new MergeRecord(id, sid, mid, survivorBefore, m, result,
            new TreeSet<>(sTps), new TreeSet<>(mTps), new TreeSet<>(mVisitors), decided,
            request.force() && bothKnown, automatic, request.actor(), request.reason(), now,
            Optional.empty());
        mergeLog.append(rec);
        links.putAlias(new LeadAlias(mid, m.email(), sid, id.value()));
        k.touchpointLog().reassign(mTps, Optional.of(sid));
        links.relink(mVisitors, sid);
        if (!takeEmail) {
          k.leadStore().delete(mid);
        }
        // a touchpoint tracked for the merged id by another thread during the merge
        List<TouchpointId> late = ids(k.touchpointLog().findByLead(mid, TouchpointQuery.all()));
        if (!late.isEmpty()) {
          LOG.warn("merge {}: {} touchpoints arrived for {} during the merge; moved to {}", id,
              late.size(), mid, sid);
          k.touchpointLog().reassign(late, Optional.of(sid));
        }
        LOG.info("merged lead {} into {} ({}{}) by {}: {}", mid, sid, id,
            rec.forced() ? ", forced" : "", request.actor(), request.reason());
        LeadsMerged event = new LeadsMerged(rec, now);
        announce(event, l -> l.leadsMerged(event));
        return rec;
      });
    }
  }

  private static List<TouchpointId> ids(List<Touchpoint> tps) {
    return tps.stream().map(Touchpoint::id).toList();
  }

  /**
   * Applies {@code change} through the engine (events, plugins' lead handlers), then makes sure
   * the stored times equal the changed lead's too (the engine ignores times when comparing).
   */
  private Lead storeExact(LeadId id, UnaryOperator<Lead> change) {
    LeadKit k = kit();
    AtomicReference<Lead> wanted = new AtomicReference<>();
    k.modify(id, cur -> {
      Lead w = change.apply(cur);
      wanted.set(w);
      return w;
    });
    Lead stored = k.require(id);
    Lead w = wanted.get();
    if (w != null && stored.sameContent(w) && (!stored.createdAt().equals(w.createdAt())
        || !stored.updatedAt().equals(w.updatedAt()))) {
      try {
        stored = k.leadStore().save(w.withVersion(stored.version()));
      } catch (ConcurrentUpdateException e) {
        LOG.warn("lead {} changed while its times were restored; keeping the newer copy", id, e);
        stored = k.require(id);
      }
    }
    return stored;
  }

  /** The merge record {@code id}. */
  public Optional<MergeRecord> mergeRecord(MergeId id) {
    Args.notNull(id, "id");
    return mergeLog.find(id);
  }

  /** The merges {@code lead} took part in, oldest first. */
  public List<MergeRecord> mergeHistory(LeadId lead) {
    Args.notNull(lead, "lead");
    return mergeLog.findByLead(lead);
  }

  /**
   * Undoes a merge: the merged lead exists again exactly as it was, with its touchpoints and
   * visitors; the survivor is as it was before the merge. Changes made since the merge are kept:
   * touchpoints addressed to the merged id or sent by its visitors go back to it; a change to a
   * survivor field whose merged value was the survivor's own stays on the survivor; a consent
   * change that restricts contact is applied to both leads, so an unsubscribe is never lost.
   * Any other later change is ambiguous and the undo is refused with
   * {@link MergeConflictException} naming it, changing nothing.
   */
  public MergeUndone undo(MergeId id, String actor, String reason) {
    Args.notNull(id, "id");
    Args.notNull(actor, "actor");
    Args.notNull(reason, "reason");
    if (actor == null || actor.isBlank() || reason == null) {
      throw new InvalidValueException("undo needs an actor and a reason");
    }
    LeadKit k = kit();
    synchronized (writeLock) {
      // one unit of work: both leads, the log, links and touchpoints commit together
      return k.inTransaction(() -> {
        MergeRecord rec = mergeLog.find(id).orElseThrow(() -> new UnknownMergeException(id));
        List<Conflict> conflicts = new ArrayList<>();
        if (rec.isUndone()) {
          MergeRecord.Undo u = rec.undo().orElseThrow();
          throw new MergeConflictException(id, List.of(new Conflict("merge",
              "undone already by " + u.actor() + " at " + u.at())));
        }
        Optional<Lead> current = k.leadStore().findById(rec.survivor());
        if (current.isEmpty()) {
          Optional<LeadAlias> later = links.findAlias(rec.survivor());
          conflicts.add(new Conflict("lead", later.map(a -> "survivor " + rec.survivor()
              + " was merged into " + a.survivor() + " by merge " + a.mergeId()
              + "; undo that merge first").orElse("survivor " + rec.survivor()
              + " no longer exists")));
          throw new MergeConflictException(id, conflicts);
        }
        if (k.leadStore().findById(rec.merged()).isPresent()) {
          conflicts.add(new Conflict("lead", "a lead with id " + rec.merged() + " exists again"));
        }
        Optional<Lead> holder = k.leadStore().findByEmail(rec.mergedBefore().email());
        if (holder.isPresent() && !holder.get().id().equals(rec.survivor())) {
          conflicts.add(new Conflict("email", "address " + rec.mergedBefore().email()
              + " now belongs to lead " + holder.get().id()));
        }
        Restore plan = restore(rec, current.get(), conflicts);
        if (!conflicts.isEmpty()) {
          throw new MergeConflictException(id, conflicts);
        }
        Instant now = now();
        Lead survivor = storeExact(rec.survivor(), cur -> {
          List<Conflict> again = new ArrayList<>();
          Lead r = restore(rec, cur, again).survivor();
          if (!again.isEmpty()) {
            throw new MergeConflictException(id, again);
          }
          return r.withVersion(cur.version());
        });
        Lead restored = k.leadStore().save(plan.merged().withVersion(0));
        List<TouchpointId> back = new ArrayList<>();
        for (Touchpoint t : k.touchpointLog().findByLead(rec.survivor(), TouchpointQuery.all())) {
          boolean wasMerged = rec.mergedTouchpoints().contains(t.id());
          boolean laterForMerged = !rec.survivorTouchpoints().contains(t.id())
              && (t.visitor().map(rec.mergedVisitors()::contains).orElse(false)
              || t.property(MERGED_FROM).map(f -> addressedTo(LeadId.of(f), rec.merged()))
              .orElse(false));
          if (wasMerged || laterForMerged) {
            back.add(t.id());
          }
        }
        k.touchpointLog().reassign(back, Optional.of(rec.merged()));
        List<VisitorId> visitorsBack = links.findVisitors(rec.mergedVisitors()).values().stream()
            .filter(l -> l.lead().equals(rec.survivor())).map(VisitorLink::visitor).toList();
        links.relink(visitorsBack, rec.merged());
        links.removeAlias(rec.merged());
        MergeRecord.Undo undo = new MergeRecord.Undo(actor, reason, now);
        mergeLog.markUndone(id, undo);
        LOG.info("undid merge {} ({} <- {}) by {}: {}", id, rec.survivor(), rec.merged(), actor,
            reason);
        MergeUndone event = new MergeUndone(rec.withUndo(undo), survivor, restored, now);
        announce(event, l -> l.mergeUndone(event));
        return event;
      });
    }
  }

  /** True if {@code addressed} is {@code merged} or reached it through aliases. */
  private boolean addressedTo(LeadId addressed, LeadId merged) {
    LeadId cur = addressed;
    for (int i = 0; i < MAX_ALIAS_HOPS; i++) {
      if (cur.equals(merged)) {
        return true;
      }
      Optional<LeadAlias> a = links.findAlias(cur);
      if (a.isEmpty()) {
        return false;
      }
      cur = a.get().survivor();
    }
    return false;
  }

  private record Restore(Lead survivor, Lead merged) {}

  /**
   * The survivor and merged lead as an undo would store them, given the survivor as it is now;
   * adds every ambiguous later change to {@code conflicts}.
   */
  private static Restore restore(MergeRecord rec, Lead cur, List<Conflict> conflicts) {
    Lead base = rec.survivorBefore();
    Lead img = rec.result();
    Lead mergedBase = rec.mergedBefore();
    boolean changed = false;
    String other = "merged lead " + rec.merged();

    Attributes attrs = base.attributes();
    TreeSet<AttributeKey> keys = new TreeSet<>(img.attributes().asMap().keySet());
    keys.addAll(cur.attributes().asMap().keySet());
    for (AttributeKey key : keys) {
      Optional<AttributeValue> was = img.attributes().get(key);
      Optional<AttributeValue> now = cur.attributes().get(key);
      if (was.equals(now)) {
        continue;
      }
      changed = true;
      if (base.attributes().get(key).equals(was)) {
        attrs = now.isPresent() ? attrs.with(key, now.get()) : attrs.without(key);
      } else {
        conflicts.add(new Conflict(key.name(), "changed after the merge from "
            + was.map(AttributeValue::asText).orElse("(none)") + " to "
            + now.map(AttributeValue::asText).orElse("(none)") + ", but the merged value came"
            + " from the " + other));
      }
    }

    var stage = base.stage();
    List<StageChange> history = new ArrayList<>(base.stageHistory());
    boolean historyExtends = cur.stageHistory().size() >= img.stageHistory().size()
        && cur.stageHistory().subList(0, img.stageHistory().size()).equals(img.stageHistory());
    if (cur.stage() != img.stage() || !cur.stageHistory().equals(img.stageHistory())) {
      changed = true;
      if (!historyExtends) {
        conflicts.add(new Conflict("stage", "the stage history was rewritten after the merge"));
      } else if (base.stage() != img.stage()) {
        conflicts.add(new Conflict("stage", "moved from " + img.stage() + " to " + cur.stage()
            + " after the merge, but stage " + img.stage() + " came from the " + other));
      } else {
        stage = cur.stage();
        history.addAll(cur.stageHistory().subList(img.stageHistory().size(),
            cur.stageHistory().size()));
      }
    }

    Map<Channel, ConsentRecord> consents = new LinkedHashMap<>(base.consents());
    Map<Channel, ConsentRecord> mergedConsents = new LinkedHashMap<>(mergedBase.consents());
    Set<Channel> channels = new LinkedHashSet<>(img.consents().keySet());
    channels.addAll(cur.consents().keySet());
    for (Channel ch : channels) {
      Optional<ConsentRecord> was = img.consent(ch);
      Optional<ConsentRecord> now = cur.consent(ch);
      if (was.equals(now)) {
        continue;
      }
      changed = true;
      ConsentRecord later = now.orElseThrow(); // consent records are replaced, never removed
      boolean restricts = was.isPresent()
          ? later.status().restrictiveness() > was.get().status().restrictiveness()
          : later.status() == ConsentStatus.UNSUBSCRIBED;
      if (restricts) {
        // never lose an unsubscribe: a later restriction applies to both leads
        restrictMore(base.consent(ch), later).ifPresent(c -> consents.put(ch, c));
        restrictMore(mergedBase.consent(ch), later).ifPresent(c -> mergedConsents.put(ch, c));
      } else if (base.consent(ch).equals(was)) {
        consents.put(ch, later);
      } else {
        conflicts.add(new Conflict("consent." + ch.name(), "changed after the merge from "
            + was.map(c -> c.status().name()).orElse("(none)") + " to " + later.status()
            + ", but the merged consent came from the " + other));
      }
    }

    Optional<OwnerId> owner = base.owner();
    if (!cur.owner().equals(img.owner())) {
      changed = true;
      if (base.owner().equals(img.owner())) {
        owner = cur.owner();
      } else {
        conflicts.add(new Conflict("owner", "changed after the merge from "
            + img.owner().map(OwnerId::value).orElse("(none)") + " to "
            + cur.owner().map(OwnerId::value).orElse("(none)") + ", but the merged owner came"
            + " from the " + other));
      }
    }

    EmailAddress email = base.email();
    if (!cur.email().equals(img.email())) {
      changed = true;
      email = cur.email();
    }

    Lead survivor = new Lead(base.id(), email, attrs, stage, history, consents, owner,
        base.scores(), base.createdAt(), changed ? cur.updatedAt() : base.updatedAt(),
        cur.version());
    Lead merged = new Lead(mergedBase.id(), mergedBase.email(), mergedBase.attributes(),
        mergedBase.stage(), mergedBase.stageHistory(), mergedConsents, mergedBase.owner(),
        mergedBase.scores(), mergedBase.createdAt(), mergedBase.updatedAt(), 0);
    return new Restore(survivor, merged);
  }

  /** {@code later} if it restricts contact more than {@code own}; empty to keep {@code own}. */
  private static Optional<ConsentRecord> restrictMore(Optional<ConsentRecord> own,
      ConsentRecord later) {
    if (own.isEmpty()) {
      // no record means no contact; only an explicit unsubscribe says more
      return later.status() == ConsentStatus.UNSUBSCRIBED ? Optional.of(later) : Optional.empty();
    }
    return own.get().status().restrictiveness() >= later.status().restrictiveness()
        ? Optional.empty() : Optional.of(later);
  }

  // ------------------------------------------------------------------ duplicates

  /** Every pair of leads that may be the same person (one pass over the lead store). */
  public List<DuplicateCandidate> findDuplicates() {
    return finder().find(Optional.empty());
  }

  /** The pairs that involve one of {@code leads}. */
  public List<DuplicateCandidate> findDuplicatesOf(Collection<LeadId> leads) {
    Args.notNull(leads, "leads");
    return finder().find(Optional.of(List.copyOf(leads)));
  }

  private DuplicateFinder finder() {
    return new DuplicateFinder(kit().leadStore(), links, this::resolve);
  }

  /**
   * Imports a CSV file through the engine, then looks for duplicates of the leads it created or
   * changed. Pairs where exactly one lead has a placeholder address (a business card without an
   * address) are merged automatically into the lead with the known address; every other pair is
   * reported for a person to decide, since two known addresses are never merged on their own.
   */
  public IdentityImportReport importCsv(Reader csv, CsvImportSpec spec) {
    Args.notNull(csv, "csv");
    Args.notNull(spec, "spec");
    return importCsv(k -> k.importCsv(csv, spec), spec);
  }

  /**
   * Like {@link #importCsv(Reader, CsvImportSpec)}, from the bytes of the file, decoded as
   * {@link LeadKit#importCsv(InputStream, CsvImportSpec)} does.
   */
  public IdentityImportReport importCsv(InputStream csv, CsvImportSpec spec) {
    Args.notNull(csv, "csv");
    Args.notNull(spec, "spec");
    return importCsv(k -> k.importCsv(csv, spec), spec);
  }

  private IdentityImportReport importCsv(Function<LeadKit, ImportReport> importer,
      CsvImportSpec spec) {
    LeadKit k = kit();
    Set<LeadId> touched = new LinkedHashSet<>();
    Subscription a = k.events().on(LeadCreated.class, e -> touched.add(e.lead().id()));
    Subscription b = k.events().on(LeadUpdated.class, e -> touched.add(e.after().id()));
    ImportReport report;
    try {
      report = importer.apply(k);
    } finally {
      a.cancel();
      b.cancel();
    }
    List<DuplicateCandidate> candidates = findDuplicatesOf(touched);
    Map<String, DuplicateCandidate> open = new LinkedHashMap<>();
    List<MergeRecord> merged = new ArrayList<>();
    for (DuplicateCandidate c : candidates) {
      Optional<Lead> x = k.leadStore().findById(resolve(c.first()));
      Optional<Lead> y = k.leadStore().findById(resolve(c.second()));
      if (x.isEmpty() || y.isEmpty() || x.get().id().equals(y.get().id())) {
        continue;
      }
      boolean xKnown = isKnownAddress(x.get().email());
      boolean yKnown = isKnownAddress(y.get().email());
      if (xKnown != yKnown) {
        Lead survivor = xKnown ? x.get() : y.get();
        Lead other = xKnown ? y.get() : x.get();
        merged.add(merge(MergeRequest.of(survivor.id(), other.id(), "leadkit",
            "import " + spec.source() + ": " + String.join(", ", c.reasons())), true));
      } else {
        // report the pair as it stands now (an earlier auto-merge may have renamed a side)
        DuplicateCandidate now = DuplicateCandidate.of(x.get().id(), y.get().id(), c.reasons());
        open.merge(now.first() + " " + now.second(), now, (p, q) -> {
          Set<String> reasons = new TreeSet<>(p.reasons());
          reasons.addAll(q.reasons());
          return DuplicateCandidate.of(p.first(), p.second(), reasons);
        });
      }
    }
    return new IdentityImportReport(report, List.copyOf(open.values()), merged);
  }

  // ------------------------------------------------------------------ privacy

  /** True if {@code email} belonged to an erased lead. Malformed throws. */
  public boolean isSuppressed(String email) {
    Args.email(email, "email");
    return isSuppressed(EmailAddress.parse(email));
  }

  private boolean isSuppressed(EmailAddress email) {
    return suppressions.isSuppressed(hash(email));
  }

  private String hash(EmailAddress email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(
          ("leadkit-suppression-v1:" + email.value()).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new LeadkitException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Addresses to suppress, written when the input commits. */
  private final StatePart<List<EmailAddress>> toSuppress = new StatePart<>() {
    @Override
    public List<EmailAddress> load(LeadId lead) {
      return new ArrayList<>(1);
    }

    @Override
    public void commit(LeadId lead, List<EmailAddress> value) {
      Instant now = now();
      for (EmailAddress a : value) {
        suppressions.suppress(hash(a), now);
      }
    }

    @Override
    public String toString() {
      return "identity.suppressions";
    }
  };

  /**
   * The identity phase of the pipeline: a lead that gets the address of an erased (suppressed)
   * lead is unsubscribed; an unsubscribe, a hard bounce or a complaint touchpoint changes the
   * lead's e-mail consent, and a bounce or complaint also suppresses the address, as configured
   * per type ({@link Builder#touchpointConsent}).
   */
  private void decide(LeadState st) {
    Lead before = st.before();
    Lead after = st.lead();
    if ((before == null || !before.email().equals(after.email())) && isSuppressed(after.email())
        && contactable(after)) {
      LOG.info("lead {} has the address of an erased lead; unsubscribing it", after.id());
      st.lead(unsubscribed(after, "suppressed:erased", st.now()));
    }
    Touchpoint t = st.touchpoint().orElse(null);
    if (t == null) {
      return;
    }
    TouchpointConsent action = touchpointConsent.getOrDefault(t.type(), TouchpointConsent.IGNORE);
    if (action == TouchpointConsent.IGNORE || (t.type().equals(TouchpointType.EMAIL_BOUNCED)
        && t.property(BOUNCE).map(b -> b.equalsIgnoreCase("soft")).orElse(false))) {
      return; // a soft bounce says nothing about the address
    }
    Lead l = st.lead();
    String source = "touchpoint:" + t.type().name();
    if (l.consent(Channel.EMAIL).map(c -> c.status() != ConsentStatus.UNSUBSCRIBED).orElse(true)) {
      st.lead(l.withConsent(new ConsentRecord(Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, source,
          st.now())));
    }
    if (action == TouchpointConsent.SUPPRESS && !isSuppressed(l.email())) {
      st.part(toSuppress).add(l.email());
      st.changed(toSuppress);
    }
  }

  private static boolean contactable(Lead l) {
    return l.consents().values().stream().anyMatch(c -> c.status() != ConsentStatus.UNSUBSCRIBED)
        || l.consent(Channel.EMAIL).isEmpty();
  }

  private static Lead unsubscribed(Lead l, String source, Instant now) {
    Lead out = l.withConsent(new ConsentRecord(Channel.EMAIL, ConsentStatus.UNSUBSCRIBED, source,
        now));
    for (ConsentRecord c : l.consents().values()) {
      if (c.status() != ConsentStatus.UNSUBSCRIBED) {
        out = out.withConsent(new ConsentRecord(c.channel(), ConsentStatus.UNSUBSCRIBED, source,
            now));
      }
    }
    return out;
  }


  /**
   * Erases the lead {@code id} stands for (GDPR right to be forgotten): the lead, the leads
   * merged into it, their touchpoints (and their visitors' anonymous ones), visitor links,
   * aliases, merge records and outbox messages are deleted, and so is every part of per-lead
   * data the installed plugins registered ({@link Hooks#personalData}: segment memberships,
   * static list rows, score state, journey enrolments and send log). What remains is a peppered
   * one-way hash of each address in the suppression list and anonymous counts added to its
   * totals ({@link #erasureCounts()}); journey counters, which name no lead, are kept. Returns
   * the event that was published (its counts cover the engine's own ports); {@code actor} and
   * {@code reason} are logged only.
   */
  public LeadErased erase(LeadId id, String actor, String reason) {
    Args.notNull(id, "id");
    Args.notNull(actor, "actor");
    Args.notNull(reason, "reason");
    LeadKit k = kit();
    synchronized (writeLock) {
      // one unit of work: both leads, the log, links and touchpoints commit together
      return k.inTransaction(() -> {
        LeadId target = resolve(id);
        Lead lead = k.require(target);
        List<LeadAlias> aliases = allAliasesTo(target);
        List<LeadId> everyId = new ArrayList<>();
        everyId.add(target);
        aliases.forEach(a -> everyId.add(a.merged()));
        List<VisitorLink> visitors = links.visitorsOf(target);
        Set<TouchpointId> tps = new LinkedHashSet<>();
        Map<String, Long> counts = new TreeMap<>();
        for (Touchpoint t : k.touchpointLog().findByLead(target, TouchpointQuery.all())) {
          if (tps.add(t.id())) {
            counts.merge("touchpoints." + t.type().name(), 1L, Long::sum);
          }
        }
        for (VisitorLink v : visitors) {
          for (Touchpoint t : k.touchpointLog().findByVisitor(v.visitor())) {
            if ((t.lead().isEmpty() || t.lead().get().equals(target)) && tps.add(t.id())) {
              counts.merge("touchpoints." + t.type().name(), 1L, Long::sum);
            }
          }
        }
        long messages = 0;
        for (LeadId each : everyId) {
          messages += k.outbox().findByLead(each).size();
        }
        counts.put("leads", 1L);
        counts.put("merged_leads", (long) aliases.size());
        counts.put("visitors", (long) visitors.size());
        counts.put("touchpoints", (long) tps.size());
        counts.put("messages", messages);
        Instant now = now();
        suppressions.suppress(hash(lead.email()), now);
        aliases.forEach(a -> suppressions.suppress(hash(a.mergedEmail()), now));
        k.touchpointLog().deleteAll(tps);
        links.unlinkAll(target);
        for (LeadAlias a : aliases) {
          links.removeAlias(a.merged());
        }
        for (LeadId each : everyId) {
          mergeLog.deleteInvolving(each);
          k.outbox().purgeLead(each);
        }
        k.leadStore().delete(target);
        LOG.info("erased lead {} and {} merged leads on request of {}: {}", target, aliases.size(),
            actor, reason);
        LeadErased event = new LeadErased(target, everyId.subList(1, everyId.size()), counts, now);
        announce(event, l -> l.leadErased(event));
        // after the plugins reacted (enrolments exited, segments left): delete what they keep
        Map<String, Long> totals = new TreeMap<>(counts);
        for (Hooks.PersonalData part : k.personalData()) {
          for (LeadId each : everyId) {
            part.erase(each).forEach((name, n) -> {
              if (n > 0) {
                totals.merge(name, n, Long::sum);
              }
            });
          }
        }
        suppressions.addCounts(totals);
        return event;
      });
    }
  }

  private List<LeadAlias> allAliasesTo(LeadId survivor) {
    List<LeadAlias> out = new ArrayList<>();
    ArrayDeque<LeadId> todo = new ArrayDeque<>(List.of(survivor));
    Set<LeadId> seen = new LinkedHashSet<>(List.of(survivor));
    while (!todo.isEmpty()) {
      for (LeadAlias a : links.aliasesTo(todo.poll())) {
        if (seen.add(a.merged())) {
          out.add(a);
          todo.add(a.merged());
        }
      }
    }
    return out;
  }

  /** The running anonymous totals of everything erased so far. */
  public Map<String, Long> erasureCounts() {
    return suppressions.counts();
  }

  /**
   * All data held about the lead {@code id} stands for, as a JSON tree: {@code lead} (every
   * field, in the {@link LeadkitJson} form), {@code mergedIds}, {@code visitors},
   * {@code touchpoints} (its own and its visitors' anonymous ones), {@code merges} (with
   * before-images, in the {@link IdentityJson} form), {@code messages} (outbox entries with
   * their delivery state), one section per part of per-lead data the installed plugins
   * registered ({@link Hooks#personalData}, e.g. {@code segments}, {@code lists}, {@code
   * scores}, {@code enrolments}, {@code sends}) and, for leads merged into it, {@code
   * mergedLeads} with the non-empty sections of each.
   */
  public ObjectNode exportTree(LeadId id) {
    Args.notNull(id, "id");
    LeadKit k = kit();
    LeadId target = resolve(id);
    Lead lead = k.require(target);
    ObjectNode root = LeadkitJson.mapper().createObjectNode();
    root.put("format", "leadkit-export-v1");
    root.put("exportedAt", now().toString());
    root.set("lead", LeadkitJson.lead(lead));
    List<LeadAlias> aliases = allAliasesTo(target);
    ArrayNode mergedIds = root.putArray("mergedIds");
    aliases.forEach(a -> mergedIds.add(a.merged().value()));
    ArrayNode visitors = root.putArray("visitors");
    List<VisitorLink> links0 = links.visitorsOf(target);
    links0.forEach(v -> visitors.add(IdentityJson.visitorLink(v)));
    ArrayNode tps = root.putArray("touchpoints");
    Set<TouchpointId> seen = new LinkedHashSet<>();
    List<Touchpoint> all = new ArrayList<>(k.touchpointLog().findByLead(target,
        TouchpointQuery.all()));
    for (VisitorLink v : links0) {
      k.touchpointLog().findByVisitor(v.visitor()).stream().filter(t -> t.lead().isEmpty())
          .forEach(all::add);
    }
    all.sort(java.util.Comparator.comparing(Touchpoint::at).thenComparing(Touchpoint::id));
    for (Touchpoint t : all) {
      if (seen.add(t.id())) {
        tps.add(LeadkitJson.touchpoint(t));
      }
    }
    ArrayNode merges = root.putArray("merges");
    Set<MergeId> mergeIds = new LinkedHashSet<>();
    List<LeadId> everyId = new ArrayList<>(List.of(target));
    aliases.forEach(a -> everyId.add(a.merged()));
    for (LeadId each : everyId) {
      for (MergeRecord r : mergeLog.findByLead(each)) {
        if (mergeIds.add(r.id())) {
          merges.add(IdentityJson.mergeRecord(r));
        }
      }
    }
    for (Hooks.PersonalData part : k.personalData()) {
      root.set(part.section(), part.export(target));
    }
    if (!aliases.isEmpty()) {
      ObjectNode merged = root.putObject("mergedLeads");
      for (LeadAlias a : aliases) {
        ObjectNode m = merged.putObject(a.merged().value());
        for (Hooks.PersonalData part : k.personalData()) {
          JsonNode data = part.export(a.merged());
          if (!data.isEmpty()) {
            m.set(part.section(), data);
          }
        }
      }
    }
    ArrayNode messages = root.putArray("messages");
    for (LeadId each : everyId) {
      for (OutboxEntry e : k.outbox().findByLead(each)) {
        ObjectNode m = LeadkitJson.message(e.message());
        m.put("status", e.status().name());
        m.put("attempts", e.attempts());
        m.put("enqueuedAt", e.enqueuedAt().toString());
        e.finishedAt().ifPresent(f -> m.put("finishedAt", f.toString()));
        e.lastError().ifPresent(x -> m.put("lastError", x));
        e.reason().ifPresent(r -> m.put("reason", r.name()));
        messages.add(m);
      }
    }
    return root;
  }

  /** {@link #exportTree} as pretty-printed JSON text. */
  public String export(LeadId id) {
    Args.notNull(id, "id");
    try {
      return LeadkitJson.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(exportTree(id));
    } catch (JsonProcessingException e) {
      throw new LeadkitException("could not write the export of lead " + id, e);
    }
  }

  // ------------------------------------------------------------------ events

  private void announce(LeadkitEvent event, Consumer<IdentityListener> call) {
    for (IdentityListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.error("identity listener {} failed on {}", l, event.getClass().getSimpleName(), e);
      }
    }
    kit().events().publish(event);
  }

  /** Builds an {@link Identity}; every part is optional, each may be set once. */
  public static final class Builder {
    private @Nullable IdentityLinks links;
    private @Nullable MergeLog mergeLog;
    private @Nullable SuppressionList suppressions;
    private @Nullable MergePolicy policy;
    private @Nullable LinkKeyRing ring;
    private byte @Nullable [] pepper;
    private final Set<String> placeholderDomains = new LinkedHashSet<>();
    private final Map<TouchpointType, TouchpointConsent> touchpointConsent = new HashMap<>(Map.of(
        TouchpointType.EMAIL_UNSUBSCRIBED, TouchpointConsent.UNSUBSCRIBE,
        TouchpointType.EMAIL_BOUNCED, TouchpointConsent.SUPPRESS,
        TouchpointType.EMAIL_COMPLAINED, TouchpointConsent.SUPPRESS));

    private Builder() {}

    private static <T> T once(@Nullable Object current, @Nullable T value, String what) {
      if (value == null) {
        throw new InvalidValueException(what + " must not be null");
      }
      if (current != null) {
        throw new InvalidValueException(what + " was already set to " + current);
      }
      return value;
    }

    /** The identity links port (default: in memory). */
    public Builder links(IdentityLinks value) {
      links = once(links, value, "links");
      return this;
    }

    /** The merge log port (default: in memory). */
    public Builder mergeLog(MergeLog value) {
      mergeLog = once(mergeLog, value, "mergeLog");
      return this;
    }

    /** The suppression list port (default: in memory). */
    public Builder suppressionList(SuppressionList value) {
      suppressions = once(suppressions, value, "suppressionList");
      return this;
    }

    /**
     * What a touchpoint of {@code type} does to the lead's e-mail consent. Defaults:
     * {@code email_unsubscribed} unsubscribes; {@code email_bounced} (unless its {@code bounce}
     * property is {@code soft}) and {@code email_complained} unsubscribe and suppress the address.
     * {@link TouchpointConsent#IGNORE} turns a default off.
     *
     * @param type the touchpoint type
     * @param action what it does
     * @return this builder
     */
    public Builder touchpointConsent(TouchpointType type, TouchpointConsent action) {
      touchpointConsent.put(Args.notNull(type, "type"), Args.notNull(action, "action"));
      return this;
    }

    /** The default survivorship policy (default: {@link MergePolicy#ofDefaults()}). */
    public Builder policy(MergePolicy value) {
      policy = once(policy, value, "policy");
      return this;
    }

    /** The keys for tagged-link tokens (default: none; tagged links are then refused). */
    public Builder keyRing(LinkKeyRing value) {
      ring = once(ring, value, "keyRing");
      return this;
    }

    /**
     * The secret pepper for the one-way hashes of erased addresses: at least 32 random bytes,
     * kept out of the database, and never changed (a new pepper forgets every suppression).
     */
    public Builder suppressionPepper(byte[] value) {
      if (value != null && value.length < 32) {
        throw new InvalidValueException("suppression pepper must have at least 32 bytes, got "
            + value.length);
      }
      byte[] copy = value == null ? null : value.clone();
      pepper = once(pepper == null ? null : "(set)", copy, "suppressionPepper");
      return this;
    }

    /**
     * Extra domains whose addresses are placeholders, not known addresses (any
     * {@code .invalid} domain always is).
     */
    public Builder placeholderDomains(String... domains) {
      Args.notNull(domains, "domains");
      for (String d : domains) {
        if (d == null || d.isBlank()) {
          throw new InvalidValueException("placeholder domain must not be blank: \"" + d + "\"");
        }
        placeholderDomains.add(d.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** The plugin, to be installed in one engine. */
    public Identity build() {
      return new Identity(this);
    }
  }
}
