package io.cachelet.filter;

import io.cachelet.cache.SingleFlight;
import io.cachelet.store.ChangeStamps;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The I/O around {@link CachePolicy}: reads facts, consults the store, runs the chain into a {@link
 * CapturingResponse}, writes hits and stores misses. Thread-safe; one per filter.
 */
final class CacheHandler {

  /** How a fill ended, as seen by requests that waited for it. */
  private enum Fill {
    STORED,
    NOT_STORED
  }

  private static final Duration LOCK_POLL = Duration.ofMillis(25);

  private final RouteRules rules;
  private final CachePolicy policy;
  private final HttpStore store;
  private final Clock clock;
  private final CacheStatus status;
  private final FilterStats stats = new FilterStats();
  private final SingleFlight<Fill> fills = new SingleFlight<>();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  /**
   * Completed fills per key: a leader re-reads the store only when one completed since it looked.
   */
  private final ChangeStamps filled = new ChangeStamps();

  private volatile Consumer<String> storedListener = target -> {};

  CacheHandler(RouteRules rules, HttpStore store, Clock clock) {
    this.rules = rules;
    this.policy = new CachePolicy(rules);
    this.store = store;
    this.clock = clock;
    this.status = new CacheStatus(rules.cacheName());
  }

  FilterStats stats() {
    return stats;
  }

  /** Stops the store writers, letting the writes already submitted finish for a moment. */
  void close() {
    store.close();
  }

  /** Tells {@code listener} the path and query of every response once it is stored. */
  void onStored(Consumer<String> listener) {
    this.storedListener = listener;
  }

