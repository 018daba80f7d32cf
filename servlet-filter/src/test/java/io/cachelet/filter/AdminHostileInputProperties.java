package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random and malicious requests at every admin endpoint ({@code stats}, {@code health}, {@code
 * keys} listing and deletion by pattern, {@code keys/{key}} read and deletion, tag invalidation,
 * route purge, cache clear, {@code explain}), written byte for byte to the {@link
 * CacheAdminServlet} on Jetty over a Redis process of its own, pre-filled with filter entries,
 * their URI and tag sets, a method-cache entry and keys with glob characters in them. Callers come
 * with the right bearer token or role, with none, or with a wrong one; parameters are huge, glob
 * and control characters, CR, LF and NUL, invalid percent-encoding and UTF-8, absurd numbers, or
 * thousands of them.
 *
 * <ul>
 *   <li>no 5xx, and no exception out of the servlet (a guard filter in front records any);
 *   <li>every answer of the servlet is JSON, an error one with {@code error} and its status;
 *   <li>a stranger (no token, a wrong one, a user without the role) gets 401 or 403 and changes
 *       nothing in Redis;
 *   <li>input that can't be used gets a 400 and changes nothing; reads never change anything;
 *   <li>no key or pattern with a control character reaches the store.
 * </ul>
 *
 * <p>"Changes nothing" is Redis' own {@code DEBUG DIGEST} of the whole data set (values and expiry
 * times) before and after the request. Bounded: about 700 requests, loopback only.
 */
class AdminHostileInputProperties {

  private static final String PREFIX = "hostile-admin";
  private static final String TOKEN = "s3cret-admin-token";
  private static final String ROLE = "cache-admin";
  private static final String ADMIN = "/admin/cache";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys put straight into the store besides the filter's entries, glob characters in them. */
  private static final List<String> PLAIN_KEYS =
      List.of(PREFIX + ":other:plain", PREFIX + ":other:we*ird[1]?", PREFIX + ":other:back\\slash");

  private static final Credentials BY_TOKEN =
      new Credentials("token", List.of("Authorization: Bearer " + TOKEN), true);

