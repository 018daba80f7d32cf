package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy from tables: request facts, stored entries and response facts in, decisions out. */
class CachePolicyTest {

  static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  /** An exchange answered at once, for a shared key. */
  static final Exchange EXCHANGE = new Exchange(NOW, NOW, false);

  static final RouteRules RULES =
      RouteRules.builder()
          .route("plain", "/p/**", b -> b.statuses(200, 404))
          .route("user", "/u/**", b -> b.perPrincipal(true))
          .route("cdn", "/c/**", b -> b.ttlFromTargetedField("CDN-Cache-Control"))
          .route("origin", "/o/**", b -> b.ttlFromCacheControl().ttl(Duration.ofSeconds(30)))
          .route("strip", "/s/**", b -> b.stripSetCookie(true))
          .route("lang", "/l/**", b -> b.vary("Accept-Language"))
          .authCookies("remember-me")
          .build();

  static final RouteRules TRUSTING =
      RouteRules.builder()
          .route("plain", "/p/**")
          .trustForwardedHost(true)
          .hosts("shop.example")
          .honourRequestNoCache(true)
          .build();

  final CachePolicy policy = new CachePolicy(RULES);

  static RequestFacts request(String method, String... headers) {
    Headers h = new Headers();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return new RequestFacts(
        method,
        "https",
        "shop.example",
        443,
        "/p/x",
        List.of(),
        h,
        false,
        Optional.empty(),
        false,
        Set.of());
  }

  static RequestFacts get(String... headers) {
    return request("GET", headers);
  }

  static Route route(String name) {
    return RULES.route(name).orElseThrow();
  }

