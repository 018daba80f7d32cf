package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Routes that take freshness from the origin, end to end: a real container, a real HTTP client and
 * an application that sends its own caching fields. Test names carry the RFC section they check.
 * Subclasses choose the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Rfc9111FilterContract {

  final TestClock clock = TestClock.at(Instant.parse("2026-11-01T12:00:00Z"));
  final ScriptedOrigin origin = new ScriptedOrigin(clock);
  final HttpClient client = ResponseCacheFilterContract.http11Client();
  final Set<String> stored = ConcurrentHashMap.newKeySet();
  final JettyContainer container = new JettyContainer();
  Cachelet cachelet;
  URI base;
  String test;

  /** The store under test; the in-process one unless a subclass says otherwise. */
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return MemoryStore.create(16 << 20, clock);
  }

  static RouteRules rules() {
    return RouteRules.builder()
        .route("origin", "/o/**", b -> b.ttlFromCacheControl().ttl(Duration.ZERO))
        .route(
            "graced",
            "/g/**",
            b ->
                b.ttlFromCacheControl()
                    .ttl(Duration.ZERO)
                    .staleGrace(Duration.ofHours(1))
                    .statuses(200, 303))
        .route("heuristic", "/h/**", b -> b.ttlFromCacheControl().ttl(Duration.ZERO).heuristic(10))
        .route(
            "kept",
            "/k/**",
            b -> b.ttlFromCacheControl().ttl(Duration.ZERO).keep(Duration.ofHours(1)))
        .route(
            "cdn",
            "/c/**",
            // a no-cache copy is kept to be revalidated only as long as the route keeps copies
            b ->
                b.ttlFromTargetedField("CDN-Cache-Control")
                    .ttl(Duration.ZERO)
                    .keep(Duration.ofHours(1)))
        .route(
            "asks",
            "/a/**",
            b ->
                b.ttlFromCacheControl()
                    .ttl(Duration.ZERO)
                    // a copy is only there for max-stale while the store keeps it
                    .keep(Duration.ofHours(1))
                    .honourRequestDirectives(true))
        .build();
  }

  @BeforeAll
  void start() throws Exception {
    CacheletConfig config = ResponseCacheFilterContract.configOfItsOwn();
    cachelet = Cachelet.create(config, newStore(config, clock), clock);
    ResponseCacheFilter filter = new ResponseCacheFilter(rules(), cachelet, clock);
    base = container.start(origin, filter);
    filter.onStored(stored::add);
  }

  @AfterAll
  void stop() throws Exception {
    container.stop();
    cachelet.close();
  }

  @BeforeEach
  void name(TestInfo info) {
    test = info.getTestMethod().orElseThrow().getName();
  }

  /** {@code path} made unique to the test. */
  String path(String path) {
    return path + "?t=" + test;
  }

  void answer(String path, int status, String... fields) {
    origin.answer(path(path), status, "body of " + path, fields);
  }

  int calls(String path) {
    return origin.calls(path(path));
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path(path))).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.method(method, HttpRequest.BodyPublishers.noBody());
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  /** A GET whose response is in the store before this returns. */
  HttpResponse<byte[]> getStored(String path, String... headers) throws Exception {
    stored.remove(path(path));
    HttpResponse<byte[]> response = get(path, headers);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stored.contains(path(path)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(stored).contains(path(path));
    return response;
  }

  static String xCache(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  static String cacheStatus(HttpResponse<?> response) {
    return response.headers().firstValue("Cache-Status").orElse("");
  }

  static long age(HttpResponse<?> response) {
    return Long.parseLong(response.headers().firstValue("Age").orElse("-1"));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  // ---- §4.2.3, §5.1: the age a response arrives with

  @Test
  void s4_2_3_aResponseArrivingAsOldAsItsMaxAgeIsNotServedFromTheCache() throws Exception {
    answer("/o/old", 200, "Cache-Control", "max-age=3600", "Age", "3600");
    get("/o/old");
    HttpResponse<byte[]> second = get("/o/old");
    assertThat(calls("/o/old")).isEqualTo(2);
    assertThat(cacheStatus(second)).contains("detail=ZERO-TTL");
  }

  @Test
  void s4_2_3_theReceivedAgeShortensTheLifetimeAndIsReplayedAsTheCurrentAge() throws Exception {
    answer("/o/aged", 200, "Cache-Control", "max-age=3600", "Age", "600");
    getStored("/o/aged");
    clock.advance(Duration.ofSeconds(100));
    HttpResponse<byte[]> hit = get("/o/aged");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(age(hit)).isEqualTo(700);
    clock.advance(Duration.ofSeconds(2901));
    get("/o/aged");
    assertThat(calls("/o/aged")).isEqualTo(2);
  }

  @Test
  void s5_1_anInvalidAgeIsIgnoredAndTheLargestOfSeveralIsTaken() throws Exception {
    answer("/o/bad-age", 200, "Cache-Control", "max-age=60", "Age", "10s");
    getStored("/o/bad-age");
    assertThat(age(get("/o/bad-age"))).isZero();
    answer("/o/two-ages", 200, "Cache-Control", "max-age=60", "Age", "5", "Age", "50");
    getStored("/o/two-ages");
    assertThat(age(get("/o/two-ages"))).isEqualTo(50);
  }

  // ---- §4.2.1, §4.2.2: lifetimes

  @Test
  void s4_2_1_expiresMinusDateIsTheLifetime() throws Exception {
    answer("/o/expires", 200, "Expires", HttpDates.format(clock.instant().plusSeconds(120)));
    getStored("/o/expires");
    clock.advance(Duration.ofSeconds(119));
    assertThat(xCache(get("/o/expires"))).isEqualTo("HIT");
    clock.advance(Duration.ofSeconds(2));
    get("/o/expires");
    assertThat(calls("/o/expires")).isEqualTo(2);
  }

  @Test
  void s4_2_1_withoutAnExplicitLifetimeAndWithTtlZeroNothingIsStored() throws Exception {
    answer("/o/none", 200);
    get("/o/none");
    HttpResponse<byte[]> second = get("/o/none");
    assertThat(calls("/o/none")).isEqualTo(2);
    assertThat(cacheStatus(second)).contains("detail=NO-FRESHNESS");
  }

  @Test
  void s4_2_2_aHeuristicRouteGivesTenPercentOfTheTimeSinceLastModified() throws Exception {
    answer(
        "/h/page",
        200,
        "Last-Modified",
        HttpDates.format(clock.instant().minus(Duration.ofHours(10))));
    getStored("/h/page");
    clock.advance(Duration.ofMinutes(59));
    assertThat(xCache(get("/h/page"))).isEqualTo("HIT");
    clock.advance(Duration.ofMinutes(2));
    get("/h/page");
    assertThat(calls("/h/page")).isEqualTo(2);
  }

  // ---- §5.2.2: response directives

  @Test
  void s5_2_2_2_and_s5_2_2_10_aFreshCopyThatMustBeRevalidatedOnceStaleIsServedAsItIs()
      throws Exception {
    answer("/g/fresh-strict", 200, "Cache-Control", "max-age=60, must-revalidate");
    answer("/g/fresh-shared", 200, "Cache-Control", "s-maxage=60");
    getStored("/g/fresh-strict");
    getStored("/g/fresh-shared");
    clock.advance(Duration.ofSeconds(30));
    assertThat(xCache(get("/g/fresh-strict"))).isEqualTo("HIT");
    assertThat(xCache(get("/g/fresh-shared"))).isEqualTo("HIT");
    assertThat(calls("/g/fresh-strict")).isEqualTo(1);
    assertThat(calls("/g/fresh-shared")).isEqualTo(1);
  }

  @Test
  void s5_2_2_2_mustRevalidateIsNeverServedStaleNotEvenWhenTheOriginFails() throws Exception {
    HttpResponse<byte[]> failed =
        onceStaleTheOriginFails("/g/strict", "max-age=10, must-revalidate, stale-if-error=600");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(xCache(failed)).isNotEqualTo("STALE");
  }

  @Test
  void rfc5861_s4_staleIfErrorFromTheResponseServesStaleWhenTheOriginFails() throws Exception {
    HttpResponse<byte[]> served =
        onceStaleTheOriginFails("/o/lenient", "max-age=10, stale-if-error=600");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(xCache(served)).isEqualTo("STALE");
  }

  /**
   * Stores {@code path} with {@code cacheControl} (a 10 s lifetime), lets it go stale, and answers
   * the next GET as the origin failing with a 500 would be answered.
   */
  HttpResponse<byte[]> onceStaleTheOriginFails(String path, String cacheControl) throws Exception {
    answer(path, 200, "Cache-Control", cacheControl);
    getStored(path);
    clock.advance(Duration.ofSeconds(11));
    answer(path, 500);
    return get(path);
  }

  @Test
  void s5_2_2_4_noCacheIsStoredAndRevalidatedBeforeEveryUse() throws Exception {
    answer("/k/always", 200, "Cache-Control", "no-cache", "ETag", "\"v1\"");
    getStored("/k/always");
    HttpResponse<byte[]> second = get("/k/always");
    assertThat(xCache(second)).isEqualTo("REVALIDATED");
    assertThat(text(second)).isEqualTo("body of /k/always");
    assertThat(origin.lastIfNoneMatch(path("/k/always"))).isEqualTo("\"v1\"");
  }

  @Test
  void s4_3_4_a304UpdatesTheStoredFieldsAndTheLifetimeComesFromThem() throws Exception {
    answer("/k/renewed", 200, "Cache-Control", "max-age=10", "ETag", "\"r\"", "X-Version", "1");
    getStored("/k/renewed");
    clock.advance(Duration.ofSeconds(11));
    // the origin's 304 carries the new fields: a longer lifetime and a new X-Version
    answer("/k/renewed", 200, "Cache-Control", "max-age=100", "ETag", "\"r\"", "X-Version", "2");
    assertThat(xCache(getStored("/k/renewed"))).isEqualTo("REVALIDATED");
    clock.advance(Duration.ofSeconds(50));
    HttpResponse<byte[]> hit = get("/k/renewed");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.headers().allValues("X-Version")).containsExactly("2");
    assertThat(hit.headers().allValues("Cache-Control")).containsExactly("max-age=100");
    assertThat(text(hit)).isEqualTo("body of /k/renewed");
    assertThat(calls("/k/renewed")).isEqualTo(2);
  }

  @Test
  void s5_2_2_5_aLaterNoStoreResponseLeavesNoOlderCopyToServe() throws Exception {
    answer("/g/gone", 200, "Cache-Control", "max-age=10");
    getStored("/g/gone");
    clock.advance(Duration.ofSeconds(11));
    answer("/g/gone", 200, "Cache-Control", "no-store");
    assertThat(cacheStatus(get("/g/gone"))).contains("detail=NO-STORE");
    // without the old copy, the route's stale grace has nothing to hide the failure with
    answer("/g/gone", 500);
    assertThat(get("/g/gone").statusCode()).isEqualTo(500);
  }

  // ---- §3.1: what is stored

  @Test
  void s3_1_fieldsNamedByConnectionAndHopByHopFieldsAreNotStoredTheRestIsKeptExactly()
      throws Exception {
    answer(
        "/o/hops",
        200,
        "Cache-Control",
        "max-age=60",
        "Connection",
        "X-Hop",
        "X-Hop",
        "secret",
        "Keep-Alive",
        "timeout=5",
        "Proxy-Authenticate",
        "Basic",
        "X-Unknown",
        "a  b ,c");
    getStored("/o/hops");
    HttpResponse<byte[]> hit = get("/o/hops");
    assertThat(xCache(hit)).isEqualTo("HIT");
    assertThat(hit.headers().firstValue("X-Hop")).isEmpty();
    assertThat(hit.headers().firstValue("Proxy-Authenticate")).isEmpty();
    assertThat(hit.headers().firstValue("Keep-Alive")).isEmpty();
    assertThat(hit.headers().allValues("X-Unknown")).containsExactly("a  b ,c");
  }

  @Test
  void s5_2_2_6_noTransformIsServedInTheCodingTheOriginSent() throws Exception {
    String body = "compressible ".repeat(200);
    origin.answer(path("/o/as-sent"), 200, body, "Cache-Control", "max-age=60, no-transform");
    origin.answer(path("/o/squeezed"), 200, body, "Cache-Control", "max-age=60");
    for (String p : new String[] {"/o/as-sent", "/o/squeezed"}) {
      getStored(p, "Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> asSent = get("/o/as-sent", "Accept-Encoding", "gzip");
    assertThat(xCache(asSent)).isEqualTo("HIT");
    assertThat(asSent.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(text(asSent)).isEqualTo(body);
    // the same body without no-transform is stored and sent gzip-coded
    HttpResponse<byte[]> squeezed = get("/o/squeezed", "Accept-Encoding", "gzip");
    assertThat(squeezed.headers().firstValue("Content-Encoding")).contains("gzip");
  }

  // ---- RFC 9213

  @Test
  void rfc9213_cdnCacheControlWinsOverCacheControlBothWays() throws Exception {
    answer("/c/cdn-longer", 200, "CDN-Cache-Control", "max-age=600", "Cache-Control", "no-store");
    getStored("/c/cdn-longer");
    assertThat(xCache(get("/c/cdn-longer"))).isEqualTo("HIT");
    answer("/c/cdn-private", 200, "CDN-Cache-Control", "private", "Cache-Control", "max-age=60");
    assertThat(cacheStatus(get("/c/cdn-private"))).contains("detail=PRIVATE");
    answer("/c/cdn-nostore", 200, "CDN-Cache-Control", "no-store", "Cache-Control", "max-age=60");
    assertThat(cacheStatus(get("/c/cdn-nostore"))).contains("detail=NO-STORE");
  }

  @Test
  void rfc9213_noCacheIsTakenFromCdnCacheControlAndOnlyFromIt() throws Exception {
    answer(
        "/c/cdn-nocache",
        200,
        "CDN-Cache-Control",
        "max-age=600, no-cache",
        "Cache-Control",
        "max-age=600",
        "ETag",
        "\"n1\"");
    getStored("/c/cdn-nocache");
    assertThat(xCache(get("/c/cdn-nocache"))).isEqualTo("REVALIDATED");
    answer(
        "/c/cc-nocache",
        200,
        "CDN-Cache-Control",
        "max-age=600",
        "Cache-Control",
        "no-cache",
        "ETag",
        "\"n2\"");
    getStored("/c/cc-nocache");
    assertThat(xCache(get("/c/cc-nocache"))).isEqualTo("HIT");
    assertThat(calls("/c/cc-nocache")).isEqualTo(1);
  }

  // ---- §5.2.1: request directives, on a route that honours them

  @Test
  void s5_2_1_7_onlyIfCachedIsA504WhenNothingIsStoredAndTheApplicationIsNotAsked()
      throws Exception {
    answer("/a/cached", 200, "Cache-Control", "max-age=60");
    HttpResponse<byte[]> none = get("/a/cached", "Cache-Control", "only-if-cached");
    assertThat(none.statusCode()).isEqualTo(504);
    assertThat(calls("/a/cached")).isZero();
    getStored("/a/cached");
    assertThat(get("/a/cached", "Cache-Control", "only-if-cached").statusCode()).isEqualTo(200);
  }

  @Test
  void s5_2_1_5_aRequestNoStoreLeavesNothingStored() throws Exception {
    answer("/a/secret", 200, "Cache-Control", "max-age=60");
    HttpResponse<byte[]> first = get("/a/secret", "Cache-Control", "no-store");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(cacheStatus(first)).contains("detail=REQUEST-NO-STORE");
    assertThat(xCache(get("/a/secret"))).isEqualTo("MISS");
    assertThat(calls("/a/secret")).isEqualTo(2);
  }

  @Test
  void s5_2_1_1_aRequestMaxAgeRevalidatesAnOlderCopy() throws Exception {
    answer("/a/young", 200, "Cache-Control", "max-age=600", "ETag", "\"y\"");
    getStored("/a/young");
    clock.advance(Duration.ofSeconds(30));
    assertThat(xCache(get("/a/young", "Cache-Control", "max-age=60"))).isEqualTo("HIT");
    assertThat(xCache(get("/a/young", "Cache-Control", "max-age=10"))).isEqualTo("REVALIDATED");
  }

  @Test
  void s5_2_1_2_maxStaleServesAStaleCopyTheRouteWouldNot() throws Exception {
    answer("/a/old", 200, "Cache-Control", "max-age=10");
    getStored("/a/old");
    clock.advance(Duration.ofSeconds(20));
    HttpResponse<byte[]> stale = get("/a/old", "Cache-Control", "max-stale=30");
    assertThat(xCache(stale)).isEqualTo("STALE");
    assertThat(calls("/a/old")).isEqualTo(1);
  }

  // ---- §4.4: invalidation

  @Test
  void s4_4_aRedirectToAnUnsafeRequestInvalidatesTheTargetAndItsLocation() throws Exception {
    answer("/g/item", 200, "Cache-Control", "max-age=600");
    answer("/g/list", 200, "Cache-Control", "max-age=600");
    getStored("/g/item");
    getStored("/g/list");
    answer("/g/item", 303, "Location", base + path("/g/list"));
    assertThat(send("POST", "/g/item").statusCode()).isEqualTo(303);
    answer("/g/item", 200, "Cache-Control", "max-age=600");
    get("/g/item");
    get("/g/list");
    assertThat(calls("/g/item")).isEqualTo(3);
    assertThat(calls("/g/list")).isEqualTo(2);
  }
}