  private static AuditedCachelet backend;
  private static EscapeGuard guard;
  private static final Set<String> stored = ConcurrentHashMap.newKeySet();
  private static JettyContainer container;
  private static int port;
  private static String app;
  private static final AtomicInteger strangersRefused = new AtomicInteger();
  private static final AtomicInteger badInputRefused = new AtomicInteger();
  private static final AtomicInteger adminChanges = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    // DEBUG DIGEST tells whether a request changed anything, in one round trip
    backend = AuditedCachelet.start(PREFIX, List.of("--enable-debug-command", "local"));
    guard = new EscapeGuard();
    RouteRules rules =
        RouteRules.builder()
            .route("item", "/item/**", r -> r.ttl(Duration.ofMinutes(5)).tags("items"))
            .route("page", "/page/**", r -> r.ttl(Duration.ofMinutes(5)).tags("pages"))
            .build();
    ResponseCacheFilter filter = new ResponseCacheFilter(rules, backend.cachelet);
    container = new JettyContainer();
    URI uri =
        container.start(
            List.of(guard, new TestPrincipalFilter(), filter),
            Map.of(
                "/item/*",
                new HostileInputProperties.EchoOrigin(),
                "/page/*",
                new HostileInputProperties.EchoOrigin(),
                ADMIN + "/*",
                new CacheAdminServlet(filter, AdminAccess.bearerToken(TOKEN).orRole(ROLE))));
    port = uri.getPort();
    filter.onStored(stored::add);
    app = uri.getPath();
    seed();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      assertThat(backend.audit.controlCharacterKeys)
          .as("keys and patterns with control characters")
          .isEmpty();
      assertThat(guard.escaped).as("exceptions out of the servlet").isEmpty();
      // the properties meant something only if each kind of outcome happened
      assertThat(strangersRefused.get()).as("strangers refused").isPositive();
      assertThat(badInputRefused.get()).as("bad input refused").isPositive();
      assertThat(adminChanges.get()).as("changes made by an admin").isPositive();
    } finally {
      container.stop();
      backend.close();
    }
  }

  // ---- the properties

  @Property(tries = 400, seed = "20261122")
  void anyRequestIsAnsweredWithJsonAndNoStrangerOrBadInputChangesAnything(
      @ForAll("requests") AdminRequest request) throws IOException {
    Statistics.label("outcome")
        .collect((request.credentials().admin() ? "admin, " : "stranger, ") + send(request));
  }

  @Property(tries = 150, seed = "20261122")
  void inputThatCantBeUsedIsAJson400ThatChangesNothing(
      @ForAll("badInput") String target, @ForAll("admins") Credentials admin) throws IOException {
    AdminRequest request = AdminRequest.of(target, admin);
    String outcome = send(request);
    Statistics.label("outcome").collect(outcome);
    assertThat(outcome).as("%s", request).isIn("refused 400", "container 400");
  }

  @Property(tries = 100, seed = "20261122")
  void strangersGetA401Or403AndChangeNothing(
      @ForAll("effectiveCalls") String target, @ForAll("strangers") Credentials stranger)
      throws IOException {
    AdminRequest request = AdminRequest.of(target, stranger);
    String outcome = send(request);
    Statistics.label("outcome").collect(outcome);
    assertThat(outcome)
        .as("%s", request)
        .isIn("refused 401", "refused 403", "container 400", "container 431");
  }

  /** The control for the one above: the same calls made with the token do change the store. */
  @Example
  void theCallsStrangersMakeDoChangeTheStoreWhenAnAdminMakesThem() throws IOException {
    Credentials admin = BY_TOKEN;
    for (String target : EFFECTIVE_CALLS) {
      if (target.startsWith("GET ")) {
        continue;
      }
      AdminRequest request = AdminRequest.of(target, admin);
      assertThat(send(request)).as("%s", request).isEqualTo("changed");
    }
  }

  @Example
  void thousandsOfParametersAreAnsweredWithoutAnErrorOrAChange() throws IOException {
    Credentials admin = BY_TOKEN;
    Credentials stranger = new Credentials("none", List.of(), false);
    for (int count : new int[] {1_000, 3_000}) {
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < count; i++) {
        many.append("&p").append(i).append("=%2A").append(i % 7);
      }
      for (String target :
          List.of(
              "GET keys?count=5" + many,
              "GET keys?pattern=*&pattern=%00" + many,
              "DELETE keys?pattern=none-such" + many,
              "DELETE keys?glob=true&pattern=*" + many,
              "GET explain?url=/item/a" + many)) {
        assertThat(send(AdminRequest.of(target, admin)))
            .as("%s with %d parameters", target.substring(0, 40), count)
            .isIn("answered 200", "refused 400", "container 400", "container 414");
        assertThat(send(AdminRequest.of(target, stranger)))
            .isIn("refused 401", "container 400", "container 414");
      }
    }
  }

  /**
   * Jetty throws from getParameter for a query it can't decode; that left the servlet as a 400
   * page.
   */
  @Example
  void aQueryTheContainerCantDecodeIsAJson400NotAnEscapedException() throws IOException {
    for (String target :
        List.of(
            "GET keys?pattern=%zz",
            "GET keys?%=e", "GET stats?x=%2", "POST caches/users/clear?%")) {
      AdminRequest request = AdminRequest.of(target, BY_TOKEN);
      assertThat(send(request)).as("%s", request).isEqualTo("refused 400");
    }
  }

  /**
   * Redis refuses a cursor beyond 64 bits; the servlet passed one on, and the store counted Redis'
   * error as a failure of its own and answered an empty last page: a 200 for bad input.
   */
  @Example
  void aCursorBeyondSixtyFourBitsIsA400NotAnEmptyLastPage() throws IOException {
    for (String cursor : List.of("18446744073709551616", "99999999999999999999")) {
      AdminRequest request = new AdminRequest("GET", "keys?cursor=" + cursor, BY_TOKEN, List.of());
      assertThat(send(request)).as("%s", request).isEqualTo("refused 400");
    }
    AdminRequest largest =
        new AdminRequest("GET", "keys?cursor=18446744073709551615", BY_TOKEN, List.of());
    assertThat(send(largest)).isEqualTo("answered 200");
  }

  // ---- one request, and what must hold for it

  /**
   * Sends {@code request} and checks what holds for every request; returns what happened: {@code
   * container N} (refused before reaching the application), {@code elsewhere} (resolved to another
   * servlet, e.g. by dot segments), {@code refused N}, {@code answered N} (nothing changed) or
   * {@code changed} (an admin's call changed the store, which is then filled again).
   */
  private static String send(AdminRequest request) throws IOException {
    String before = digest();
    long requestsBefore = guard.requests();
    int escapedBefore = guard.escaped.size();
    RawHttp.Response response = RawHttp.send(port, request.bytes(app));
    int status = response.status();
    boolean reached = guard.requests() > requestsBefore;
    assertThat(guard.escaped.subList(escapedBefore, guard.escaped.size()))
        .as("exceptions out of the chain for %s", request)
        .isEmpty();
    if (!reached) {
      // the container's own answer to what it could not parse: never Cachelet's
      assertThat(digest()).as("store after %s", request).isEqualTo(before);
      return "container " + status;
    }
    assertThat(status).as("status of %s", request).isLessThan(500);
    String servletPath = guard.lastServletPath();
    if (!servletPath.equals(ADMIN)) {
      if (!request.credentials().admin() && !servletPath.startsWith("/item")) {
        assertThat(digest()).as("store after %s", request).isEqualTo(before);
      }
      return "elsewhere";
    }
    assertThat(response.headers().get("content-type"))
        .as("content type of %s", request)
        .startsWith("application/json");
    JsonNode body = JSON.readTree(response.body());
    if (status >= 400) {
      assertThat(body.path("error").isTextual()).as("error in %s", response.body()).isTrue();
      assertThat(body.path("status").asInt()).as("status in %s", response.body()).isEqualTo(status);
    }
    if (request.credentials().admin()) {
      assertThat(status).as("status of %s", request).isNotIn(401, 403);
    } else {
      assertThat(status).as("status of %s", request).isIn(401, 403);
    }
    boolean reads = request.method().equals("GET") || request.method().equals("HEAD");
    if (status >= 400 || reads) {
      assertThat(digest()).as("store after %s (%d)", request, status).isEqualTo(before);
      if (status == 401 || status == 403) {
        strangersRefused.incrementAndGet();
      } else if (status == 400) {
        badInputRefused.incrementAndGet();
      }
      return (status >= 400 ? "refused " : "answered ") + status;
    }
    if (digest().equals(before)) {
      return "answered " + status;
    }
    adminChanges.incrementAndGet();
    seed();
    return "changed";
  }

  /** Redis' digest of every key, value and expiry time; the same when nothing changed. */
  private static String digest() {
    return backend.redis.command("DEBUG", "DIGEST");
  }

  /**
   * Fills the store again: entries through the filter (with URI and tag sets), a method-cache entry
   * and {@link #PLAIN_KEYS}. Whatever is still there is left as it is.
   */
  private static void seed() throws IOException {
    for (String path : List.of("/item/a", "/item/b?x=1", "/item/c", "/page/p", "/page/q?y=2")) {
      String raw =
          "GET " + app + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      // the filter stores after the client has the whole response: a miss is seeded once the
      // filter says the store took it, with its URI and tag sets (written before the entry)
      stored.remove(path);
      RawHttp.Response response = RawHttp.send(port, raw.getBytes(StandardCharsets.US_ASCII));
      assertThat(response.status()).as("seeding %s", path).isEqualTo(200);
      if (!"HIT".equals(response.headers().get("x-cache"))) {
        for (int attempt = 0; !stored.contains(path); attempt++) {
          assertThat(attempt).as("attempts to seed %s", path).isLessThan(2000);
          sleep(5);
        }
      }
    }
    backend.cachelet.cache("users").put("u1", "alice", Duration.ofMinutes(5));
    for (String key : PLAIN_KEYS) {
      if (!backend.cachelet.store().exists(key)) {
        backend
            .cachelet
            .store()
            .put(key, key.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding", e);
    }
  }

  // ---- generators

  /** Numbers a count or cursor could be given as, most of them absurd. */
  private static final List<String> NUMBERS =
      List.of(
          "-1",
          "0",
          "1",
          "5",
          "1000",
          "1001",
          "2147483648",
          "1" + "0".repeat(30),
          "99999999999999999999",
          "18446744073709551615",
          "18446744073709551616",
          "1e3",
          "0x10",
          "NaN",
          "",
          "+5",
          " 5",
          "\uff15",
          "5\u0000");

  /** Patterns, good and bad, as the caller means them (encoded when sent). */
  private static final List<String> PATTERNS =
      List.of(
          "*",
          "**",
          "?",
          "[",
          "[a-",
          "[^x]*",
          "\\",
          "a\\",
          "\\*",
          "http:*",
          "*item*",
          "other:we\\*ird*",
          "other:we*ird[1]?",
          "other:back\\slash",
          "*\u0000*",
          "*\r\n*",
          "\u0085",
          "\u2028",
          "a b",
          "x".repeat(513),
          "x".repeat(5_000));

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A value as the caller means it, mostly sent percent-encoded, sometimes raw. */
  private static Arbitrary<String> value(Arbitrary<String> meant) {
    return Combinators.combine(meant, Arbitraries.of(true, true, true, false))
        .as((text, encode) -> encode ? encoded(text) : text);
  }

  @Provide
  Arbitrary<AdminRequest> requests() {
    Arbitrary<String> meant =
        Arbitraries.frequencyOf(
            Tuple.of(2, HostileText.word()),
            Tuple.of(2, Arbitraries.of(NUMBERS)),
            Tuple.of(2, Arbitraries.of(PATTERNS)),
            Tuple.of(1, Arbitraries.of("true", "TRUE", "1", "yes")));
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of("items", "pages", "item", "page", "users", "nope"),
            value(HostileText.word()));
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.of(PLAIN_KEYS).map(AdminHostileInputProperties::encoded),
            value(HostileText.word()).map(w -> PREFIX + ":" + w),
            value(HostileText.word()));
    Arbitrary<String> url =
        Arbitraries.oneOf(
            value(HostileText.word().map(w -> "/item/" + w)),
            value(HostileText.word().map(w -> "http://" + w + "/page/" + w)),
            value(meant));
    // each endpoint with the method it takes; one call in five with another method
    Arbitrary<String> call =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of("GET stats", "GET health", "GET ", "GET stats/")),
            Tuple.of(2, url.map(u -> "GET explain?url=" + u)),
            Tuple.of(4, Arbitraries.of("GET keys", "DELETE keys")),
            Tuple.of(
                3,
                Combinators.combine(Arbitraries.of("GET", "DELETE"), key)
                    .as((m, k) -> m + " keys/" + k)),
            Tuple.of(2, name.map(n -> "POST tags/" + n + "/invalidate")),
            Tuple.of(2, name.map(n -> "POST routes/" + n + "/purge")),
            Tuple.of(2, name.map(n -> "POST caches/" + n + "/clear")),
            Tuple.of(1, name.map(n -> "POST tags/" + n)),
            Tuple.of(
                1,
                value(HostileText.word())
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)
                    .map(parts -> "GET " + String.join("/", parts))));
    Arbitrary<String> method =
        Arbitraries.frequency(
            Tuple.of(16, ""),
            Tuple.of(1, "GET"),
            Tuple.of(1, "DELETE"),
            Tuple.of(1, "POST"),
            Tuple.of(1, "PUT"),
            Tuple.of(1, "PATCH"),
            Tuple.of(1, "OPTIONS"));
    Arbitrary<String> parameter =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(
                        4, Arbitraries.of("pattern", "cursor", "count", "glob", "confirm", "url")),
                    Tuple.of(1, value(HostileText.word()))),
                value(meant))
            .as((n, v) -> n + "=" + v);
    Arbitrary<List<String>> parameters = parameter.list().ofMaxSize(4);
    Arbitrary<List<String>> headers =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(List.of())),
            Tuple.of(
                1,
                Arbitraries.of(
                        "Accept: application/json;q=" + "9".repeat(500),
                        "Accept-Encoding: " + "gzip,".repeat(1000),
                        "Accept-Language: \u00ff\u00fe",
                        "Content-Type: application/x-www-form-urlencoded",
                        "X-HTTP-Method-Override: DELETE",
                        "X-Original-URL: " + ADMIN + "/keys",
                        "X-Null: \u0000",
                        "X-Injected: a\rb")
                    .map(List::of)));
    return Combinators.combine(call, method, parameters, credentials(), headers)
        .as(
            (c, m, p, creds, h) -> {
              String callMethod = c.substring(0, c.indexOf(' '));
              String target = c.substring(callMethod.length() + 1);
              if (!p.isEmpty()) {
                target += (target.contains("?") ? "&" : "?") + String.join("&", p);
              }
              return new AdminRequest(m.isEmpty() ? callMethod : m, target, creds, h);
            });
  }

  private static Arbitrary<Credentials> credentials() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, strangerCredentials()), Tuple.of(2, adminCredentials()));
  }

  private static Arbitrary<Credentials> adminCredentials() {
    return Arbitraries.of(
        BY_TOKEN,
        new Credentials("token, lower case", List.of("authorization: bearer " + TOKEN), true),
        // a container-authenticated caller marks its calls as deliberate (AdminCsrfGuard)
        new Credentials(
            "role",
            List.of("X-Test-User: root", "X-Test-Roles: " + ROLE, "X-Cachelet-Admin: 1"),
            true),
        new Credentials(
            "role among others",
            List.of("X-Test-User: root", "X-Test-Roles: a,b," + ROLE, "X-Cachelet-Admin: 1"),
            true));
  }

  private static Arbitrary<Credentials> strangerCredentials() {
    return Arbitraries.of(
        new Credentials("none", List.of(), false),
        new Credentials("wrong token", List.of("Authorization: Bearer wrong"), false),
        new Credentials("longer token", List.of("Authorization: Bearer " + TOKEN + "x"), false),
        new Credentials(
            "upper-case token", List.of("Authorization: Bearer " + TOKEN.toUpperCase()), false),
        new Credentials(
            "token prefix", List.of("Authorization: Bearer " + TOKEN.substring(1)), false),
        new Credentials("empty bearer", List.of("Authorization: Bearer "), false),
        new Credentials("no space", List.of("Authorization: Bearer" + TOKEN), false),
        new Credentials("basic", List.of("Authorization: Basic cm9vdDpyb290"), false),
        new Credentials("huge token", List.of("Authorization: Bearer " + "x".repeat(6_000)), false),
        new Credentials("glob token", List.of("Authorization: Bearer *"), false),
        new Credentials("user without the role", List.of("X-Test-User: mallory"), false),
        new Credentials(
            "user in other roles", List.of("X-Test-User: mallory", "X-Test-Roles: user"), false),
        new Credentials(
            "role, case changed",
            List.of("X-Test-User: mallory", "X-Test-Roles: CACHE-ADMIN"),
            false),
        new Credentials(
            "role and a wrong token",
            List.of("Authorization: Bearer wrong", "X-Test-User: root", "X-Test-Roles: " + ROLE),
            false),
        new Credentials(
            "token after a bare CR", List.of("X-Junk: a\rAuthorization: Bearer " + TOKEN), false),
        new Credentials(
            "token in the query", List.of("X-Token-Was: access_token=" + TOKEN), false));
  }

  @Provide
  Arbitrary<Credentials> admins() {
    return adminCredentials();
  }

  @Provide
  Arbitrary<Credentials> strangers() {
    return strangerCredentials();
  }

  /** Calls that change the store when an admin makes them, and reads; as "METHOD target". */
  private static final List<String> EFFECTIVE_CALLS =
      List.of(
          "DELETE keys?pattern=*&glob=true&confirm=true",
          "DELETE keys?pattern=http",
          "DELETE keys/" + encoded(PLAIN_KEYS.get(0)),
          "POST tags/items/invalidate",
          "POST routes/item/purge",
          "POST caches/users/clear",
          "GET keys?pattern=*",
          "GET keys/" + encoded(PLAIN_KEYS.get(0)),
          "GET stats",
          "GET explain?url=/item/a");

  @Provide
  Arbitrary<String> effectiveCalls() {
    return Arbitraries.of(EFFECTIVE_CALLS);
  }

  @Provide
  Arbitrary<String> badInput() {
    List<String> targets = new ArrayList<>();
    for (String count :
        List.of(
            "-1",
            "0",
            "1001",
            "1" + "0".repeat(30),
            "1e3",
            "0x10",
            "NaN",
            "",
            "%2B5",
            "%EF%BC%95",
            "5%00",
            "%205",
            "2147483648")) {
      targets.add("GET keys?count=" + count);
    }
    for (String cursor :
        List.of(
            "-1",
            "abc",
            "1".repeat(21),
            "99999999999999999999",
            "18446744073709551616",
            "0%0D%0A",
            "%00",
            "0.5",
            "")) {
      targets.add("GET keys?cursor=" + cursor);
    }
    List<String> controlAndSize =
        List.of(
            "%00",
            "*%0D%0A*",
            "%0A",
            "%7F",
            "%C2%85",
            "%E2%80%A8",
            "a%20b",
            "%09",
            "a+b",
            "a".repeat(513));
    for (String pattern : controlAndSize) {
      targets.add("GET keys?pattern=" + pattern);
      targets.add("DELETE keys?pattern=" + pattern);
      targets.add("DELETE keys?glob=true&pattern=" + pattern);
    }
    for (String glob : List.of("%5B", "a%5Bb", "x%5C", "%5B%5C%5D")) {
      targets.add("GET keys?pattern=" + glob);
      targets.add("DELETE keys?glob=true&pattern=" + glob);
    }
    targets.add("DELETE keys");
    targets.add("DELETE keys?pattern=");
    targets.add("DELETE keys?glob=true&pattern=*");
    targets.add("DELETE keys?glob=true&pattern=***");
    targets.add("DELETE keys?glob=true&pattern=*&confirm=TRUE");
    for (String key :
        List.of(
            "other:plain",
            "hostile-admin",
            PREFIX + "%3Aa%00",
            PREFIX + ":a%0D%0A",
            PREFIX + ":a%20b",
            PREFIX + ":" + "a".repeat(600),
            "")) {
      targets.add("GET keys/" + key);
      targets.add("DELETE keys/" + key);
    }
    for (String name :
        List.of(
            "a%00", "a*", "a%20b", "%2A", "%5Bx%5D", "a".repeat(201), "%C3%A9", "a,b", "a%0A")) {
      targets.add("POST tags/" + name + "/invalidate");
      targets.add("POST routes/" + name + "/purge");
      targets.add("POST caches/" + name + "/clear");
    }
    targets.add("POST routes/nope/purge");
    targets.add("POST caches/nope/clear");
    for (String url :
        List.of(
            "",
            "ftp://x/",
            "x",
            "%00",
            "http://%5B::1/",
            "/" + "a".repeat(2048),
            "javascript:alert(1)",
            "/item/%25zz",
            "http://h/item/%25",
            "mailto:x@y",
            "item/a",
            "http://host")) {
      targets.add("GET explain?url=" + url);
    }
    targets.add("GET explain");
    return Arbitraries.of(targets);
  }

  /** Credentials: the header lines that carry them, and whether they must let the caller in. */
  record Credentials(String label, List<String> headers, boolean admin) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** One request: method, target after the admin mount point, credentials, extra header lines. */
  record AdminRequest(String method, String target, Credentials credentials, List<String> headers) {

    /** From a call written as {@code "METHOD target"}, with no extra headers. */
    static AdminRequest of(String call, Credentials credentials) {
      int space = call.indexOf(' ');
      return new AdminRequest(
          call.substring(0, space), call.substring(space + 1), credentials, List.of());
    }

    byte[] bytes(String contextPath) {
      List<String> lines = new ArrayList<>(credentials.headers());
      lines.addAll(headers);
      return HostileText.rawRequest(
          method + " " + contextPath + ADMIN + "/" + target, "127.0.0.1", lines);
    }

    @Override
    public String toString() {
      return method
          + " "
          + HostileText.shown(target, 160)
          + " as "
          + credentials
          + " "
          + headers.stream().map(h -> HostileText.shown(h, 50)).toList();
    }
  }
}
