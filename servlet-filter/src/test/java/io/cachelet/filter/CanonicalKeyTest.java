package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalKeyTest {

  static final RouteRules RULES =
      RouteRules.builder()
          .route("all", "/a/**")
          .route("some", "/s/**", b -> b.queryAllowlist(List.of("page", "sort")))
          .route("varied", "/v/**", b -> b.vary("Accept-Encoding", "Accept-Language", "X-Tenant"))
          .build();

  static RequestFacts request(String host, String path, String query, String... headers) {
    Headers h = new Headers();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return new RequestFacts(
        "GET",
        "https",
        host,
        443,
        path,
        ServletFacts.query(query),
        h,
        false,
        Optional.empty(),
        false,
        Set.of());
  }

  static CanonicalKey key(String route, RequestFacts request) {
    return computed(request, RULES.route(route).orElseThrow());
  }

  static CanonicalKey computed(RequestFacts request, Route route) {
    return CanonicalKey.of(CanonicalKey.Inputs.of(request, route));
  }

  @Test
  void queryOrderDoesNotMatterButValuesDo() {
    assertThat(key("all", request("h", "/a", "b=2&a=1")))
        .isEqualTo(key("all", request("h", "/a", "a=1&b=2")));
    assertThat(key("all", request("h", "/a", "a=1&a=2")))
        .isEqualTo(key("all", request("h", "/a", "a=2&a=1")));
    assertThat(key("all", request("h", "/a", "a=1")))
        .isNotEqualTo(key("all", request("h", "/a", "a=2")));
  }

  @Test
  void onlyAllowedParametersAreKept() {
    assertThat(key("some", request("h", "/s", "page=2&utm_source=x&sort=asc")))
        .isEqualTo(key("some", request("h", "/s", "sort=asc&page=2")));
  }

  @Test
  void theHostIsPartOfTheKey() {
    assertThat(key("all", request("a.example", "/a", null)))
        .isNotEqualTo(key("all", request("b.example", "/a", null)));
  }

  @Test
  void craftedValuesCannotCollideAcrossFieldBoundaries() {
    // without length prefixes these would both read "a=1&b=2"-like once joined
    assertThat(key("all", request("h", "/a", "a=1%26b%3D2")))
        .isNotEqualTo(key("all", request("h", "/a", "a=1&b=2")));
    assertThat(key("all", request("h", "/a", "a%3D1=")))
        .isNotEqualTo(key("all", request("h", "/a", "a=1")));
    assertThat(key("all", request("h1", "/a", null)))
        .isNotEqualTo(key("all", request("h", "1/a", null)));
  }

  @Test
  void varyValuesAreNormalised() {
    assertThat(key("varied", request("h", "/v", null, "Accept-Encoding", "br, gzip;q=0.8")))
        .isEqualTo(key("varied", request("h", "/v", null, "Accept-Encoding", "gzip")));
    assertThat(key("varied", request("h", "/v", null, "Accept-Encoding", "br")))
        .isEqualTo(key("varied", request("h", "/v", null)));
    assertThat(key("varied", request("h", "/v", null, "Accept-Language", "de-DE,de;q=0.9,en")))
        .isEqualTo(key("varied", request("h", "/v", null, "Accept-Language", "DE-de")));
    assertThat(key("varied", request("h", "/v", null, "X-Tenant", "  acme  ")))
        .isEqualTo(key("varied", request("h", "/v", null, "X-Tenant", "acme")));
    assertThat(key("varied", request("h", "/v", null, "X-Tenant", "acme")))
        .isNotEqualTo(key("varied", request("h", "/v", null, "X-Tenant", "other")));
  }

  @Test
  void theHashIsSha256OfTheCanonicalText() {
    CanonicalKey key = key("all", request("h", "/a", "x=1"));
    assertThat(key.hash()).hasSize(64).isEqualTo(CanonicalKey.sha256(key.canonical()));
    assertThat(key.canonical()).startsWith("1:1").contains("1:h").contains("2:/a");
  }

  @Test
  void queryStringsAreDecodedAndKeptInOrder() {
    assertThat(ServletFacts.query("a=%C3%BC&b&=x&&c=1+2"))
        .containsExactly(
            Map.entry("a", "ü"), Map.entry("b", ""), Map.entry("", "x"), Map.entry("c", "1 2"));
    assertThat(ServletFacts.query("bad=%zz")).containsExactly(Map.entry("bad", "%zz"));
  }

  @Test
  void fieldLengthsAreTheUtf8EncodersOwn() {
    java.util.Random random = new java.util.Random(7);
    List<String> samples =
        new java.util.ArrayList<>(
            List.of("", "ascii", "ünïcödé", "日本", "\uD83D\uDE00", "\uD83D", "\uDE00x", "a\uD83Db"));
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int j = 0; j < chars.length; j++) {
        // dense in the ranges where the byte count changes, surrogates included
        int[] starts = {0, 0x7F, 0x7FF, 0xD7FF, 0xDBFF, 0xDFFF, 0xFFFD};
        chars[j] = (char) (starts[random.nextInt(starts.length)] + random.nextInt(3));
      }
      samples.add(new String(chars));
    }
    for (String sample : samples) {
      assertThat(CanonicalKey.utf8Length(sample))
          .as(sample)
          .isEqualTo(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void theRememberedKeyOfARepeatedRequestIsTheKeyItWouldGet() {
    CanonicalKey.Keys keys = new CanonicalKey.Keys();
    Route varied = RULES.route("varied").orElseThrow();
    RequestFacts gzip = request("h", "/v", "b=2&a=1", "Accept-Encoding", "gzip", "X-Tenant", "a");
    CanonicalKey first = keys.of(gzip, varied);
    assertThat(first).isEqualTo(computed(gzip, varied));
    assertThat(
            keys.of(
                request("h", "/v", "b=2&a=1", "Accept-Encoding", "gzip", "X-Tenant", "a"), varied))
        .isSameAs(first);
  }

  @Test
  void rememberedKeysKeepEveryInputApart() {
    CanonicalKey.Keys keys = new CanonicalKey.Keys();
    Route varied = RULES.route("varied").orElseThrow();
    Route all = RULES.route("all").orElseThrow();
    List<RequestFacts> requests =
        List.of(
            request("h", "/v", null, "X-Tenant", "a"),
            request("h", "/v", null, "X-Tenant", "b"),
            request("h", "/v", null, "X-Tenant", "a", "Accept-Encoding", "gzip"),
            request("h", "/v", "x=1", "X-Tenant", "a"),
            request("h", "/v2", null, "X-Tenant", "a"),
            request("g", "/v", null, "X-Tenant", "a"));
    for (int round = 0; round < 2; round++) {
      for (RequestFacts request : requests) {
        assertThat(keys.of(request, varied)).isEqualTo(computed(request, varied));
        assertThat(keys.of(request, all)).isEqualTo(computed(request, all));
      }
    }
    assertThat(requests.stream().map(r -> keys.of(r, varied)).distinct()).hasSize(requests.size());
  }
}