  static Stream<Arguments> bypassedRequests() {
    RequestFacts plain = get();
    return Stream.of(
        Arguments.of("POST", request("POST"), Reason.METHOD),
        Arguments.of("DELETE", request("DELETE"), Reason.METHOD),
        Arguments.of("OPTIONS", request("OPTIONS"), Reason.METHOD),
        Arguments.of("Authorization", get("Authorization", "Bearer x"), Reason.AUTHORIZATION),
        Arguments.of(
            "a principal",
            new RequestFacts(
                "GET",
                "https",
                "shop.example",
                443,
                "/p/x",
                List.of(),
                new Headers(),
                false,
                Optional.of("alice"),
                false,
                Set.of()),
            Reason.PRINCIPAL),
        Arguments.of(
            "a session",
            new RequestFacts(
                "GET",
                "https",
                "shop.example",
                443,
                "/p/x",
                List.of(),
                new Headers(),
                false,
                Optional.empty(),
                true,
                Set.of()),
            Reason.SESSION),
        Arguments.of(
            "a configured login cookie",
            new RequestFacts(
                "GET",
                "https",
                "shop.example",
                443,
                "/p/x",
                List.of(),
                new Headers(),
                false,
                Optional.empty(),
                false,
                Set.of("remember-me")),
            Reason.AUTH_COOKIE),
        Arguments.of(
            "a body",
            new RequestFacts(
                "GET",
                "https",
                "shop.example",
                443,
                "/p/x",
                List.of(),
                new Headers(),
                true,
                Optional.empty(),
                false,
                Set.of()),
            Reason.REQUEST_BODY),
        Arguments.of("X-Original-URL", get("X-Original-URL", "/admin"), Reason.OVERRIDE_HEADER),
        Arguments.of("X-Rewrite-URL", get("X-Rewrite-URL", "/admin"), Reason.OVERRIDE_HEADER),
        Arguments.of(
            "X-HTTP-Method-Override",
            get("X-HTTP-Method-Override", "DELETE"),
            Reason.OVERRIDE_HEADER),
        Arguments.of("X-Forwarded-Host", get("X-Forwarded-Host", "evil"), Reason.FORWARDED_HOST),
        Arguments.of("Range is looked up", get("Range", "bytes=0-1"), null),
        Arguments.of("HEAD is looked up", request("HEAD"), null),
        Arguments.of("a plain GET is looked up", plain, null),
        Arguments.of(
            "other cookies are fine",
            new RequestFacts(
                "GET",
                "https",
                "shop.example",
                443,
                "/p/x",
                List.of(),
                new Headers(),
                false,
                Optional.empty(),
                false,
                Set.of("theme")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bypassedRequests")
  void requestsAreLookedUpOrBypassedWithAReason(String name, RequestFacts r, Reason expected) {
    CachePolicy.RequestDecision decision = policy.onRequest(r, route("plain"));
    if (expected == null) {
      assertThat(decision).isInstanceOf(CachePolicy.Lookup.class);
    } else {
      assertThat(decision).isEqualTo(new CachePolicy.Bypass(expected));
    }
  }

  @Test
  void aPerPrincipalRouteLooksUpAuthenticatedRequestsUnderTheirOwnKey() {
    RequestFacts alice =
        new RequestFacts(
            "GET",
            "https",
            "shop.example",
            443,
            "/u/x",
            List.of(),
            new Headers(),
            false,
            Optional.of("alice"),
            true,
            Set.of("JSESSIONID"));
    RequestFacts bob =
        new RequestFacts(
            "GET",
            "https",
            "shop.example",
            443,
            "/u/x",
            List.of(),
            new Headers(),
            false,
            Optional.of("bob"),
            true,
            Set.of("JSESSIONID"));
    var a = (CachePolicy.Lookup) policy.onRequest(alice, route("user"));
    var b = (CachePolicy.Lookup) policy.onRequest(bob, route("user"));
    assertThat(a.key()).isNotEqualTo(b.key());
    assertThat(a.key().canonical()).doesNotContain("alice");
  }

  @Test
  void aTrustedForwardedHostIsKeyedAndAnUnlistedHostBypasses() {
    CachePolicy trusting = new CachePolicy(TRUSTING);
    Route plain = TRUSTING.route("plain").orElseThrow();
    assertThat(trusting.onRequest(get("X-Forwarded-Host", "shop.example"), plain))
        .isInstanceOf(CachePolicy.Lookup.class);
    RequestFacts other =
        new RequestFacts(
            "GET",
            "https",
            "other.example",
            443,
            "/p/x",
            List.of(),
            new Headers(),
            false,
            Optional.empty(),
            false,
            Set.of());
    assertThat(trusting.onRequest(other, plain)).isEqualTo(new CachePolicy.Bypass(Reason.HOST));
  }

  @Test
  void aClientsNoCacheRefreshesOnlyWhenConfiguredTo() {
    RequestFacts noCache = get("Cache-Control", "no-cache");
    assertThat(((CachePolicy.Lookup) policy.onRequest(noCache, route("plain"))).refresh())
        .isFalse();
    CachePolicy trusting = new CachePolicy(TRUSTING);
    assertThat(
            ((CachePolicy.Lookup)
                    trusting.onRequest(noCache, TRUSTING.route("plain").orElseThrow()))
                .refresh())
        .isTrue();
  }

  static ResponseFacts response(int status, String... headers) {
    Headers h = new Headers();
    h.add("Content-Type", "text/plain;charset=UTF-8");
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return new ResponseFacts(status, h, false, false, false);
  }

  static Stream<Arguments> responses() {
    return Stream.of(
        Arguments.of("200", "plain", response(200), Duration.ofMinutes(1)),
        Arguments.of("listed 404", "plain", response(404), Duration.ofMinutes(1)),
        Arguments.of("unlisted 500", "plain", response(500), Reason.STATUS),
        Arguments.of("unlisted 302", "plain", response(302), Reason.STATUS),
        Arguments.of("Set-Cookie", "plain", response(200, "Set-Cookie", "a=b"), Reason.SET_COOKIE),
        Arguments.of(
            "Set-Cookie, stripped",
            "strip",
            response(200, "Set-Cookie", "a=b"),
            Duration.ofMinutes(1)),
        Arguments.of("private", "plain", response(200, "Cache-Control", "private"), Reason.PRIVATE),
        Arguments.of(
            "PRIVATE with args",
            "plain",
            response(200, "Cache-Control", "max-age=5, Private=\"x\""),
            Reason.PRIVATE),
        Arguments.of(
            "no-store", "plain", response(200, "Cache-Control", "no-store"), Reason.NO_STORE),
        Arguments.of(
            "no-cache", "plain", response(200, "Cache-Control", "no-cache"), Reason.NO_CACHE),
        Arguments.of("Vary: *", "plain", response(200, "Vary", "Accept, *"), Reason.VARY_STAR),
        Arguments.of(
            "Vary on an unkeyed header",
            "plain",
            response(200, "Vary", "Cookie"),
            Reason.VARY_NOT_KEYED),
        Arguments.of(
            "Vary on a keyed header",
            "lang",
            response(200, "Vary", "accept-language"),
            Duration.ofMinutes(1)),
        Arguments.of(
            "Vary: Accept-Encoding is handled",
            "plain",
            response(200, "Vary", "Accept-Encoding"),
            Duration.ofMinutes(1)),
        Arguments.of(
            "event stream",
            "plain",
            new ResponseFacts(
                200, headers("Content-Type", "text/event-stream"), false, false, false),
            Reason.EVENT_STREAM),
        Arguments.of(
            "br-coded", "plain", response(200, "Content-Encoding", "br"), Reason.CONTENT_ENCODING),
        Arguments.of(
            "gzip-coded",
            "plain",
            response(200, "Content-Encoding", "gzip"),
            Duration.ofMinutes(1)),
        Arguments.of(
            "sendError",
            "plain",
            new ResponseFacts(404, headers(), true, false, false),
            Reason.SEND_ERROR),
        Arguments.of(
            "over the limit",
            "plain",
            new ResponseFacts(200, headers(), false, true, false),
            Reason.TOO_LARGE),
        Arguments.of(
            "the chain threw",
            "plain",
            new ResponseFacts(200, headers(), false, false, true),
            Reason.ORIGIN_ERROR),
        Arguments.of(
            "s-maxage beats max-age",
            "origin",
            response(200, "Cache-Control", "max-age=10, s-maxage=20"),
            Duration.ofSeconds(20)),
        Arguments.of(
            "max-age",
            "origin",
            response(200, "Cache-Control", "max-age=10"),
            Duration.ofSeconds(10)),
        Arguments.of("no lifetime: the route's", "origin", response(200), Duration.ofSeconds(30)),
        Arguments.of(
            "invalid max-age: the route's",
            "origin",
            response(200, "Cache-Control", "max-age=soon"),
            Duration.ofSeconds(30)),
        Arguments.of(
            "max-age=0", "origin", response(200, "Cache-Control", "max-age=0"), Reason.ZERO_TTL),
        Arguments.of(
            "the route's TTL ignores max-age",
            "plain",
            response(200, "Cache-Control", "max-age=0"),
            Duration.ofMinutes(1)),
        Arguments.of(
            "CDN-Cache-Control replaces Cache-Control",
            "cdn",
            response(200, "Cache-Control", "no-store", "CDN-Cache-Control", "max-age=120"),
            Duration.ofSeconds(120)),
        Arguments.of(
            "CDN-Cache-Control: private",
            "cdn",
            response(200, "CDN-Cache-Control", "private"),
            Reason.PRIVATE),
        Arguments.of(
            "no CDN-Cache-Control: Cache-Control",
            "cdn",
            response(200, "Cache-Control", "s-maxage=7"),
            Duration.ofSeconds(7)));
  }

  static Headers headers(String... fields) {
    Headers h = new Headers();
    for (int i = 0; i < fields.length; i += 2) {
      h.add(fields[i], fields[i + 1]);
    }
    return h;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responsesAreStoredForATtlOrRefusedWithAReason(
      String name, String route, ResponseFacts response, Object expected) {
    CachePolicy.StoreDecision decision = policy.onResponse(route(route), response, EXCHANGE);
    if (expected instanceof Reason reason) {
      assertThat(decision).isEqualTo(new CachePolicy.Refuse(reason));
    } else {
      assertThat(decision).isInstanceOf(CachePolicy.Store.class);
      assertThat(((CachePolicy.Store) decision).ttl()).isEqualTo(expected);
    }
  }

  static HttpEntry entry(int status, String etag, Instant freshUntil, String... headers) {
    return new HttpEntry(
        "k",
        status,
        headers(headers),
        etag,
        4,
        new byte[] {1, 2, 3, 4},
        false,
        NOW.minusSeconds(10),
        freshUntil,
        Set.of(),
        1,
        EntryTerms.NONE);
  }

  static Stream<Arguments> entries() {
    Instant fresh = NOW.plusSeconds(5);
    Instant stale = NOW.minusSeconds(1);
    String lm = "Sun, 01 Nov 2026 10:00:00 GMT";
    return Stream.of(
        Arguments.of(
            "fresh", get(), entry(200, "\"a\"", fresh), false, CachePolicy.EntryAction.SERVE),
        Arguments.of(
            "stale", get(), entry(200, "\"a\"", stale), false, CachePolicy.EntryAction.REVALIDATE),
        Arguments.of(
            "exactly at expiry is stale",
            get(),
            entry(200, "\"a\"", NOW),
            false,
            CachePolicy.EntryAction.REVALIDATE),
        Arguments.of(
            "fresh but the client's no-cache is honoured",
            get(),
            entry(200, "\"a\"", fresh),
            true,
            CachePolicy.EntryAction.FETCH),
        Arguments.of(
            "If-None-Match matches",
            get("If-None-Match", "\"a\""),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.NOT_MODIFIED),
        Arguments.of(
            "If-None-Match weak vs strong",
            get("If-None-Match", "W/\"a\""),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.NOT_MODIFIED),
        Arguments.of(
            "If-None-Match list",
            get("If-None-Match", "\"x\", \"a\""),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.NOT_MODIFIED),
        Arguments.of(
            "If-None-Match *",
            get("If-None-Match", "*"),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.NOT_MODIFIED),
        Arguments.of(
            "If-None-Match differs",
            get("If-None-Match", "\"b\""),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.SERVE),
        Arguments.of(
            "If-None-Match wins over If-Modified-Since",
            get("If-None-Match", "\"b\"", "If-Modified-Since", lm),
            entry(200, "\"a\"", fresh, "Last-Modified", lm),
            false,
            CachePolicy.EntryAction.SERVE),
        Arguments.of(
            "If-Modified-Since not modified",
            get("If-Modified-Since", lm),
            entry(200, "\"a\"", fresh, "Last-Modified", lm),
            false,
            CachePolicy.EntryAction.NOT_MODIFIED),
        Arguments.of(
            "If-Modified-Since earlier",
            get("If-Modified-Since", "Sun, 01 Nov 2026 09:59:59 GMT"),
            entry(200, "\"a\"", fresh, "Last-Modified", lm),
            false,
            CachePolicy.EntryAction.SERVE),
        Arguments.of(
            "If-Modified-Since without Last-Modified",
            get("If-Modified-Since", lm),
            entry(200, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.SERVE),
        Arguments.of(
            "a 404 is never answered with 304",
            get("If-None-Match", "*"),
            entry(404, "\"a\"", fresh),
            false,
            CachePolicy.EntryAction.SERVE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void storedEntriesAreServedRevalidatedOrFetched(
      String name,
      RequestFacts request,
      HttpEntry entry,
      boolean refresh,
      CachePolicy.EntryAction expected) {
    CachePolicy.Lookup asked = (CachePolicy.Lookup) policy.onRequest(request, route("plain"));
    CachePolicy.Lookup lookup = new CachePolicy.Lookup(asked.key(), refresh, asked.asked());
    assertThat(policy.onEntry(request, lookup, entry, NOW)).isEqualTo(expected);
  }

  @Test
  void aStaleCopyIsUsableOnlyWithinTheRoutesGrace() {
    Route graced =
        RouteRules.builder()
            .route("g", "/g", b -> b.staleGrace(Duration.ofSeconds(30)))
            .build()
            .route("g")
            .orElseThrow();
    HttpEntry entry = entry(200, "\"a\"", NOW.minusSeconds(29));
    assertThat(CachePolicy.withinGrace(entry, graced, NOW)).isTrue();
    assertThat(CachePolicy.withinGrace(entry, graced, NOW.plusSeconds(1))).isFalse();
    assertThat(CachePolicy.withinGrace(entry, route("plain"), NOW)).isFalse();
  }

  @Test
  void acceptEncodingIsReadWithItsQualityValues() {
    assertThat(get("Accept-Encoding", "gzip").acceptsGzip()).isTrue();
    assertThat(get("Accept-Encoding", "br, GZIP;q=0.5").acceptsGzip()).isTrue();
    assertThat(get("Accept-Encoding", "gzip;q=0").acceptsGzip()).isFalse();
    assertThat(get("Accept-Encoding", "gzip;q=0.000").acceptsGzip()).isFalse();
    assertThat(get("Accept-Encoding", "identity").acceptsGzip()).isFalse();
    assertThat(get().acceptsGzip()).isFalse();
  }

  static Stream<Arguments> ranges() {
    String lm = "Sun, 01 Nov 2026 10:00:00 GMT";
    HttpEntry ok = entry(200, "\"a\"", NOW, "Last-Modified", lm);
    CachePolicy.RangeAnswer whole = CachePolicy.WHOLE;
    CachePolicy.RangeAnswer unsatisfiable = CachePolicy.UNSATISFIABLE;
    return Stream.of(
        Arguments.of("§14.1.2 first-last", get("Range", "bytes=0-1"), ok, part(0, 1)),
        Arguments.of("§14.1.2 last past the end", get("Range", "bytes=2-99"), ok, part(2, 3)),
        Arguments.of("§14.1.2 open-ended", get("Range", "bytes=1-"), ok, part(1, 3)),
        Arguments.of("§14.1.2 suffix", get("Range", "bytes=-2"), ok, part(2, 3)),
        Arguments.of(
            "§14.1.2 suffix longer than the body", get("Range", "bytes=-9"), ok, part(0, 3)),
        Arguments.of("§14.1.2 unit is case-insensitive", get("Range", "Bytes=0-0"), ok, part(0, 0)),
        Arguments.of(
            "§14.1.1 position past a long",
            get("Range", "bytes=1-99999999999999999999"),
            ok,
            part(1, 3)),
        Arguments.of("§14.1.2 first past the end", get("Range", "bytes=4-"), ok, unsatisfiable),
        Arguments.of("§14.1.2 empty suffix", get("Range", "bytes=-0"), ok, unsatisfiable),
        Arguments.of(
            "§14.2 several ranges may get the whole", get("Range", "bytes=0-0,2-3"), ok, whole),
        Arguments.of(
            "§14.2 two Range fields", get("Range", "bytes=0-0", "Range", "bytes=1-1"), ok, whole),
        Arguments.of("§14.2 another unit is ignored", get("Range", "items=0-1"), ok, whole),
        Arguments.of("§14.1.1 last before first is invalid", get("Range", "bytes=3-1"), ok, whole),
        Arguments.of("§14.1.1 not digits", get("Range", "bytes=a-b"), ok, whole),
        Arguments.of("§14.1.1 no dash", get("Range", "bytes=5"), ok, whole),
        Arguments.of("§14.2 only for GET", request("HEAD", "Range", "bytes=0-1"), ok, whole),
        Arguments.of(
            "§14.2 only for a 200", get("Range", "bytes=0-1"), entry(404, "\"a\"", NOW), whole),
        Arguments.of("no Range", get("If-Range", "\"a\""), ok, whole),
        Arguments.of(
            "§13.1.5 If-Range tag matches",
            get("Range", "bytes=0-1", "If-Range", "\"a\""),
            ok,
            part(0, 1)),
        Arguments.of(
            "§13.1.5 If-Range tag differs",
            get("Range", "bytes=0-1", "If-Range", "\"b\""),
            ok,
            whole),
        Arguments.of(
            "§13.1.5 If-Range weak tag never matches",
            get("Range", "bytes=0-1", "If-Range", "W/\"a\""),
            ok,
            whole),
        Arguments.of(
            "§13.1.5 If-Range date equals Last-Modified",
            get("Range", "bytes=0-1", "If-Range", lm),
            ok,
            part(0, 1)),
        Arguments.of(
            "§13.1.5 If-Range other date",
            get("Range", "bytes=0-1", "If-Range", "Sun, 01 Nov 2026 09:00:00 GMT"),
            ok,
            whole),
        Arguments.of(
            "§13.1.5 If-Range date, no Last-Modified",
            get("Range", "bytes=0-1", "If-Range", lm),
            entry(200, "\"a\"", NOW),
            whole),
        Arguments.of(
            "§13.1.5 If-Range unparsable",
            get("Range", "bytes=0-1", "If-Range", "yesterday"),
            ok,
            whole));
  }

  private static CachePolicy.RangeAnswer part(long first, long last) {
    return new CachePolicy.Partial(new ByteRange(first, last));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ranges")
  void rangesAreCutFromAStoredRepresentation(
      String name, RequestFacts request, HttpEntry entry, CachePolicy.RangeAnswer expected) {
    assertThat(CachePolicy.range(request, entry, entry.etag(), entry.identityLength()))
        .isEqualTo(expected);
  }

  @Test
  void theWeakTagOfAGzipCopyNeverSatisfiesIfRange() {
    HttpEntry entry = entry(200, "\"a\"", NOW);
    RequestFacts request = get("Range", "bytes=0-1", "If-Range", "\"a\"");
    assertThat(CachePolicy.range(request, entry, "W/\"a\"", 4)).isEqualTo(CachePolicy.WHOLE);
  }

  @Test
  void aStaleCopyIsAskedAboutWithItsEntityTagAndAValidLastModified() {
    String lm = "Sun, 01 Nov 2026 10:00:00 GMT";
    assertThat(CachePolicy.validators(entry(200, "\"a\"", NOW, "Last-Modified", lm)))
        .containsExactly(Map.entry("If-None-Match", "\"a\""), Map.entry("If-Modified-Since", lm));
    assertThat(CachePolicy.validators(entry(200, "W/\"a\"", NOW, "Last-Modified", "yesterday")))
        .containsExactly(Map.entry("If-None-Match", "W/\"a\""));
  }

  @Test
  void aCopyIsKeptForRevalidationPastItsGraceOnlyForTheRoutesKeep() {
    Route kept =
        RouteRules.builder()
            .route(
                "k", "/k", b -> b.staleGrace(Duration.ofSeconds(10)).keep(Duration.ofSeconds(20)))
            .build()
            .route("k")
            .orElseThrow();
    HttpEntry entry = entry(200, "\"a\"", NOW.minusSeconds(29));
    assertThat(CachePolicy.withinGrace(entry, kept, NOW)).isFalse();
    assertThat(CachePolicy.withinKeep(entry, kept, NOW)).isTrue();
    assertThat(CachePolicy.withinKeep(entry, kept, NOW.plusSeconds(1))).isFalse();
    assertThat(CachePolicy.withinKeep(entry, route("plain"), NOW)).isFalse();
  }

  @Test
  void a304sFieldsReplaceTheStoredOnesButNotTheBodysFraming() {
    Headers stored =
        headers(
            "Content-Type",
            "text/plain",
            "Cache-Control",
            "max-age=1",
            "X-A",
            "1",
            "Vary",
            "Accept-Encoding");
    Headers notModified =
        headers(
            "Cache-Control",
            "max-age=60",
            "X-A",
            "2",
            "X-A",
            "3",
            "Content-Length",
            "0",
            "Content-Encoding",
            "br",
            "Set-Cookie",
            "s=1",
            "Connection",
            "close",
            "Vary",
            "Accept-Language");
    Headers renewed = Entries.renewedHeaders(stored, notModified, true);
    assertThat(renewed.all("Cache-Control")).containsExactly("max-age=60");
    assertThat(renewed.all("X-A")).containsExactly("2", "3");
    assertThat(renewed.all("Content-Type")).containsExactly("text/plain");
    assertThat(renewed.elements("Vary"))
        .containsExactlyInAnyOrder("Accept-Language", "Accept-Encoding");
    for (String field : List.of("Content-Length", "Content-Encoding", "Set-Cookie", "Connection")) {
      assertThat(renewed.has(field)).as(field).isFalse();
    }
  }
}