  /** Handles a request on {@code route}; {@code path} is its path inside the application. */
  void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      Route route,
      String path)
      throws IOException, ServletException {
    RequestFacts facts = ServletFacts.read(request, path, rules);
    CachePolicy.RequestDecision decision = policy.onRequest(facts, route);
    if (decision instanceof CachePolicy.Bypass bypass) {
      bypass(request, response, chain, route, facts, bypass.reason());
      return;
    }
    CachePolicy.Lookup lookup = (CachePolicy.Lookup) decision;
    // taken before the lookup: a fill that completes after it changes the stamp
    long stamp = filled.stamp(lookup.key().hash());
    String storeKey;
    Optional<HttpEntry> entry;
    try {
      HttpStore.Found stored = store.lookup(route, lookup.key());
      storeKey = stored.storeKey();
      entry = stored.entry();
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
      if (!rules.shadow()) {
        status.bypass(response, Reason.STORE_UNAVAILABLE);
      }
      chain.doFilter(request, response);
      return;
    }
    Instant now = clock.instant();
    Request r =
        new Request(
            request,
            response,
            chain,
            route,
            facts,
            lookup.key(),
            storeKey,
            stamp,
            new PendingSend());
    Optional<HttpEntry> usable = entry.filter(e -> CachePolicy.usable(e, route, lookup, now));
    if (usable.isEmpty()) {
      if (!rules.shadow() && lookup.asked().onlyIfCached()) {
        onlyIfCached(response);
        return;
      }
      // a HEAD fills as a GET would (see FillRequest), so it joins the GETs' fill of the key; a
      // copy past its grace but kept is revalidated, never served as it is
      fillOnce(r, entry.filter(e -> CachePolicy.withinKeep(e, route, now)).orElse(null));
      return;
    }
    HttpEntry hit = usable.get();
    CachePolicy.EntryAction action = policy.onEntry(facts, lookup, hit, now);
    if (rules.shadow()) {
      if (action != CachePolicy.EntryAction.FETCH) {
        stats.shadowHits.increment();
      }
      fillOnce(r, null);
      return;
    }
    switch (action) {
      case SERVE, NOT_MODIFIED -> {
        stats.hits.increment();
        status.hit(response, EntryWriter.ttl(hit, now), false);
        EntryWriter.write(
            response, hit, facts, now, action == CachePolicy.EntryAction.NOT_MODIFIED);
      }
      case REVALIDATE -> {
        if (refreshing.add(storeKey)) {
          try {
            fill(r, hit);
            r.pending.run();
          } finally {
            refreshing.remove(storeKey);
          }
        } else {
          serveStale(r, hit, now);
        }
      }
      case SERVE_STALE -> serveStale(r, hit, now);
      case ONLY_IF_CACHED -> onlyIfCached(response);
      case FETCH -> fillOnce(r, hit);
    }
  }

  /** RFC 9111 §5.2.1.7: a 504, and the application is not asked. */
  private void onlyIfCached(HttpServletResponse response) {
    stats.bypasses.increment();
    status.onlyIfCached(response);
    response.setStatus(HttpServletResponse.SC_GATEWAY_TIMEOUT);
    response.setContentLength(0);
  }

  private void serveStale(Request r, HttpEntry hit, Instant now) throws IOException {
    stats.stale.increment();
    status.stale(r.response, EntryWriter.ttl(hit, now));
    EntryWriter.write(r.response, hit, r.facts, now, CachePolicy.notModified(r.facts, hit));
  }

  private void bypass(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      Route route,
      RequestFacts facts,
      Reason reason)
      throws IOException, ServletException {
    stats.bypasses.increment();
    if (!rules.shadow()) {
      status.bypass(response, reason);
    }
    if (facts.isUnsafe()) {
      // the application may send its response before the filter gets it back, and a client that
      // has it may ask again at once: what was stored before the request (and what is being
      // written) goes first, and the rules of RFC 9111 §4.4 apply once the response is known
      invalidateUri(route, facts);
    }
    chain.doFilter(request, response);
    int code = response.getStatus();
    // RFC 9111 §4.4: any non-error status, a redirect as much as a 2xx
    if (facts.isUnsafe() && code >= 200 && code < 400) {
      invalidateAfterWrite(route, facts);
      for (String field : List.of("Location", "Content-Location")) {
        String value = response.getHeader(field);
        if (value != null) {
          invalidateLocation(request, facts, value);
        }
      }
    }
  }

  /**
   * RFC 9111 §4.4: the URIs in {@code Location} and {@code Content-Location} are invalidated too,
   * but only on the same host (and here, in the same web application), so a response can't be used
   * to evict another site's entries.
   */
  private void invalidateLocation(HttpServletRequest request, RequestFacts facts, String value) {
    URI target;
    try {
      target = URI.create(request.getRequestURL().toString()).resolve(value.trim());
    } catch (IllegalArgumentException e) {
      return;
    }
    String context = request.getContextPath();
    String path = target.getPath();
    if (target.getHost() == null
        || !target.getHost().equalsIgnoreCase(request.getServerName())
        || target.getPort() != (target.getPort() < 0 ? -1 : request.getServerPort())
        || path == null
        || !path.startsWith(context + "/")) {
      return;
    }
    String inApp = PathPattern.normalise(path.substring(context.length()));
    Optional<Route> route = rules.routeFor(inApp);
    if (route.isEmpty()) {
      return;
    }
    try {
      store.invalidateUri(
          route.get().name(), HttpStore.uriHash(facts.scheme(), facts.host(), facts.port(), inApp));
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
    }
  }

  private void invalidateUri(Route route, RequestFacts facts) {
    try {
      store.invalidateUri(route.name(), HttpStore.uriHash(facts));
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
    }
  }

  /**
   * RFC 9111 §4.4: an unsafe request answered with a non-error status invalidates the stored
   * responses of its URI.
   */
  private void invalidateAfterWrite(Route route, RequestFacts facts) {
    try {
      store.invalidateUri(route.name(), HttpStore.uriHash(facts));
      for (String tag : route.evictTags()) {
        store.invalidateTag(tag);
      }
      for (String other : route.evictRoutes()) {
        store.purgeRoute(other);
      }
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
    }
  }

  /** Fills once per key in this JVM: waiters read the stored entry the leader wrote. */
  private void fillOnce(Request r, HttpEntry stale) throws IOException, ServletException {
    boolean[] ranHere = {false};
    Exception[] failure = {null};
    Fill fill;
    try {
      fill =
          fills.run(
              r.storeKey,
              rules.stampedeWait(),
              () -> {
                ranHere[0] = true;
                try {
                  // a previous leader may have stored the entry since this request looked
                  if (stale == null
                      && !rules.shadow()
                      && filled.changedSince(r.key.hash(), r.stamp)
                      && serveIfFilledElsewhere(r)) {
                    return Fill.STORED;
                  }
                  return fill(r, stale);
                } catch (IOException | ServletException | RuntimeException e) {
                  // kept for this request only: waiters must not fail with another's exception
                  failure[0] = e;
                  return Fill.NOT_STORED;
                }
              });
    } catch (Exception e) {
      throw new ServletException(e);
    }
    if (ranHere[0]) {
      rethrow(failure[0]);
      // an uncacheable response is sent only now, after the waiters were released
      r.pending.run();
      return;
    }
    // a waiter: serve what the leader stored, or go to the application itself
    if (fill == Fill.STORED && !rules.shadow() && serveIfFilledElsewhere(r)) {
      return;
    }
    fill(r, stale);
    r.pending.run();
  }

  private static void rethrow(Exception e) throws IOException, ServletException {
    if (e instanceof IOException io) {
      throw io;
    }
    if (e instanceof ServletException se) {
      throw se;
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
  }

  /** Runs the chain into a capture and stores the response when the policy allows. */
  private Fill fill(Request r, HttpEntry stale) throws IOException, ServletException {
    stats.misses.increment();
    Optional<Duration> lease = r.route.lockLease();
    // shadow mode serves nothing from the cache, so it neither waits for nor takes the lock
    if (lease.isEmpty() || rules.shadow()) {
      return capture(r, stale);
    }
    String lockKey = store.lockKey(r.route, r.key);
    String token = UUID.randomUUID().toString();
    boolean locked = acquireOrWait(r, lockKey, token, lease.get());
    if (!locked) {
      return serveIfFilledElsewhere(r) ? Fill.STORED : capture(r, stale);
    }
    Fill fill = Fill.NOT_STORED;
    try {
      fill = capture(r, stale);
      return fill;
    } finally {
      if (fill == Fill.STORED) {
        store.unlockOnceWritten(r.storeKey, lockKey, token);
      } else {
        store.unlock(lockKey, token);
      }
    }
  }

  /**
   * Takes the cross-instance lock, or waits for its holder to fill the entry: at most the stampede
   * wait (real time, not cache time), and no longer than the lock is held.
   */
  private boolean acquireOrWait(Request r, String lockKey, String token, Duration lease) {
    long deadline = System.nanoTime() + rules.stampedeWait().toNanos();
    try {
      if (store.lock(lockKey, token, lease)) {
        return true;
      }
      while (System.nanoTime() - deadline < 0) {
        if (store.get(r.route, r.storeKey, r.key).isPresent() || !store.locked(lockKey)) {
          return false;
        }
        Thread.sleep(LOCK_POLL.toMillis());
      }
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private boolean serveIfFilledElsewhere(Request r) throws IOException {
    try {
      Optional<HttpEntry> entry = store.get(r.route, r.storeKey, r.key);
      Instant now = clock.instant();
      if (entry.isEmpty() || !now.isBefore(entry.get().freshUntil())) {
        return false;
      }
      stats.hits.increment();
      status.hit(r.response, EntryWriter.ttl(entry.get(), now), true);
      EntryWriter.write(
          r.response, entry.get(), r.facts, now, CachePolicy.notModified(r.facts, entry.get()));
      return true;
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
      return false;
    }
  }

  /**
   * Runs the chain into a capture; with a {@code stale} copy, the application is asked whether it
   * is still current (RFC 9111 §4.3.1), unless shadow mode must leave the request as it came.
   */
  private Fill capture(Request r, HttpEntry stale) throws IOException, ServletException {
    boolean shadow = rules.shadow();
    FillRequest fill =
        new FillRequest(
            r.request, stale == null || shadow ? Map.of() : CachePolicy.validators(stale));
    // an invalidation while the application answers makes the answer unfit to store
    long invalidations = store.invalidations();
    // RFC 9111 §4.2.3 request_time: the time the answer takes to arrive counts into its age
    Instant requestedAt = clock.instant();
    CapturingResponse capture =
        new CapturingResponse(
            r.response,
            r.route.maxBodyBytes(),
            rules.tagHeader(),
            c -> {
              // the body outgrew the limit and streams on: nothing will be stored for waiters
              fills.release(r.storeKey, Fill.NOT_STORED);
              if (!shadow) {
                status.notStored(r.response, c.capturedStatus(), Reason.TOO_LARGE);
              }
            });
    AsyncCaptureRequest request =
        new AsyncCaptureRequest(
            fill,
            capture,
            () -> {
              // an async answer passes to the client as it goes: a 304 to the cache's own
              // validators could not be turned into the stored copy any more
              fill.withdrawValidators();
              if (!shadow) {
                status.miss(r.response);
              }
            },
            () -> complete(r, capture, null, true, invalidations, requestedAt));
    try {
      r.chain.doFilter(request, capture);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!capture.passing() && !r.response.isCommitted() && servedStaleOnError(r, stale, 0)) {
        return Fill.NOT_STORED;
      }
      throw e;
    }
    if (request.isAsyncCapture()) {
      return Fill.NOT_STORED;
    }
    return complete(r, capture, stale, false, invalidations, requestedAt);
  }

  /** Decides on a captured response, sends it, then stores it. */
  private Fill complete(
      Request r,
      CapturingResponse capture,
      HttpEntry stale,
      boolean async,
      long invalidations,
      Instant requestedAt)
      throws IOException {
    boolean shadow = rules.shadow();
    int code = capture.capturedStatus();
    if (capture.passing() && !async) {
      return Fill.NOT_STORED;
    }
    if (code >= 500 && servedStaleOnError(r, stale, code)) {
      return Fill.NOT_STORED;
    }
    if (code == HttpServletResponse.SC_NOT_MODIFIED && stale != null && !async && !shadow) {
      return renew(r, capture, stale, invalidations, requestedAt);
    }
    Headers headers = capture.finalHeaders();
    ResponseFacts facts =
        new ResponseFacts(code, headers, capture.sentError(), capture.overflowed(), false);
    Instant now = clock.instant();
    CachePolicy.StoreDecision decision =
        policy.onResponse(r.route, facts, exchange(r, requestedAt, now));
    byte[] body = capture.body();
    if (decision instanceof CachePolicy.Refuse refuse) {
      forgetOnNoStore(r, refuse);
      if (!shadow && !async) {
        status.notStored(r.response, code, refuse.reason());
      }
      if (!async) {
        r.pending.set(() -> send(r.response, body));
      }
      return Fill.NOT_STORED;
    }
    CachePolicy.Store store = (CachePolicy.Store) decision;
    String etag = Entries.etag(headers, body);
    Set<String> tags = new LinkedHashSet<>(r.route.tags());
    tags.addAll(capture.tags());
    HttpEntry entry;
    if (!async && !shadow && r.facts.asksForRange()) {
      // the range is cut from the entry, as a hit's is: the application answered the whole
      entry =
          Entries.build(r.key, code, headers, etag, body, now, store.ttl(), tags, store.terms());
      r.response.reset();
      status.stored(r.response, code);
      EntryWriter.write(r.response, entry, r.facts, now, false);
    } else {
      if (!async) {
        if (!shadow) {
          status.stored(r.response, code);
          r.response.setHeader("ETag", etag);
          if (code == HttpServletResponse.SC_OK) {
            // the next request may ask for a range: it will be cut from the entry
            r.response.setHeader("Accept-Ranges", "bytes");
          }
          if (Entries.willGzip(headers, body) && !Entries.varies(headers, "Accept-Encoding")) {
            r.response.addHeader("Vary", "Accept-Encoding");
          }
        }
        send(r.response, body);
      }
      // the client has its response; what follows costs it nothing
      entry =
          Entries.build(r.key, code, headers, etag, body, now, store.ttl(), tags, store.terms());
    }
    save(r, entry, HttpStore.Body.WRITE, store, invalidations);
    return Fill.STORED;
  }

  /**
   * RFC 9111 §4.3.4: the application confirmed the stored copy with a 304, so the copy is served,
   * with the 304's fields and a new lifetime, and stored again; its body never came back.
   */
  private Fill renew(
      Request r,
      CapturingResponse capture,
      HttpEntry stale,
      long invalidations,
      Instant requestedAt)
      throws IOException {
    Headers headers =
        Entries.renewedHeaders(stale.headers(), capture.finalHeaders(), stale.gzipped());
    String etag = headers.first("ETag").orElse(stale.etag());
    // the copy's age starts again from the 304's: its Date and Age are judged, though not stored
    Headers judged = headers.copy();
    for (String field : List.of("Date", "Age")) {
      capture.finalHeaders().all(field).forEach(value -> judged.add(field, value));
    }
    Instant now = clock.instant();
    CachePolicy.StoreDecision decision =
        policy.onResponse(
            r.route,
            new ResponseFacts(stale.status(), judged, false, false, false),
            exchange(r, requestedAt, now));
    // the 304's fields passed through as the application set them: the client gets the copy
    r.response.reset();
    if (decision instanceof CachePolicy.Refuse refuse) {
      forgetOnNoStore(r, refuse);
      // current for this client, though the new fields forbid keeping it
      HttpEntry confirmed = stale.renewed(headers, etag, now, now, EntryTerms.NONE);
      status.notStored(r.response, HttpServletResponse.SC_NOT_MODIFIED, refuse.reason());
      EntryWriter.write(
          r.response, confirmed, r.facts, now, CachePolicy.notModified(r.facts, confirmed));
      return Fill.NOT_STORED;
    }
    CachePolicy.Store store = (CachePolicy.Store) decision;
    HttpEntry renewed = stale.renewed(headers, etag, now, now.plus(store.ttl()), store.terms());
    stats.revalidated.increment();
    status.revalidated(r.response, EntryWriter.ttl(renewed, now));
    EntryWriter.write(r.response, renewed, r.facts, now, CachePolicy.notModified(r.facts, renewed));
    save(r, renewed, HttpStore.Body.STORED, store, invalidations);
    return Fill.STORED;
  }

  /**
   * RFC 5861 §4 stale-if-error: a copy within grace beats an error page; false when there is none
   * ({@code code} 0 when the application threw).
   */
  private boolean servedStaleOnError(Request r, HttpEntry stale, int code) throws IOException {
    Instant now = clock.instant();
    if (stale == null || rules.shadow() || !CachePolicy.withinErrorGrace(stale, r.route, now)) {
      return false;
    }
    r.response.reset();
    stats.stale.increment();
    status.staleOnError(r.response, EntryWriter.ttl(stale, now), code);
    EntryWriter.write(r.response, stale, r.facts, now, false);
    return true;
  }

  private static Exchange exchange(Request r, Instant requestedAt, Instant receivedAt) {
    return new Exchange(requestedAt, receivedAt, CachePolicy.keyedByPrincipal(r.facts, r.route));
  }

  /**
   * A {@code no-store} response leaves no older copy of its key behind to be served in its place
   * (RFC 9111 §5.2.2.5): what was stored for the key is deleted.
   */
  private void forgetOnNoStore(Request r, CachePolicy.Refuse refuse) {
    if (refuse.reason() != Reason.NO_STORE || rules.shadow()) {
      return;
    }
    try {
      store.deleteKey(r.storeKey);
    } catch (HttpStore.Unavailable e) {
      stats.storeUnavailable.increment();
    }
  }

  /** Stores {@code entry} behind the response, kept past freshness for grace and keep. */
  private void save(
      Request r,
      HttpEntry entry,
      HttpStore.Body body,
      CachePolicy.Store store,
      long invalidations) {
    String query = r.request.getQueryString();
    String target = r.facts.path() + (query == null ? "" : "?" + query);
    this.store.put(
        r.storeKey,
        entry,
        body,
        store.ttl().plus(store.grace()).plus(r.route.keep()),
        r.route,
        HttpStore.uriHash(r.facts),
        invalidations,
        stored -> {
          if (stored) {
            stats.stored.increment();
            storedListener.accept(target);
          } else {
            stats.storeUnavailable.increment();
          }
        });
    // readable at once, from the write waiting to land
    filled.changed(r.key.hash());
  }

  private static void send(HttpServletResponse response, byte[] body) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setContentLengthLong(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /**
   * One request on a route, with everything the fill needs. A class, not a record: the javax
   * build's bytecode transformer does not rewrite a record's component types, which would leave the
   * servlet types of a record under jakarta there.
   */
  private static final class Request {
    final HttpServletRequest request;
    final HttpServletResponse response;
    final FilterChain chain;
    final Route route;
    final RequestFacts facts;
    final CanonicalKey key;
    final String storeKey;
    final long stamp;
    final PendingSend pending;

    Request(
        HttpServletRequest request,
        HttpServletResponse response,
        FilterChain chain,
        Route route,
        RequestFacts facts,
        CanonicalKey key,
        String storeKey,
        long stamp,
        PendingSend pending) {
      this.request = request;
      this.response = response;
      this.chain = chain;
      this.route = route;
      this.facts = facts;
      this.key = key;
      this.storeKey = storeKey;
      this.stamp = stamp;
      this.pending = pending;
    }
  }

  /**
   * The sending of an uncacheable response, put off until requests waiting for the same key were
   * told to go to the application themselves: they need not wait for a slow client's download.
   */
  private static final class PendingSend {
    private IoAction action;

    interface IoAction {
      void run() throws IOException;
    }

    void set(IoAction send) {
      this.action = send;
    }

    void run() throws IOException {
      IoAction send = action;
      action = null;
      if (send != null) {
        send.run();
      }
    }
  }
}
