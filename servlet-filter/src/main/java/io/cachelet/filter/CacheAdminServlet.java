package io.cachelet.filter;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.cache.CacheStats;
import io.cachelet.codec.EntryCipher;
import io.cachelet.key.Glob;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ScanPage;
import io.cachelet.store.StoreException;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON admin endpoints over a {@link ResponseCacheFilter} and its {@link Cachelet}; mount it at
 * {@code /admin/cache/*}. Paths are relative to the mount point:
 *
 * <ul>
 *   <li>{@code GET stats}: per cache and per route hits, misses, hit ratio, stale, bypasses by
 *       reason, errors, load time; the filter's totals and the most requested URLs;
 *   <li>{@code GET health}: the store's health, 200 when UP or DEGRADED, 503 when DOWN;
 *   <li>{@code GET keys?pattern=&cursor=&count=}: one SCAN page of this application's keys ({@code
 *       pattern} a Redis glob after the key prefix, default {@code *}; {@code count} from 1 to
 *       {@value #MAX_COUNT}, default {@value #DEFAULT_COUNT});
 *   <li>{@code GET keys/{key}}: TTL, kind and a printable preview of one key, with its size, or for
 *       an index (the entry keys per URI or tag) its member count;
 *   <li>{@code DELETE keys/{key}}: deletes one key;
 *   <li>{@code DELETE keys?pattern=P}: deletes the keys that start with P taken literally (glob
 *       characters escaped), or, with {@code glob=true}, that match the glob P; {@code *} alone
 *       needs {@code confirm=true};
 *   <li>{@code POST tags/{tag}/invalidate}, {@code POST routes/{route}/purge}, {@code POST
 *       caches/{cache}/clear};
 *   <li>{@code GET explain?url=}: the route, the canonical key parts and the filter's decision for
 *       an anonymous GET of that URL.
 * </ul>
 *
 * <p>Every call is checked by an {@link AdminAccess} (401 or 403 when refused); every call that
 * changes something is logged with who made it and what it did. A caller the container
 * authenticated (credentials a browser attaches on its own) is refused, 403, every state-changing
 * call that a page of another site could have sent ({@link AdminCsrfGuard}). Input that can't be
 * used is a 400 with a JSON {@code error}; a store that can't be reached is a 503.
 */
public final class CacheAdminServlet extends HttpServlet {

  /** The most keys one {@code GET keys} page asks the store for. */
  public static final int MAX_COUNT = 1000;

  /** The page size when none is given. */
  public static final int DEFAULT_COUNT = 100;

  /** The init-param listing further origins allowed to make state-changing calls. */
  public static final String ALLOWED_ORIGINS = "cachelet.admin.allowed-origins";

  static final int MAX_PATTERN = 512;
  static final int PREVIEW_BYTES = 256;
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,512}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~:@-]{1,200}");
  private static final Logger AUDIT = LoggerFactory.getLogger(CacheAdminServlet.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResponseCacheFilter filter;
  private final AdminAccess access;
  private AdminCsrfGuard csrf;

  /**
   * Admin endpoints over {@code filter} (initialised before the first call) and its Cachelet, with
   * {@link AdminCsrfGuard#sameOrigin()} plus the origins of the {@code
   * cachelet.admin.allowed-origins} init-param.
   */
  public CacheAdminServlet(ResponseCacheFilter filter, AdminAccess access) {
    this(filter, access, AdminCsrfGuard.sameOrigin());
  }

  /** Admin endpoints guarded against cross-site calls by {@code csrf}. */
  public CacheAdminServlet(ResponseCacheFilter filter, AdminAccess access, AdminCsrfGuard csrf) {
    this.filter = Objects.requireNonNull(filter, "filter");
    this.access = Objects.requireNonNull(access, "access");
    this.csrf = Objects.requireNonNull(csrf, "csrf");
  }

  @Override
  public void init() {
    String origins = getInitParameter(ALLOWED_ORIGINS);
    if (origins != null) {
      csrf = csrf.allowingOrigins(origins);
    }
    if (access.isOpen()) {
      AUDIT.warn(
          "Cachelet admin endpoints are not protected: anyone who reaches them can read and"
              + " delete cache entries. Configure a bearer token or a role.");
    }
  }

  /** A request the endpoints refuse, with the status and message to answer. */
  private static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
      // No admin call reads a body, and each answer is committed by its Content-Length before the
      // container could drain one; a container that then closes the connection without saying so
      // (Jetty) hands a client a pooled connection that is already dead. Saying so keeps it honest.
      response.setHeader("Connection", "close");
    }
    switch (access.check(request)) {
      case UNAUTHENTICATED -> {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"cachelet-admin\"");
        write(response, 401, error(401, "credentials required"));
        return;
      }
      case FORBIDDEN -> {
        write(response, 403, error(403, "not allowed"));
        return;
      }
      case ALLOWED -> {
        // go on
      }
    }
    Optional<String> crossSite = csrf.decide(csrfFacts(request));
    if (crossSite.isPresent()) {
      AUDIT.warn(
          "Admin: refused {} {} by {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          AdminAccess.who(request),
          crossSite.get());
      write(response, 403, error(403, crossSite.get()));
      return;
    }
    try {
      parameters(request);
      route(request, response);
    } catch (Refused e) {
      write(response, e.status, error(e.status, e.getMessage()));
    } catch (IllegalArgumentException e) {
      write(response, 400, error(400, e.getMessage()));
    } catch (StoreException e) {
      write(response, 503, error(503, "the store can't be reached: " + e.getMessage()));
    }
  }

  /**
   * A bearer token is never attached by a browser on its own, so only a caller the container
   * authenticated (Basic, Digest, form login, session cookie) is subject to the guard.
   */
  private static AdminCsrfGuard.Facts csrfFacts(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    return new AdminCsrfGuard.Facts(
        request.getMethod(),
        request.getUserPrincipal() != null && !bearer,
        request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort(),
        request.getHeader("Sec-Fetch-Site"),
        request.getHeader("Origin"),
        request.getHeader("Referer"),
        request.getHeader(AdminCsrfGuard.MARKER_HEADER),
        request.getContentType());
  }

  /**
   * Decodes the parameters once, up front. Jetty throws from every parameter accessor for a query
   * it can't decode (an invalid percent-escape, too many parameters) — an unchecked exception of
   * its own that would leave the servlet and be answered with the container's HTML error page; here
   * it is bad input like any other.
   */
  private static void parameters(HttpServletRequest request) throws Refused {
    try {
      request.getParameterMap();
    } catch (RuntimeException e) {
      throw new Refused(400, "the query string can't be decoded");
    }
  }

  private void route(HttpServletRequest request, HttpServletResponse response)
      throws IOException, Refused {
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    List<String> parts = List.of(path.substring(1).split("/", -1));
    String method = request.getMethod();
    String first = parts.get(0);
    switch (first) {
      case "stats" -> {
        expect(method, "GET", parts, 1);
        write(response, 200, stats());
      }
      case "health" -> {
        expect(method, "GET", parts, 1);
        StoreHealth health = cachelet().health();
        write(response, health.status() == StoreHealth.Status.DOWN ? 503 : 200, health(health));
      }
      case "keys" -> keys(request, response, method, path);
      case "tags" -> {
        expect(method, "POST", parts, 3);
        requireAction(parts, "invalidate");
        String tag = name(parts.get(1), "tag");
        long removed = filter.invalidator().invalidateTag(tag);
        audit(request, "invalidated tag '" + tag + "' (" + removed + " entries)");
        write(response, 200, Map.of("tag", tag, "invalidated", removed));
      }
      case "routes" -> {
        expect(method, "POST", parts, 3);
        requireAction(parts, "purge");
        String route = name(parts.get(1), "route");
        if (filter.rules().route(route).isEmpty()) {
          throw new Refused(400, "no route '" + route + "'; routes: " + routeNames());
        }
        filter.invalidator().purgeRoute(route);
        audit(request, "purged route '" + route + "'");
        write(response, 200, Map.of("route", route, "purged", true));
      }
      case "caches" -> {
        expect(method, "POST", parts, 3);
        requireAction(parts, "clear");
        String name = name(parts.get(1), "cache");
        Optional<Cache> cache =
            cachelet().caches().stream().filter(c -> c.name().equals(name)).findFirst();
        if (cache.isEmpty()) {
          throw new Refused(400, "no cache '" + name + "'; caches: " + cacheNames());
        }
        long cleared = answered(cachelet().store(), cache.get()::clear);
        audit(request, "cleared cache '" + name + "' (" + cleared + " entries)");
        write(response, 200, Map.of("cache", name, "cleared", cleared));
      }
      case "explain" -> {
        expect(method, "GET", parts, 1);
        write(response, 200, explain(request));
      }
      default -> throw new Refused(404, "no admin endpoint '" + path + "'");
    }
  }

  private static void expect(String method, String allowed, List<String> parts, int size)
      throws Refused {
    if (parts.size() != size) {
      throw new Refused(404, "no admin endpoint '/" + String.join("/", parts) + "'");
    }
    if (!method.equals(allowed)) {
      throw new Refused(405, method + " is not allowed here; use " + allowed);
    }
  }

  private static void requireAction(List<String> parts, String action) throws Refused {
    if (!parts.get(2).equals(action)) {
      throw new Refused(404, "no admin endpoint '/" + String.join("/", parts) + "'");
    }
  }

  private static String name(String text, String what) throws Refused {
    if (!NAME.matcher(text).matches()) {
      throw new Refused(
          400, what + " must be 1 to 200 letters, digits or . _ ~ : @ -, not '" + text + "'");
    }
    return text;
  }

  private Cachelet cachelet() {
    return filter.cachelet();
  }

  private String prefix() {
    return cachelet().config().keyPrefix() + ":";
  }

  // ---- stats and health

  private Map<String, Object> stats() {
    Map<String, Object> body = new LinkedHashMap<>();
    CacheStore store = cachelet().store();
    body.put(
        "store",
        Map.of(
            "backend",
            store.backend(),
            "breaker",
            store.breakerState().name().toLowerCase(Locale.ROOT)));
    Map<String, Object> caches = new TreeMap<>();
    for (Cache cache : cachelet().caches()) {
      CacheStats s = cache.stats();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("hits", s.hits());
      c.put("misses", s.misses());
      c.put("hitRatio", s.hitRatio());
      c.put("loads", s.loads());
      c.put("loadFailures", s.loadFailures());
      c.put("loadTimeMillis", millis(s.loadTime()));
      c.put("coalescedWaits", s.coalescedWaits());
      c.put("errors", s.errors() + s.decodeFailures());
      c.put("decryptFailures", s.decryptFailures());
      caches.put(cache.name(), c);
    }
    body.put("caches", caches);
    Map<String, Object> routes = new TreeMap<>();
    Map<String, RouteStats> routeStats = filter.routeStats();
    Map<String, Long> decryptFailures = filter.decryptFailures();
    for (Route route : filter.rules().routes()) {
      RouteStats s =
          routeStats.getOrDefault(
              route.name(), new RouteStats(route.name(), 0, 0, 0, 0, Map.of(), 0, Duration.ZERO));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("pattern", route.pattern());
      r.put("hits", s.hits());
      r.put("misses", s.misses());
      r.put("hitRatio", s.hitRatio());
      r.put("staleHits", s.staleHits());
      r.put("bypasses", s.bypasses());
      r.put("bypassReasons", s.bypassReasons());
      r.put("errors", s.errors());
      r.put("decryptFailures", decryptFailures.getOrDefault(route.name(), 0L));
      r.put("loadTimeMillis", millis(s.originTime()));
      routes.put(route.name(), r);
    }
    body.put("routes", routes);
    FilterStats f = filter.stats();
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("hits", f.hits());
    totals.put("staleHits", f.staleHits());
    totals.put("misses", f.misses());
    totals.put("stored", f.stored());
    totals.put("revalidated", f.revalidated());
    totals.put("bypasses", f.bypasses());
    totals.put("storeUnavailable", f.storeUnavailable());
    body.put("filter", totals);
    body.put("topUrls", filter.topUrls(10));
    return body;
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1_000_000.0;
  }

  private static Map<String, Object> health(StoreHealth health) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", health.status().name());
    body.put("backend", health.backend());
    body.put("latencyMillis", health.latency().map(CacheAdminServlet::millis).orElse(null));
    body.put("breaker", health.breaker().name().toLowerCase(Locale.ROOT));
    body.put(
        "pool",
        Map.of(
            "active", health.pool().active(),
            "idle", health.pool().idle(),
            "waiters", health.pool().waiters(),
            "max", health.pool().max()));
    body.put("lastError", health.lastError().orElse(null));
    return body;
  }

  // ---- keys

  private void keys(
      HttpServletRequest request, HttpServletResponse response, String method, String path)
      throws IOException, Refused {
    CacheStore store = cachelet().store();
    if (path.equals("/keys")) {
      if (method.equals("GET")) {
        String pattern = glob(Optional.ofNullable(request.getParameter("pattern")).orElse("*"));
        String cursor = Optional.ofNullable(request.getParameter("cursor")).orElse(ScanPage.START);
        if (!CURSOR.matcher(cursor).matches()
            || (store.backend().equals("redis") && !isRedisCursor(cursor))) {
          throw new Refused(
              400, "cursor must be a cursor an earlier page returned, not '" + cursor + "'");
        }
        int count = count(request.getParameter("count"));
        ScanPage page = answered(store, () -> store.scan(prefix() + pattern, cursor, count));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keys", page.storeKeys());
        body.put("cursor", page.cursor());
        body.put("done", page.isLast());
        write(response, 200, body);
        return;
      }
      if (method.equals("DELETE")) {
        String given = request.getParameter("pattern");
        if (given == null || given.isEmpty()) {
          throw new Refused(400, "pattern is required");
        }
        boolean asGlob = "true".equals(request.getParameter("glob"));
        String pattern = asGlob ? glob(given) : Glob.escape(literal(given)) + "*";
        if (asGlob
            && given.chars().allMatch(c -> c == '*')
            && !"true".equals(request.getParameter("confirm"))) {
          throw new Refused(
              400,
              "pattern '" + given + "' deletes every key of the application: add confirm=true");
        }
        // through the filter, so that no response being stored meanwhile outlives the delete
        long deleted = filter.invalidator().deleteKeys(prefix() + pattern);
        audit(request, "deleted " + deleted + " keys matching '" + prefix() + pattern + "'");
        write(response, 200, Map.of("pattern", prefix() + pattern, "deleted", deleted));
        return;
      }
      throw new Refused(405, method + " is not allowed here; use GET or DELETE");
    }
    String key = literal(path.substring("/keys/".length()));
    if (!key.startsWith(prefix())) {
      throw new Refused(400, "key must start with this application's prefix '" + prefix() + "'");
    }
    if (method.equals("GET")) {
      Optional<Duration> ttl = answered(store, () -> store.ttl(key));
      if (ttl.isEmpty()) {
        throw new Refused(404, "no key '" + key + "'");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("key", key);
      body.put("kind", kind(key));
      body.put(
          "ttlMillis",
          ttl.filter(t -> !t.equals(CacheStore.NO_EXPIRY)).map(Duration::toMillis).orElse(null));
      // an index is a set: reading it as a value is an error the store would count as its own
      if (HttpStore.isIndex(key.substring(prefix().length()))) {
        Set<String> members = answered(store, () -> store.setMembers(key));
        body.put("members", members.size());
        body.put("preview", preview(String.join(" ", new TreeSet<>(members)).getBytes(UTF_8)));
      } else {
        byte[] value = answered(store, () -> store.get(key));
        body.put("sizeBytes", value == null ? null : value.length);
        // a sealed value is only ever shown as such: its plaintext is not the admin's to read
        boolean sealed = value != null && EntryCipher.isSealed(value);
        if (sealed) {
          body.put("encrypted", true);
        }
        body.put("preview", value == null || sealed ? null : preview(value));
      }
      write(response, 200, body);
    } else if (method.equals("DELETE")) {
      boolean deleted = filter.invalidator().deleteKey(key);
      audit(request, "deleted key '" + key + "' (" + (deleted ? "existed" : "absent") + ")");
      write(response, 200, Map.of("key", key, "deleted", deleted));
    } else {
      throw new Refused(405, method + " is not allowed here; use GET or DELETE");
    }
  }

  /**
   * What {@code call} on {@code store} answered, unless the store answered it from its fallback:
   * the resilient store turns an outage into an empty page, an absent key or nothing deleted, which
   * an operator must not take for the truth. Its failure count moving during the call tells.
   *
   * @throws StoreUnavailableException when the store failed, or its breaker was open, meanwhile
   */
  private static <T> T answered(CacheStore store, Supplier<T> call) {
    long before = store.failures();
    T answer = call.get();
    if (store.failures() != before) {
      throw new StoreUnavailableException(
          "it failed or its circuit breaker is open; nothing here is known to have been done"
              + " (a delete may have gone part of the way): try again once health is UP",
          null);
    }
    return answer;
  }

  /**
   * Whether Redis takes {@code cursor}: an unsigned 64-bit number. Redis answers a larger one with
   * an error, which the store would count as a failure of its own and answer as an empty last page.
   */
  private static boolean isRedisCursor(String cursor) {
    if (!cursor.matches("\\d{1,20}")) {
      return false;
    }
    try {
      Long.parseUnsignedLong(cursor);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int count(String text) throws Refused {
    if (text == null) {
      return DEFAULT_COUNT;
    }
    if (text.matches("\\d{1,9}")) {
      int count = Integer.parseInt(text);
      if (count >= 1 && count <= MAX_COUNT) {
        return count;
      }
    }
    throw new Refused(
        400, "count must be a number from 1 to " + MAX_COUNT + ", not '" + text + "'");
  }

  /** Checks a Redis glob: printable, bounded, brackets closed, no dangling escape. */
  private static String glob(String pattern) throws Refused {
    literal(pattern);
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) {
          throw new Refused(400, "pattern ends in an escape: '" + pattern + "'");
        }
        i++;
      } else if (c == '[' && !inClass) {
        inClass = true;
      } else if (c == ']' && inClass) {
        inClass = false;
      }
    }
    if (inClass) {
      throw new Refused(400, "pattern has an unclosed '[': '" + pattern + "'");
    }
    return pattern;
  }

  /** Checks text that goes into a key or pattern: bounded and printable. */
  private static String literal(String text) throws Refused {
    if (text.isEmpty() || text.length() > MAX_PATTERN) {
      throw new Refused(400, "must be 1 to " + MAX_PATTERN + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new Refused(400, "control characters and whitespace are never part of a key");
      }
    }
    return text;
  }

  /** The area of a key: {@code http}, {@code method}, or what its second part says. */
  private String kind(String key) {
    String rest = key.substring(prefix().length());
    int colon = rest.indexOf(':');
    return colon < 0 ? "other" : rest.substring(0, colon);
  }

  /** The value's printable ASCII, other bytes as dots, at most {@value #PREVIEW_BYTES} bytes. */
  private static String preview(byte[] value) {
    int length = Math.min(value.length, PREVIEW_BYTES);
    byte[] shown = new byte[length];
    for (int i = 0; i < length; i++) {
      byte b = value[i];
      shown[i] = b >= 0x20 && b < 0x7f ? b : (byte) '.';
    }
    return new String(shown, StandardCharsets.US_ASCII) + (value.length > length ? "…" : "");
  }

  // ---- explain

  private Map<String, Object> explain(HttpServletRequest request) throws Refused {
    String url = request.getParameter("url");
    if (url == null || url.isEmpty() || url.length() > 2048) {
      throw new Refused(400, "url is required, at most 2048 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused(400, "url is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() != null && !Set.of("http", "https").contains(uri.getScheme())) {
      throw new Refused(400, "url must be http or https, or a path");
    }
    if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
      throw new Refused(400, "url must have a path starting with '/'");
    }
    String scheme = uri.getScheme() == null ? request.getScheme() : uri.getScheme();
    String host = uri.getHost() == null ? request.getServerName() : uri.getHost();
    int port =
        uri.getPort() >= 0
            ? uri.getPort()
            : uri.getHost() == null ? request.getServerPort() : scheme.equals("https") ? 443 : 80;
    String path = PathPattern.normalise(uri.getPath());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("path", path);
    Optional<Route> found = filter.rules().routeFor(path);
    if (found.isEmpty()) {
      body.put("route", null);
      body.put("decision", "PASS: no route matches; the filter does not touch this URL");
      return body;
    }
    Route route = found.get();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", route.name());
    r.put("pattern", route.pattern());
    r.put("ttlMillis", route.ttl().toMillis());
    r.put("staleGraceMillis", route.staleGrace().toMillis());
    r.put("tags", route.tags());
    r.put("vary", route.vary());
    r.put("query", route.queryAllowlist().map(List::copyOf).orElse(null));
    r.put("perPrincipal", route.perPrincipal());
    body.put("route", r);
    RequestFacts facts =
        new RequestFacts(
            "GET",
            scheme,
            host.toLowerCase(Locale.ROOT),
            port,
            path,
            ServletFacts.query(uri.getRawQuery()),
            new Headers(),
            false,
            Optional.empty(),
            false,
            Set.of());
    CachePolicy.RequestDecision decision = new CachePolicy(filter.rules()).onRequest(facts, route);
    if (decision instanceof CachePolicy.Bypass bypass) {
      body.put("decision", "BYPASS: " + bypass.reason().detail());
      return body;
    }
    CanonicalKey key = ((CachePolicy.Lookup) decision).key();
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("scheme", scheme);
    parts.put("host", facts.host());
    parts.put("port", port);
    parts.put("path", path);
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, String> parameter : facts.query()) {
      if (route.queryAllowlist().map(a -> a.contains(parameter.getKey())).orElse(true)) {
        kept.add(parameter.getKey() + "=" + parameter.getValue());
      }
    }
    kept.sort(null);
    parts.put("query", kept);
    Map<String, String> vary = new LinkedHashMap<>();
    for (String header : route.vary()) {
      vary.put(header, CanonicalKey.varyValue(header, facts));
    }
    parts.put("vary", vary);
    parts.put("principal", route.perPrincipal() ? "hashed into the key" : "not part of the key");
    body.put("keyParts", parts);
    body.put("keyHash", key.hash());
    body.put("decision", "LOOKUP: served from the cache when fresh, else fetched and stored");
    return body;
  }

  // ---- output

  private static void audit(HttpServletRequest request, String what) {
    AUDIT.info("Admin: {} {}", AdminAccess.who(request), what);
  }

  private List<String> routeNames() {
    return filter.rules().routes().stream().map(Route::name).toList();
  }

  private List<String> cacheNames() {
    return cachelet().caches().stream().map(Cache::name).sorted().toList();
  }

  private static Map<String, Object> error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    return body;
  }

  private static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
