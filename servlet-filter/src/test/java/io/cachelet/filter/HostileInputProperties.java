package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malicious requests at the filter on Jetty, written byte for byte: huge and malformed
 * URLs, invalid percent-encoding and UTF-8, CR, LF and NUL in the request line and headers, glob
 * and control characters, thousands of query parameters, absurd {@code Accept-*} values. The same
 * application runs once behind the filter and once without it; the one without is the oracle.
 *
 * <ul>
 *   <li>no 5xx but the container's own (the same without the filter), and no exception out of the
 *       filter;
 *   <li>whatever the filter answers with 200 is byte for byte what the application answers to that
 *       request, also on the second send (a hit): two requests the application tells apart never
 *       share a stored entry;
 *   <li>a request that must bypass stores nothing;
 *   <li>no key with a control character ever reaches the store.
 * </ul>
 *
 * <p>Bounded: a few hundred requests, loopback only, a Redis process of its own.
 */
class HostileInputProperties {

  private static AuditedCachelet backend;
  private static AuditingStore audit;
  private static EscapeGuard guard;
  private static JettyContainer container;
  private static int port;
  private static String filtered;
  private static String plain;

  @BeforeContainer
  static void start() throws Exception {
    backend = AuditedCachelet.start("hostile", List.of());
    audit = backend.audit;
    guard = new EscapeGuard();
    RouteRules rules =
        RouteRules.builder()
            .route("item", "/item/**", r -> r.ttl(Duration.ofMinutes(5)))
            .route("glob", "/*/x", r -> r.ttl(Duration.ofMinutes(5)))
            .build();
    container = new JettyContainer();
    List<URI> apps =
        container.start(
            new EchoOrigin(),
            List.of(List.of(guard, new ResponseCacheFilter(rules, backend.cachelet)), List.of()));
    port = apps.get(0).getPort();
    filtered = apps.get(0).getPath();
    plain = apps.get(1).getPath();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      assertThat(audit.controlCharacterKeys).as("keys with control characters").isEmpty();
      assertThat(guard.escaped).as("exceptions out of the filter").isEmpty();
      // the properties meant something only if the filter did store and serve entries
      assertThat(audit.entriesWritten.get()).as("entries written").isPositive();
    } finally {
      container.stop();
      backend.close();
    }
  }

  // ---- the properties

  @Property(tries = 250, seed = "20261122")
  void anyRequestGetsTheApplicationsOwnAnswerOrAClientError(
      @ForAll("requests") HostileRequest request) throws IOException {
    RawHttp.Response oracle = RawHttp.send(port, request.bytes(plain));
    for (int send = 1; send <= 2; send++) {
      RawHttp.Response response = RawHttp.send(port, request.bytes(filtered));
      if (response.status() >= 500) {
        // the container's own answer to a request it could not parse (a bare LF in the request
        // line is a 505), given with or without the filter: not caused by Cachelet
        assertThat(response.status())
            .as(
                "5xx on send %d of %s, where the application alone answers %d",
                send, request, oracle.status())
            .isEqualTo(oracle.status());
        assertThat(response.headers()).doesNotContainKey("x-cache");
      }
      if (oracle.status() == 200 && response.status() == 206) {
        assertThat(response.headers().get("content-range"))
            .as("range of send %d of %s", send, request)
            .startsWith("bytes ");
      }
      if (oracle.status() == 200 && response.status() == 200) {
        assertThat(response.body())
            .as("body of send %d (%s) of %s", send, response.headers().get("x-cache"), request)
            .isEqualTo(oracle.body());
      }
    }
    assertThat(guard.escaped).isEmpty();
  }

  @Property(tries = 60, seed = "20261122")
  void aRequestThatMustBypassStoresNothing(
      @ForAll("benignPaths") String path, @ForAll("bypassers") String bypass) throws IOException {
    long before = audit.entriesWritten.get();
    for (int send = 1; send <= 2; send++) {
      String raw =
          "GET "
              + filtered
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + bypass
              + "Connection: close\r\n\r\n"
              + (bypass.startsWith("Content-Length: 3") ? "abc" : "");
      RawHttp.Response response = RawHttp.send(port, raw.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response.status()).as("%s", bypass).isLessThan(500);
      assertThat(response.headers().get("x-cache")).as("%s", bypass).isNotEqualTo("HIT");
    }
    assertThat(audit.entriesWritten.get()).as("entries written for %s", bypass).isEqualTo(before);
  }

  @Example
  void thousandsOfQueryParametersAreAnsweredWithoutAnErrorOrASharedEntry() throws IOException {
    for (int count : new int[] {1_000, 3_000}) {
      StringBuilder query = new StringBuilder();
      for (int i = count; i > 0; i--) {
        query.append(i == count ? "" : "&").append("p").append(i).append("=v").append(i % 7);
      }
      HostileRequest request = new HostileRequest("/item/many?" + query, List.of(), "127.0.0.1");
      anyRequestGetsTheApplicationsOwnAnswerOrAClientError(request);
    }
  }

  // ---- generators

  @Provide
  Arbitrary<HostileRequest> requests() {
    Arbitrary<String> path =
        HostileText.word()
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(segments -> String.join("/", segments))
            .flatMap(
                p -> Arbitraries.of("/item/" + p, "/" + p + "/x", "/item/" + p + "/", "/" + p));
    Arbitrary<String> query =
        Combinators.combine(HostileText.word(), HostileText.word())
            .as((name, value) -> name + "=" + value)
            .list()
            .ofMaxSize(6)
            .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    Arbitrary<String> header =
        Arbitraries.of(
            "Accept-Encoding: gzip",
            "Accept-Encoding: GZIP;q=1.0, identity;q=0",
            "Accept-Encoding: gzip;q=0",
            "Accept-Encoding: identity;q=0, *;q=0",
            "Accept-Encoding: " + "gzip,".repeat(2000),
            "Accept-Encoding: ,,,;;;q=abc",
            "Accept-Encoding: gzip\u0000",
            "Accept-Language: " + "de-CH,".repeat(1000),
            "Accept-Language: *;q=NaN",
            "Accept-Language: \u00ff\u00fe",
            "Accept: */*;q=" + "9".repeat(500),
            "Accept-Charset: utf-8\u0001",
            "If-None-Match: \"*\", W/\"" + "x".repeat(1000) + "\"",
            "If-None-Match: *",
            "If-Modified-Since: not a date",
            "Cache-Control: no-cache, max-age=-1, s-maxage=99999999999999999999",
            "Pragma: no-cache",
            "X-Injected: a\rb",
            "X-Injected: a\nSet-Cookie: evil=1",
            "X-Null: \u0000",
            "Cache-Tag: evil tag\u0000",
            "Range: bytes=0-1",
            "Range: bytes=\u0000",
            "Range: bytes=-99999999999999999999999",
            "Range: bytes=0-0,1-1,0-",
            "If-Range: not a date");
    Arbitrary<String> host =
        Arbitraries.of(
            "127.0.0.1", "LOCALHOST", "localhost:1", "a.b", "x".repeat(300), "[::1]", "ev\u0000il");
    return Combinators.combine(path, query, header.list().ofMaxSize(3), host)
        .as((p, q, headers, h) -> new HostileRequest(p + q, headers, h));
  }

  @Provide
  Arbitrary<String> benignPaths() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(6)
        .map(s -> "/item/" + s + "?q=" + s);
  }

  @Provide
  Arbitrary<String> bypassers() {
    return Arbitraries.of(
        "Authorization: Basic dXNlcjpwYXNz\r\n",
        "Authorization: \r\n",
        "Cookie: JSESSIONID=abc\r\n",
        "Cookie: a=b; JSESSIONID=\u0001\r\n",
        "X-Original-URL: /admin\r\n",
        "X-Rewrite-URL: /admin\r\n",
        "X-HTTP-Method-Override: DELETE\r\n",
        "X-HTTP-Method: PUT\r\n",
        "X-Method-Override: POST\r\n",
        "X-Forwarded-Host: evil.example\r\n",
        "Content-Length: 3\r\n");
  }

  /** One request: the target after the context path, extra header lines, the Host value. */
  record HostileRequest(String target, List<String> headers, String host) {

    byte[] bytes(String contextPath) {
      return HostileText.rawRequest("GET " + contextPath + target, host, headers);
    }

    @Override
    public String toString() {
      return "GET "
          + HostileText.shown(target, 200)
          + " "
          + headers.stream().map(h -> h.length() > 60 ? h.substring(0, 60) + "…" : h).toList()
          + " Host="
          + (host.length() > 40 ? host.substring(0, 40) + "…" : host);
    }
  }

  /**
   * The application: its body is a pure function of what the filter keys on (the normalised path
   * and the parameters sorted by name, then value), so that any request it answers differently from
   * another must not get the other's stored copy.
   */
  static final class EchoOrigin extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Map<String, String[]> parameters;
      try {
        parameters = new TreeMap<>(request.getParameterMap());
      } catch (RuntimeException e) {
        response.sendError(400, "bad parameters");
        return;
      }
      StringBuilder body = new StringBuilder("path=").append(ServletFacts.path(request));
      body.append("\nhost=")
          .append(request.getServerName())
          .append(':')
          .append(request.getServerPort());
      parameters.forEach(
          (name, values) -> {
            String[] sorted = values.clone();
            Arrays.sort(sorted);
            body.append('\n').append(name).append('=').append(String.join(",", sorted));
          });
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(body.toString());
    }
  }
}
