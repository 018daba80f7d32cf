package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.store.resilient.ResilientStore;
import io.cachelet.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter's behaviour in a real servlet container through a real HTTP client. Subclasses choose
 * the container; every test runs on each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResponseCacheFilterContract {

  static final Duration TTL = Duration.ofSeconds(60);

  /** The container to run in. */
  abstract TestContainer newContainer();

  /** The store under test; the in-process one unless a subclass says otherwise. */
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return MemoryStore.create(64 << 20, clock);
  }

  /**
   * {@code config} tuned for the suites on a real Redis: a pool as large as the 200-request burst,
   * so the burst is not an outage, and generous timeouts, because the suite tests HTTP semantics,
   * not timeouts (on a busy machine a 200 ms reply deadline can expire and turn a lock taken into
   * one refused).
   */
  static CacheletConfig.Builder onRedis(CacheletConfig config) {
    return config.toBuilder()
        .poolMax(64)
        .poolWait(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(2));
  }

  final TestClock clock = TestClock.at(Instant.parse("2026-11-01T12:00:00Z"));
  final OriginServlet origin = new OriginServlet();
  final List<TestContainer> containers = new ArrayList<>();
  final HttpClient client = http11Client();
  final Set<String> stored = ConcurrentHashMap.newKeySet();
  SwitchableStore store;
  Cachelet cachelet;
  ResponseCacheFilter filter;
  URI base;
  String test;

  static RouteRules rules(boolean shadow) {
    return RouteRules.builder()
        .route(
            "r",
            "/r/**",
            b ->
                b.ttl(TTL)
                    .staleGrace(Duration.ofHours(1))
                    .statuses(200, 404)
                    .maxBodyBytes(64 << 10)
                    .tags("everything"))
        .route("cdn", "/cdn/**", b -> b.ttlFromTargetedField("CDN-Cache-Control"))
        .route("kept", "/k/**", b -> b.ttl(TTL).keep(Duration.ofHours(1)))
        .route("pp", "/pp/**", b -> b.perPrincipal(true))
        .route("locked", "/locked/**", b -> b.lock(Duration.ofSeconds(5)))
        .route("writes", "/w/**", b -> b.evictTags("everything").evictRoutes("lang"))
        .route(
            "lang", "/lang/**", b -> b.vary("Accept-Language").queryAllowlist(List.of("page", "t")))
        .shadow(shadow)
        // long, so that a test can tell waiters released early from waiters that gave up
        .stampedeWait(Duration.ofSeconds(30))
        .build();
  }

  /** The client of the filter suites: HTTP/1.1 only, as most clients behind a servlet speak. */
  static HttpClient http11Client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A config with a key prefix of this run's own: a shared Redis may hold other runs' entries. */
  static CacheletConfig configOfItsOwn() {
    return CacheletConfig.builder()
        .keyPrefix("t" + Long.toHexString(ThreadLocalRandom.current().nextLong()))
        .build();
  }

  @BeforeAll
  void startContainer() throws Exception {
    CacheletConfig config = configOfItsOwn();
    store = new SwitchableStore(newStore(config, clock));
    cachelet = Cachelet.create(config, store, clock);
    filter = new ResponseCacheFilter(rules(false), cachelet, clock);
    base = start(filter);
    filter.onStored(stored::add);
  }

  URI start(ResponseCacheFilter cacheFilter) throws Exception {
    TestContainer container = newContainer();
    containers.add(container);
    return container.start(origin, new TestPrincipalFilter(), cacheFilter);
  }

  @AfterAll
  void stopContainers() throws Exception {
    for (TestContainer container : containers) {
      container.stop();
    }
    cachelet.close();
  }

  @BeforeEach
  void name(TestInfo info) {
    test = info.getTestMethod().orElseThrow().getName();
    store.broken = false;
    store.writeDelayMillis = 0;
    origin.failing = false;
    origin.gate = null;
    origin.entered = null;
    origin.version = 1;
    origin.notModified.set(0);
  }

  // ---- helpers

  /** {@code path} under the context, made unique to the test by a query parameter. */
  String path(String path) {
    return path + (path.contains("?") ? "&" : "?") + "t=" + test;
  }

  int calls(String path) {
    return origin.calls(path(path));
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  HttpResponse<byte[]> send(String method, String path, String body, String... headers)
      throws Exception {
    return send(base, method, path, body, headers);
  }

  HttpResponse<byte[]> send(URI at, String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(at + path(path))).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * A GET whose response is stored before this returns: the filter stores after the client has its
   * response, so a test that changes the world right after a miss waits for the write.
   */
  HttpResponse<byte[]> getStored(String path, String... headers) throws Exception {
    stored.remove(path(path));
    HttpResponse<byte[]> response = get(path, headers);
    awaitStored(path);
    return response;
  }

  void awaitStored(String path) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stored.contains(path(path)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(stored).contains(path(path));
  }

  static String xCache(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  static String cacheStatus(HttpResponse<?> response) {
    return response.headers().firstValue("Cache-Status").orElse("");
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  void assertBypass(HttpResponse<byte[]> response, String detail) {
    assertThat(xCache(response)).isEqualTo("BYPASS");
    assertThat(cacheStatus(response)).startsWith("Cachelet; ").endsWith("detail=" + detail);
  }

  /** Two requests: both reach the application, both report {@code detail}. */
  void assertNeverCached(String path, String detail, String... headers) throws Exception {
    HttpResponse<byte[]> first = get(path, headers);
    HttpResponse<byte[]> second = get(path, headers);
    assertBypass(first, detail);
    assertBypass(second, detail);
    assertThat(calls(path)).isEqualTo(2);
  }

  /** The headers a hit must repeat from the miss: all but the per-response ones. */
  static Map<String, List<String>> endToEnd(HttpResponse<?> response) {
    Map<String, List<String>> out = new TreeMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              switch (name.toLowerCase()) {
                case "date", "age", "x-cache", "cache-status", "keep-alive", "connection" -> {}
                default -> out.put(name.toLowerCase(), values);
              }
            });
    return out;
  }

  // ---- never cached

  @Test
  void anUnsafeRequestIsNotCachedAndEvictsTheStoredEntriesOfItsUri() throws Exception {
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(xCache(get("/r/plain"))).isEqualTo("HIT");
    HttpResponse<byte[]> post = send("POST", "/r/plain", "form=1");
    assertThat(xCache(post)).isEqualTo("BYPASS");
    assertThat(cacheStatus(post)).isEqualTo("Cachelet; fwd=method; detail=METHOD");
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(calls("/r/plain")).isEqualTo(3);
  }

  @Test
  void anUnsafeRequestAlsoEvictsTheUriInItsLocationHeader() throws Exception {
    getStored("/r/plain");
    assertThat(send("POST", "/lang/create", "item=1").statusCode()).isEqualTo(201);
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
  }

  @Test
  void anUnsafeRequestEvictsTheTagsAndRoutesItsRouteNames() throws Exception {
    getStored("/r/plain");
    getStored("/lang/plain");
    assertThat(send("PUT", "/w/plain", "data").statusCode()).isEqualTo(200);
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(xCache(get("/lang/plain"))).isEqualTo("MISS");
  }

  @Test
  void aRequestWithAuthorizationIsNeverCached() throws Exception {
    assertNeverCached("/r/plain", "AUTHORIZATION", "Authorization", "Basic dTpw");
  }

  @Test
  void anAuthenticatedRequestIsNeverCached() throws Exception {
    assertNeverCached("/r/plain", "AUTHENTICATED", "X-Test-User", "alice");
  }

  @Test
  void aRequestInAnExistingSessionIsNeverCached() throws Exception {
    HttpResponse<byte[]> login = send(base, "GET", "/login", null);
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow()
            .split(";")[0];
    assertNeverCached("/r/plain", "SESSION", "Cookie", cookie);
  }

  @Test
  void aRequestWithASessionCookieIsNeverCached() throws Exception {
    assertNeverCached("/r/plain", "AUTH-COOKIE", "Cookie", "JSESSIONID=not-a-live-session");
  }

  @Test
  void aGetWithABodyIsNeverCached() throws Exception {
    HttpResponse<byte[]> first = send("GET", "/r/plain", "body");
    HttpResponse<byte[]> second = send("GET", "/r/plain", "body");
    assertBypass(first, "REQUEST-BODY");
    assertBypass(second, "REQUEST-BODY");
  }

  @Test
  void requestsWithOverrideHeadersAreNeverCached() throws Exception {
    for (String header : List.of("X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override")) {
      assertBypass(get("/r/plain", header, "/admin"), "OVERRIDE-HEADER");
    }
    assertThat(calls("/r/plain")).isEqualTo(3);
  }

  @Test
  void anUntrustedForwardedHostIsNeverCached() throws Exception {
    assertNeverCached("/r/plain", "FORWARDED-HOST", "X-Forwarded-Host", "evil.example");
  }

  @Test
  void aResponseThatSetsACookieIsNeverStoredNorReplayed() throws Exception {
    HttpResponse<byte[]> first = get("/r/cookie");
    HttpResponse<byte[]> second = get("/r/cookie");
    assertBypass(first, "SET-COOKIE");
    assertThat(first.headers().firstValue("Set-Cookie").orElse("")).contains("tracking=u-1");
    assertThat(second.headers().firstValue("Set-Cookie").orElse("")).contains("tracking=u-2");
    assertNeverCached("/r/cookie-header", "SET-COOKIE");
  }

  @Test
  void privateNoStoreAndNoCacheResponsesAreNeverStored() throws Exception {
    assertNeverCached("/r/private", "PRIVATE");
    assertNeverCached("/r/no-store", "NO-STORE");
    assertNeverCached("/r/no-cache", "NO-CACHE");
  }

  @Test
  void aResponseThatVariesOnEverythingIsNeverStored() throws Exception {
    assertNeverCached("/r/vary-star", "VARY-STAR");
  }

  @Test
  void aResponseThatVariesOnAnUnkeyedHeaderIsNeverStored() throws Exception {
    assertNeverCached("/r/vary-cookie", "VARY-NOT-KEYED");
  }

  @Test
  void statusesOutsideTheRoutesListAreNeverStoredButListedOnesAre() throws Exception {
    assertNeverCached("/r/teapot", "STATUS");
    assertNeverCached("/r/server-error", "STATUS");
    assertThat(get("/r/not-found").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> hit = get("/r/not-found");
    assertThat(hit.statusCode()).isEqualTo(404);
    assertThat(xCache(hit)).isEqualTo("HIT");
  }

  @Test
  void sendErrorAndSendRedirectAreNeverStored() throws Exception {
    for (String path : List.of("/r/send-error", "/r/redirect")) {
      HttpResponse<byte[]> first = get(path);
      HttpResponse<byte[]> second = get(path);
      assertThat(xCache(first)).isNotEqualTo("HIT");
      assertThat(xCache(second)).isNotEqualTo("HIT");
      assertThat(calls(path)).isEqualTo(2);
    }
  }

  @Test
  void anEventStreamIsNeverStored() throws Exception {
    assertNeverCached("/r/events", "EVENT-STREAM");
  }

  @Test
  void aBodyOverTheLimitStreamsThroughWhole() throws Exception {
    HttpResponse<byte[]> first = get("/r/big?size=200000");
    HttpResponse<byte[]> second = get("/r/big?size=200000");
    assertBypass(first, "TOO-LARGE");
    assertThat(first.body()).hasSize(200_000);
    assertThat(second.body()).hasSize(200_000);
    assertThat(calls("/r/big?size=200000")).isEqualTo(2);
  }

  @Test
  void aResponseWhoseChainThrewIsNeverStored() throws Exception {
    assertThat(get("/r/throw").statusCode()).isEqualTo(500);
    assertThat(get("/r/throw").statusCode()).isEqualTo(500);
    assertThat(calls("/r/throw")).isEqualTo(2);
  }

  @Test
  void aClientsNoCacheDoesNotForceAnOriginFetch() throws Exception {
    get("/r/plain");
    HttpResponse<byte[]> refresh =
        get("/r/plain", "Cache-Control", "no-cache", "Pragma", "no-cache");
    assertThat(xCache(refresh)).isEqualTo("HIT");
    assertThat(calls("/r/plain")).isEqualTo(1);
  }

  @Test
  void aForwardIsNeverCachedUnderTheUrlItWasDispatchedTo() throws Exception {
    HttpResponse<byte[]> forwarded = get("/other/forward");
    assertThat(text(forwarded)).isEqualTo("plain /r/plain");
    assertThat(forwarded.headers().firstValue("X-Cache")).isEmpty();
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
  }

  @Test
  void aPathWithoutARouteIsLeftAlone() throws Exception {
    HttpResponse<byte[]> response = get("/other/plain");
    assertThat(response.headers().firstValue("X-Cache")).isEmpty();
    assertThat(response.headers().firstValue("Cache-Status")).isEmpty();
  }

  // ---- TTL sources

  @Test
  void aTargetedCdnCacheControlOverridesCacheControlForThisCache() throws Exception {
    get("/cdn/cdn");
    HttpResponse<byte[]> hit = get("/cdn/cdn");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(cacheStatus(hit)).contains("ttl=120");
    assertNeverCached("/cdn/max-age", "ZERO-TTL");
  }

  // ---- hits

  @Test
  void aHitIsByteIdenticalToTheMissWrittenWithAWriter() throws Exception {
    HttpResponse<byte[]> miss = get("/r/writer");
    HttpResponse<byte[]> hit = get("/r/writer");
    assertThat(xCache(miss)).isEqualTo("MISS");
    assertThat(cacheStatus(miss)).isEqualTo("Cachelet; fwd=miss; fwd-status=200; stored");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(cacheStatus(hit)).startsWith("Cachelet; hit; ttl=60");
    assertThat(hit.statusCode()).isEqualTo(miss.statusCode()).isEqualTo(200);
    assertThat(hit.body()).isEqualTo(miss.body());
    assertThat(text(hit)).isEqualTo(OriginServlet.TEXT);
    assertThat(hit.headers().firstValue("Content-Type").orElseThrow().toLowerCase())
        .startsWith("text/html")
        .contains("charset=utf-8");
    assertThat(endToEnd(hit)).isEqualTo(endToEnd(miss));
    assertThat(hit.headers().allValues("X-App")).containsExactly("one", "two");
    assertThat(hit.headers().firstValue("ETag").orElseThrow()).startsWith("\"");
    assertThat(hit.headers().firstValue("Age")).contains("0");
    assertThat(calls("/r/writer")).isEqualTo(1);
  }

  @Test
  void aHitIsByteIdenticalToTheMissWrittenToTheStream() throws Exception {
    HttpResponse<byte[]> miss = get("/r/stream");
    HttpResponse<byte[]> hit = get("/r/stream");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.body()).isEqualTo(miss.body()).hasSize(1000);
    assertThat(endToEnd(hit)).isEqualTo(endToEnd(miss));
  }

  @Test
  void theWritersCharsetIsTheOneInTheStoredContentType() throws Exception {
    for (String path : List.of("/r/default-charset", "/r/locale-charset")) {
      HttpResponse<byte[]> miss = getStored(path);
      HttpResponse<byte[]> hit = get(path);
      assertThat(xCache(hit)).isEqualTo("HIT");
      assertThat(hit.body()).isEqualTo(miss.body());
      String type = miss.headers().firstValue("Content-Type").orElseThrow();
      assertThat(hit.headers().firstValue("Content-Type")).contains(type);
      String charset = type.replaceFirst("(?i).*charset=", "").trim();
      String expected = path.endsWith("default-charset") ? "café" : "naïve ✓";
      assertThat(new String(hit.body(), java.nio.charset.Charset.forName(charset)))
          .isEqualTo(expected);
    }
  }

  @Test
  void theWriterAndTheStreamExcludeEachOther() throws Exception {
    assertThat(text(get("/r/both"))).isEqualTo("exclusive");
  }

  @Test
  void resetAndResetBufferDropWhatWasWrittenBefore() throws Exception {
    HttpResponse<byte[]> miss = get("/r/reset");
    HttpResponse<byte[]> hit = get("/r/reset");
    for (HttpResponse<byte[]> response : List.of(miss, hit)) {
      assertThat(text(response)).isEqualTo("clean body");
      assertThat(response.headers().firstValue("X-Gone")).isEmpty();
    }
    assertThat(xCache(hit)).isEqualTo("HIT");
  }

  @Test
  void flushBufferDoesNotCommitWhileCapturing() throws Exception {
    HttpResponse<byte[]> miss = get("/r/flush");
    assertThat(miss.headers().firstValue("X-Late")).contains("after-flush");
    assertThat(xCache(miss)).isEqualTo("MISS");
    assertThat(text(get("/r/flush"))).isEqualTo("part one, part two");
  }

  @Test
  void aLongContentLengthIsKept() throws Exception {
    get("/r/length");
    HttpResponse<byte[]> hit = get("/r/length");
    assertThat(hit.headers().firstValueAsLong("Content-Length")).hasValue(10);
    assertThat(text(hit)).isEqualTo("sized body");
  }

  @Test
  void aHeadMissFillsTheEntryAsAGetAndSendsNoBody() throws Exception {
    HttpResponse<byte[]> headFirst = send("HEAD", "/r/writer", null);
    assertThat(xCache(headFirst)).isEqualTo("MISS");
    assertThat(headFirst.body()).isEmpty();
    assertThat(origin.lastMethod).isEqualTo("GET");
    awaitStored("/r/writer");
    HttpResponse<byte[]> get = get("/r/writer");
    assertThat(xCache(get)).isEqualTo("HIT");
    assertThat(text(get)).isEqualTo(OriginServlet.TEXT);
    HttpResponse<byte[]> head = send("HEAD", "/r/writer", null);
    assertThat(xCache(head)).isEqualTo("HIT");
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .isEqualTo(get.headers().firstValue("Content-Length"));
    assertThat(calls("/r/writer")).isEqualTo(1);
  }

  @Test
  void concurrentHeadAndGetMissesReachTheApplicationOnce() throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path("/r/slow")))
              .timeout(Duration.ofSeconds(60))
              .method(i % 2 == 0 ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody())
              .build();
      responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (int i = 0; i < responses.size(); i++) {
      HttpResponse<byte[]> done = responses.get(i).get(90, TimeUnit.SECONDS);
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(text(done)).isEqualTo(i % 2 == 0 ? "" : "slow 1");
      assertThat(done.headers().firstValueAsLong("Content-Length")).hasValue(6);
    }
    assertThat(calls("/r/slow")).isEqualTo(1);
  }

  // ---- ranges (RFC 9110 §14)

  @Test
  void aRangeOfAStoredResponseIsCutFromTheCache() throws Exception {
    HttpResponse<byte[]> whole = getStored("/r/writer");
    byte[] body = whole.body();
    String etag = whole.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> part = get("/r/writer", "Range", "bytes=0-9");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 0-9/" + body.length);
    assertThat(part.headers().firstValueAsLong("Content-Length")).hasValue(10);
    assertThat(part.headers().firstValue("ETag")).contains(etag);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(body, 0, 10));
    assertThat(xCache(part)).isEqualTo("HIT");
    assertThat(cacheStatus(part)).contains("; hit").endsWith("detail=RANGE");

    assertThat(get("/r/writer", "Range", "bytes=-5").body())
        .isEqualTo(Arrays.copyOfRange(body, body.length - 5, body.length));
    HttpResponse<byte[]> open = get("/r/writer", "Range", "bytes=100-");
    assertThat(open.headers().firstValue("Content-Range"))
        .contains("bytes 100-" + (body.length - 1) + "/" + body.length);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(body, 100, body.length));
    HttpResponse<byte[]> past = get("/r/writer", "Range", "bytes=10-99999999999999999999999");
    assertThat(past.body()).isEqualTo(Arrays.copyOfRange(body, 10, body.length));
    assertThat(get("/r/writer").headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(calls("/r/writer")).isEqualTo(1);
  }

  @Test
  void anUnsatisfiableRangeIs416AndSeveralRangesGetTheWholeBody() throws Exception {
    byte[] body = getStored("/r/writer").body();
    HttpResponse<byte[]> beyond = get("/r/writer", "Range", "bytes=" + body.length + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + body.length);
    assertThat(beyond.body()).isEmpty();
    assertThat(cacheStatus(beyond)).endsWith("detail=RANGE");

    for (String ignored : List.of("bytes=0-1,5-6", "items=0-1", "bytes=9-1", "bytes=x-")) {
      HttpResponse<byte[]> response = get("/r/writer", "Range", ignored);
      assertThat(response.statusCode()).as(ignored).isEqualTo(200);
      assertThat(response.body()).as(ignored).isEqualTo(body);
    }
    assertThat(calls("/r/writer")).isEqualTo(1);
  }

  @Test
  void ifRangeGetsThePartOnlyWhileTheValidatorStillMatches() throws Exception {
    HttpResponse<byte[]> whole = getStored("/r/writer");
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/r/writer", "Range", "bytes=0-3", "If-Range", etag).statusCode())
        .isEqualTo(206);
    HttpResponse<byte[]> changed = get("/r/writer", "Range", "bytes=0-3", "If-Range", "\"old\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(whole.body());
    assertThat(get("/r/writer", "Range", "bytes=0-3", "If-Range", "W/" + etag).statusCode())
        .isEqualTo(200);
    assertThat(
            get("/r/writer", "Range", "bytes=0-3", "If-Range", "Sun, 06 Nov 1994 08:49:37 GMT")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRangeOnAMissFetchesTheWholeResponseOnceAndAnswersTheRange() throws Exception {
    HttpResponse<byte[]> part = get("/r/writer", "Range", "bytes=0-9");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(origin.lastRange).isNull();
    assertThat(cacheStatus(part)).contains("fwd=miss").contains("stored").endsWith("detail=RANGE");
    byte[] text = OriginServlet.TEXT.getBytes(StandardCharsets.UTF_8);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(text, 0, 10));
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 0-9/" + text.length);
    awaitStored("/r/writer");
    HttpResponse<byte[]> whole = get("/r/writer");
    assertThat(xCache(whole)).isEqualTo("HIT");
    assertThat(whole.body()).isEqualTo(text);
    assertThat(calls("/r/writer")).isEqualTo(1);
  }

  @Test
  void aGzipClientsRangeIsCutFromTheStoredGzipCoding() throws Exception {
    getStored("/r/writer");
    HttpResponse<byte[]> coded = get("/r/writer", "Accept-Encoding", "gzip");
    byte[] gzip = coded.body();
    HttpResponse<byte[]> part = get("/r/writer", "Accept-Encoding", "gzip", "Range", "bytes=0-19");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 0-19/" + gzip.length);
    assertThat(part.headers().firstValue("ETag")).isEqualTo(coded.headers().firstValue("ETag"));
    assertThat(part.headers().allValues("Vary"))
        .anySatisfy(v -> assertThat(v).contains("Accept-Encoding"));
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(gzip, 0, 20));
  }

  @Test
  void ifNoneMatchAnswersNotModifiedWithWeakComparisonOverAList() throws Exception {
    String etag = get("/r/writer").headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> exact = get("/r/writer", "If-None-Match", etag);
    assertThat(exact.statusCode()).isEqualTo(304);
    assertThat(exact.body()).isEmpty();
    assertThat(exact.headers().firstValue("ETag")).contains(etag);
    assertThat(get("/r/writer", "If-None-Match", "\"other\", W/" + etag).statusCode())
        .isEqualTo(304);
    assertThat(get("/r/writer", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void theApplicationsOwnValidatorsAreKeptAndAnswered() throws Exception {
    assertThat(get("/r/etag").headers().firstValue("ETag")).contains("W/\"v1\"");
    assertThat(get("/r/etag", "If-None-Match", "\"v1\"").statusCode()).isEqualTo(304);
    assertThat(get("/r/etag", "If-Modified-Since", "Sun, 01 Nov 2026 10:00:00 GMT").statusCode())
        .isEqualTo(304);
    assertThat(get("/r/etag", "If-Modified-Since", "Sat, 31 Oct 2026 10:00:00 GMT").statusCode())
        .isEqualTo(200);
  }

  @Test
  void oneGzipCopyServesGzipAndIdentityClients() throws Exception {
    HttpResponse<byte[]> gzipMiss = get("/r/writer", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> gzipHit = get("/r/writer", "Accept-Encoding", "gzip, deflate");
    HttpResponse<byte[]> identity = get("/r/writer");
    HttpResponse<byte[]> refuses = get("/r/writer", "Accept-Encoding", "gzip;q=0, br");
    assertThat(calls("/r/writer")).isEqualTo(1);
    assertThat(xCache(gzipHit)).isEqualTo("HIT");
    assertThat(gzipHit.headers().firstValue("Content-Encoding")).contains("gzip");
    String strong = identity.headers().firstValue("ETag").orElseThrow();
    assertThat(gzipHit.headers().firstValue("ETag")).contains("W/" + strong);
    assertThat(get("/r/writer", "Accept-Encoding", "gzip", "If-None-Match", strong).statusCode())
        .isEqualTo(304);
    assertThat(gunzip(gzipHit.body())).isEqualTo(OriginServlet.TEXT);
    assertThat(gzipHit.body().length).isLessThan(OriginServlet.TEXT.length());
    assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(text(identity)).isEqualTo(OriginServlet.TEXT);
    assertThat(text(refuses)).isEqualTo(OriginServlet.TEXT);
    assertThat(text(gzipMiss)).isEqualTo(OriginServlet.TEXT);
    for (HttpResponse<byte[]> response : List.of(gzipMiss, gzipHit, identity)) {
      assertThat(String.join(",", response.headers().allValues("Vary")))
          .contains("Accept-Encoding");
    }
  }

  @Test
  void aBodyThatArrivedCompressedIsNeverCompressedTwice() throws Exception {
    byte[] original = OriginServlet.gzip(OriginServlet.TEXT);
    HttpResponse<byte[]> miss = get("/r/gzipped", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> hit = get("/r/gzipped", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> identity = get("/r/gzipped");
    assertThat(miss.body()).isEqualTo(original);
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.body()).isEqualTo(original);
    assertThat(text(identity)).isEqualTo(OriginServlet.TEXT);
  }

  @Test
  void anAsyncResponseIsStoredWhenItCompletes() throws Exception {
    HttpResponse<byte[]> miss = get("/r/async");
    assertThat(text(miss)).isEqualTo("async " + OriginServlet.TEXT);
    assertThat(xCache(miss)).isEqualTo("MISS");
    HttpResponse<byte[]> hit = awaitHit("/r/async");
    assertThat(hit.body()).isEqualTo(miss.body());
    assertThat(hit.headers().firstValue("Content-Type").orElseThrow().toLowerCase())
        .contains("charset=utf-8");
  }

  /** The async entry is stored on onComplete, which may run just after the client got its bytes. */
  HttpResponse<byte[]> awaitHit(String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<byte[]> response = get(path);
    while (!xCache(response).equals("HIT") && System.nanoTime() < deadline) {
      Thread.sleep(20);
      response = get(path);
    }
    assertThat(xCache(response)).isEqualTo("HIT");
    return response;
  }

  @Test
  void aNonBlockingResponseIsWrittenThroughTheDelegatedWriteListenerAndStored() throws Exception {
    HttpResponse<byte[]> miss = get("/r/non-blocking");
    assertThat(text(miss)).isEqualTo("non-blocking " + OriginServlet.TEXT);
    HttpResponse<byte[]> hit = awaitHit("/r/non-blocking");
    assertThat(hit.body()).isEqualTo(miss.body());
    assertThat(calls("/r/non-blocking")).isEqualTo(1);
  }

  @Test
  void anAsyncResponseThatTimesOutIsNeverStored() throws Exception {
    for (int i = 0; i < 2; i++) {
      try {
        assertThat(xCache(get("/r/async-timeout"))).isNotEqualTo("HIT");
      } catch (IOException e) {
        // how a container ends a timed-out response is its own business
      }
    }
    assertThat(calls("/r/async-timeout")).isEqualTo(2);
  }

  @Test
  void anUnsafeRequestWinsOverAStoreWriteStillInProgress() throws Exception {
    store.writeDelayMillis = 500;
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    // the miss's write is under way (its index written, its entry not yet) when the POST comes
    assertThat(xCache(send("POST", "/r/plain", "form=1"))).isEqualTo("BYPASS");
    store.writeDelayMillis = 0;
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
  }

  @Test
  void aSlowStoreWriteDoesNotDelayTheResponse() throws Exception {
    store.writeDelayMillis = 4000;
    long start = System.nanoTime();
    HttpResponse<byte[]> miss = get("/r/writer");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(text(miss)).isEqualTo(OriginServlet.TEXT);
    assertThat(millis).as("the client waited for the store write").isLessThan(3000);
    awaitStored("/r/writer");
  }

  // ---- keys

  @Test
  void queryParametersAreSortedAndFilteredByTheAllowlist() throws Exception {
    get("/r/plain?a=1&b=2");
    assertThat(xCache(get("/r/plain?b=2&a=1"))).isEqualTo("HIT");
    get("/lang/plain?page=1&utm=x");
    assertThat(xCache(get("/lang/plain?utm=y&page=1"))).isEqualTo("HIT");
    assertThat(xCache(get("/lang/plain?page=2"))).isEqualTo("MISS");
  }

  @Test
  void acceptLanguageIsKeyedOnItsFirstTag() throws Exception {
    get("/lang/plain", "Accept-Language", "en-US,en;q=0.9");
    assertThat(xCache(get("/lang/plain", "Accept-Language", "en-US"))).isEqualTo("HIT");
    assertThat(xCache(get("/lang/plain", "Accept-Language", "de"))).isEqualTo("MISS");
  }

  @Test
  void aPerPrincipalRouteKeepsOneEntryPerUser() throws Exception {
    assertThat(xCache(get("/pp/plain", "X-Test-User", "alice"))).isEqualTo("MISS");
    assertThat(xCache(get("/pp/plain", "X-Test-User", "bob"))).isEqualTo("MISS");
    assertThat(xCache(get("/pp/plain", "X-Test-User", "alice"))).isEqualTo("HIT");
    assertBypass(get("/pp/plain", "Authorization", "Basic dTpw"), "AUTHORIZATION");
  }

  // ---- stampede and stale

  @Test
  void twoHundredConcurrentMissesReachTheApplicationOnce() throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path("/r/slow")))
              .timeout(Duration.ofSeconds(60))
              .build();
      responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
      HttpResponse<byte[]> done = response.get(90, TimeUnit.SECONDS);
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(text(done)).isEqualTo("slow 1");
    }
    assertThat(calls("/r/slow")).isEqualTo(1);
  }

  @Test
  void aWaiterIsReleasedAsSoonAsTheLeadersBodyOutgrowsTheLimit() throws Exception {
    origin.gate = new CountDownLatch(1);
    origin.entered = new CountDownLatch(1);
    try {
      CompletableFuture<HttpResponse<byte[]>> leader =
          CompletableFuture.supplyAsync(unchecked(() -> get("/r/big-held")));
      assertThat(origin.entered.await(30, TimeUnit.SECONDS)).isTrue();
      // the leader is still streaming its oversized body; the waiter must not wait for it
      HttpResponse<byte[]> waiter =
          CompletableFuture.supplyAsync(unchecked(() -> get("/r/big-held")))
              .get(15, TimeUnit.SECONDS);
      assertThat(waiter.body()).hasSize(200_000);
      assertThat(cacheStatus(waiter)).endsWith("detail=TOO-LARGE");
      assertThat(leader).isNotDone();
      origin.gate.countDown();
      assertThat(leader.get(30, TimeUnit.SECONDS).body()).hasSize(200_000);
      assertThat(calls("/r/big-held")).isEqualTo(2);
    } finally {
      origin.gate.countDown();
    }
  }

  @Test
  void concurrentRequestsForAnUncacheableResponseEachGetTheirOwn() throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      responses.add(CompletableFuture.supplyAsync(unchecked(() -> get("/r/slow-private?u=x"))));
    }
    for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
      HttpResponse<byte[]> done = response.get(30, TimeUnit.SECONDS);
      assertThat(text(done)).isEqualTo("for user x");
      assertThat(cacheStatus(done)).endsWith("detail=PRIVATE");
    }
    assertThat(calls("/r/slow-private?u=x")).isEqualTo(5);
  }

  @Test
  void aCrossInstanceLockLetsOneInstanceFill() throws Exception {
    // two web applications on one port stand for two instances sharing the store
    TestContainer twin = newContainer();
    containers.add(twin);
    List<URI> apps =
        twin.start(
            origin,
            List.of(
                List.of(new ResponseCacheFilter(rules(false), cachelet, clock)),
                List.of(new ResponseCacheFilter(rules(false), cachelet, clock))));
    CompletableFuture<HttpResponse<byte[]>> a =
        CompletableFuture.supplyAsync(
            unchecked(() -> send(apps.get(0), "GET", "/locked/slow", null)));
    CompletableFuture<HttpResponse<byte[]>> b =
        CompletableFuture.supplyAsync(
            unchecked(() -> send(apps.get(1), "GET", "/locked/slow", null)));
    assertThat(text(a.get(30, TimeUnit.SECONDS))).isEqualTo("slow 1");
    assertThat(text(b.get(30, TimeUnit.SECONDS))).isEqualTo("slow 1");
    assertThat(calls("/locked/slow")).isEqualTo(1);
  }

  @Test
  void whileOneRequestRefreshesAStaleEntryOthersGetTheStaleCopy() throws Exception {
    assertThat(text(getStored("/r/gated"))).isEqualTo("version 1");
    clock.advance(TTL.plusSeconds(1));
    origin.gate = new CountDownLatch(1);
    origin.entered = new CountDownLatch(1);
    CompletableFuture<HttpResponse<byte[]>> refresher =
        CompletableFuture.supplyAsync(unchecked(() -> get("/r/gated")));
    assertThat(origin.entered.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<byte[]> stale = get("/r/gated");
    assertThat(xCache(stale)).isEqualTo("STALE");
    assertThat(text(stale)).isEqualTo("version 1");
    assertThat(cacheStatus(stale)).isEqualTo("Cachelet; hit; ttl=-1");
    stored.remove(path("/r/gated"));
    origin.gate.countDown();
    HttpResponse<byte[]> refreshed = refresher.get(10, TimeUnit.SECONDS);
    awaitStored("/r/gated");
    assertThat(xCache(refreshed)).isEqualTo("MISS");
    assertThat(text(refreshed)).isEqualTo("version 2");
    assertThat(text(get("/r/gated"))).isEqualTo("version 2");
  }

  @Test
  void aFailingApplicationIsCoveredByTheStaleCopy() throws Exception {
    assertThat(text(getStored("/r/flaky"))).isEqualTo("healthy 1");
    clock.advance(TTL.plusSeconds(5));
    origin.failing = true;
    HttpResponse<byte[]> on503 = get("/r/flaky");
    assertThat(on503.statusCode()).isEqualTo(200);
    assertThat(text(on503)).isEqualTo("healthy 1");
    assertThat(xCache(on503)).isEqualTo("STALE");
    assertThat(cacheStatus(on503)).contains("fwd=stale; fwd-status=503").endsWith("ORIGIN-ERROR");
    origin.failing = false;
    getStored("/r/flaky?mode=throw");
    clock.advance(TTL.plusSeconds(5));
    origin.failing = true;
    HttpResponse<byte[]> onThrow = get("/r/flaky?mode=throw");
    assertThat(onThrow.statusCode()).isEqualTo(200);
    assertThat(xCache(onThrow)).isEqualTo("STALE");
  }

  // ---- revalidation (RFC 9111 §4.3)

  @Test
  void aStaleCopyIsRevalidatedAndA304RenewsItWithoutTheBody() throws Exception {
    HttpResponse<byte[]> first = getStored("/r/validated");
    assertThat(first.body()).isEqualTo(OriginServlet.validatedBody(1));
    assertThat(first.headers().firstValue("X-Checked")).contains("1");
    clock.advance(TTL.plusSeconds(1));

    stored.remove(path("/r/validated"));
    HttpResponse<byte[]> revalidated = get("/r/validated");
    assertThat(origin.lastIfNoneMatch).isEqualTo("\"v1\"");
    assertThat(origin.notModified).hasValue(1);
    assertThat(revalidated.statusCode()).isEqualTo(200);
    assertThat(revalidated.body()).isEqualTo(OriginServlet.validatedBody(1));
    assertThat(xCache(revalidated)).isEqualTo("REVALIDATED");
    assertThat(cacheStatus(revalidated))
        .isEqualTo("Cachelet; fwd=stale; fwd-status=304; stored; ttl=" + TTL.getSeconds());
    // §4.3.4: the 304's fields replace the stored ones
    assertThat(revalidated.headers().firstValue("X-Checked")).contains("2");
    assertThat(revalidated.headers().firstValue("Age")).contains("0");
    awaitStored("/r/validated");

    HttpResponse<byte[]> hit = get("/r/validated");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.headers().firstValue("X-Checked")).contains("2");
    assertThat(hit.body()).isEqualTo(OriginServlet.validatedBody(1));
    assertThat(calls("/r/validated")).isEqualTo(2);
  }

  @Test
  void aRenewalWritesTheHeadAndLeavesTheStoredBodyAlone() throws Exception {
    long before = store.bytesWritten.get();
    getStored("/r/validated");
    long firstStore = store.bytesWritten.get() - before;
    clock.advance(TTL.plusSeconds(1));
    stored.remove(path("/r/validated"));
    long beforeRenewal = store.bytesWritten.get();
    assertThat(xCache(get("/r/validated"))).isEqualTo("REVALIDATED");
    awaitStored("/r/validated");
    long renewal = store.bytesWritten.get() - beforeRenewal;
    assertThat(firstStore).isGreaterThan(32 << 10);
    assertThat(renewal).as("bytes written by the renewal").isLessThan(1 << 10);
    // the renewed head still reads with the body stored the first time
    HttpResponse<byte[]> hit = get("/r/validated");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.body()).isEqualTo(OriginServlet.validatedBody(1));
  }

  @Test
  void aChangedResourceAnswersTheRevalidationWithItsNewBody() throws Exception {
    getStored("/r/validated");
    origin.version = 2;
    clock.advance(TTL.plusSeconds(1));
    stored.remove(path("/r/validated"));
    HttpResponse<byte[]> changed = get("/r/validated");
    assertThat(xCache(changed)).isEqualTo("MISS");
    assertThat(changed.body()).isEqualTo(OriginServlet.validatedBody(2));
    awaitStored("/r/validated");
    assertThat(get("/r/validated").headers().firstValue("ETag")).contains("\"v2\"");
    assertThat(origin.notModified).hasValue(0);
  }

  @Test
  void theClientsOwnValidatorsAreAnsweredByTheCacheNotPassedOn() throws Exception {
    getStored("/r/validated");
    clock.advance(TTL.plusSeconds(1));
    HttpResponse<byte[]> conditional = get("/r/validated", "If-None-Match", "\"v1\"");
    assertThat(conditional.statusCode()).isEqualTo(304);
    assertThat(xCache(conditional)).isEqualTo("REVALIDATED");
    assertThat(conditional.body()).isEmpty();
    clock.advance(TTL.plusSeconds(1));
    // a client holding another version gets the whole copy, though the cache's own was current
    HttpResponse<byte[]> other = get("/r/validated", "If-None-Match", "\"v0\"");
    assertThat(origin.lastIfNoneMatch).isEqualTo("\"v1\"");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(OriginServlet.validatedBody(1));
  }

  @Test
  void lastModifiedRevalidatesWithIfModifiedSince() throws Exception {
    getStored("/r/modified");
    clock.advance(TTL.plusSeconds(1));
    HttpResponse<byte[]> revalidated = get("/r/modified");
    assertThat(xCache(revalidated)).isEqualTo("REVALIDATED");
    assertThat(text(revalidated)).isEqualTo("modified version 1");
    assertThat(origin.notModified).hasValue(1);
  }

  @Test
  void aCopyKeptPastItsGraceIsRevalidatedButNeverServedUnvalidated() throws Exception {
    getStored("/k/validated");
    clock.advance(TTL.plusSeconds(30));
    stored.remove(path("/k/validated"));
    HttpResponse<byte[]> revalidated = get("/k/validated");
    assertThat(xCache(revalidated)).isEqualTo("REVALIDATED");
    assertThat(revalidated.body()).isEqualTo(OriginServlet.validatedBody(1));
    awaitStored("/k/validated");
    assertThat(xCache(get("/k/validated"))).isEqualTo("HIT");

    getStored("/k/flaky");
    clock.advance(TTL.plusSeconds(30));
    origin.failing = true;
    // no stale grace on this route: an error page is not covered by the kept copy
    HttpResponse<byte[]> failed = get("/k/flaky");
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(xCache(failed)).isNotEqualTo("STALE");
  }

  // ---- invalidation

  @Test
  void tagsFromTheRouteAndTheResponseInvalidateEntries() throws Exception {
    HttpResponse<byte[]> miss = getStored("/r/tagged");
    assertThat(miss.headers().firstValue("Cache-Tag")).isEmpty();
    assertThat(xCache(get("/r/tagged"))).isEqualTo("HIT");
    assertThat(filter.invalidator().invalidateTag("product-7")).isEqualTo(1);
    assertThat(xCache(getStored("/r/tagged"))).isEqualTo("MISS");
    assertThat(filter.invalidator().invalidateTag("everything")).isPositive();
    assertThat(xCache(get("/r/tagged"))).isEqualTo("MISS");
  }

  @Test
  void aRoutePurgeAndAFullPurgeDropEverythingAtOnce() throws Exception {
    getStored("/r/plain");
    getStored("/lang/plain");
    filter.invalidator().purgeRoute("r");
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(xCache(get("/lang/plain"))).isEqualTo("HIT");
    filter.invalidator().purgeAll();
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(xCache(get("/lang/plain"))).isEqualTo("MISS");
  }

  @Test
  void aPurgeAppliesAtOnceWhereMadeAndElsewhereWithinTheGenerationRefresh() throws Exception {
    // two web applications on one port stand for two instances sharing the store
    TestContainer twin = newContainer();
    containers.add(twin);
    ResponseCacheFilter first = new ResponseCacheFilter(rules(false), cachelet, clock);
    ResponseCacheFilter elsewhere = new ResponseCacheFilter(rules(false), cachelet, clock);
    List<URI> apps = twin.start(origin, List.of(List.of(first), List.of(elsewhere)));
    first.onStored(stored::add);
    URI here = apps.get(0);
    URI there = apps.get(1);
    // a hit here may come from the write still queued here: the other instance sees only the store
    awaitHit(here, "/r/plain");
    awaitStored("/r/plain");
    assertThat(xCache(send(there, "GET", "/r/plain", null))).isEqualTo("HIT");
    clock.advance(Duration.ofSeconds(10));
    elsewhere.invalidator().purgeRoute("r");
    assertThat(xCache(send(there, "GET", "/r/plain", null))).isEqualTo("MISS");
    awaitHit(there, "/r/plain");
    // the first instance drops the copy stored before the purge (now 10 s old) once it re-reads
    // the generations, and serves the one stored after it
    long deadline = System.nanoTime() + Cache.GENERATION_REFRESH.multipliedBy(5).toNanos();
    while (!age(send(here, "GET", "/r/plain", null)).equals("0")
        && System.nanoTime() - deadline < 0) {
      Thread.sleep(50);
    }
    assertThat(age(send(here, "GET", "/r/plain", null))).isEqualTo("0");
    assertThat(calls("/r/plain")).isEqualTo(2);
  }

  /** Asks until {@code path} is a hit: the filter stores after the client has its response. */
  void awaitHit(URI at, String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!xCache(send(at, "GET", path, null)).equals("HIT") && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
    }
  }

  static String age(HttpResponse<?> response) {
    return response.headers().firstValue("Age").orElse("");
  }

  // ---- store down, shadow

  @Test
  void anUnavailableStoreSendsRequestsToTheApplication() throws Exception {
    getStored("/r/writer");
    store.broken = true;
    HttpResponse<byte[]> down = get("/r/writer");
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(text(down)).isEqualTo(OriginServlet.TEXT);
    assertBypass(down, "STORE-UNAVAILABLE");
    store.broken = false;
    assertThat(xCache(get("/r/writer"))).isEqualTo("HIT");
  }

  @Test
  void anOutageTheResilientStoreAbsorbsIsSeenThroughAStoreInFrontOfIt() throws Exception {
    // regression: the test store in front did not pass failures() and breakerState() on, so the
    // misses of a failing store behind it read as an empty cache and the filter called it MISS
    CacheletConfig config = CacheletConfig.builder().keyPrefix("absorbed").build();
    SwitchableStore backend = new SwitchableStore(MemoryStore.create(1 << 20, clock));
    CacheStore inFront = new SwitchableStore(ResilientStore.wrap(backend, config, clock));
    try (Cachelet absorbing = Cachelet.create(config, inFront, clock)) {
      URI at = start(new ResponseCacheFilter(rules(false), absorbing, clock));
      backend.broken = true;
      HttpResponse<byte[]> down = send(at, "GET", "/r/writer", null);
      assertThat(text(down)).isEqualTo(OriginServlet.TEXT);
      assertBypass(down, "STORE-UNAVAILABLE");
    }
  }

  @Test
  void anEvictionLostToAnOutageIsMadeGoodBeforeAnythingIsServedAgain() throws Exception {
    getStored("/r/plain");
    getStored("/lang/plain");
    store.broken = true;
    assertThat(send("POST", "/r/plain", "form=1").statusCode()).isEqualTo(200);
    store.broken = false;
    assertThat(xCache(get("/r/plain"))).isEqualTo("MISS");
    assertThat(xCache(get("/lang/plain"))).isEqualTo("MISS");
  }

  @Test
  void shadowModeCountsWouldBeHitsAndServesNothingFromCache() throws Exception {
    ResponseCacheFilter shadow = new ResponseCacheFilter(rules(true), cachelet, clock);
    URI at = start(shadow);
    HttpResponse<byte[]> first = send(at, "GET", "/pp/plain", null);
    HttpResponse<byte[]> second = send(at, "GET", "/pp/plain", null);
    assertThat(first.headers().firstValue("X-Cache")).isEmpty();
    assertThat(second.headers().firstValue("X-Cache")).isEmpty();
    assertThat(text(second)).isEqualTo("plain /pp/plain");
    assertThat(calls("/pp/plain")).isEqualTo(2);
    assertThat(shadow.stats().shadowHits()).isEqualTo(1);
    send(at, "GET", "/locked/plain", null);
    assertThat(text(send(at, "GET", "/locked/plain", null))).isEqualTo("plain /locked/plain");
    assertThat(calls("/locked/plain")).isEqualTo(2);
  }

  static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static <T> Supplier<T> unchecked(java.util.concurrent.Callable<T> call) {
    return () -> {
      try {
        return call.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
