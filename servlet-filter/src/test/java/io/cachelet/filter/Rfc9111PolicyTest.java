package io.cachelet.filter;

import static io.cachelet.filter.CachePolicyTest.NOW;
import static io.cachelet.filter.CachePolicyTest.get;
import static io.cachelet.filter.CachePolicyTest.headers;
import static io.cachelet.filter.CachePolicyTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy of a route that takes freshness from the origin, from the sentences of RFC 9111 (and
 * RFC 5861, RFC 9213) named by each test: a shared cache's storage, freshness and directives.
 */
class Rfc9111PolicyTest {

  static final String DATE = HttpDates.format(NOW);

  static final RouteRules RULES =
      RouteRules.builder()
          .route("origin", "/o/**", b -> b.ttlFromCacheControl().ttl(Duration.ZERO))
          .route("fallback", "/f/**", b -> b.ttlFromCacheControl().ttl(Duration.ofSeconds(30)))
          .route(
              "heuristic",
              "/h/**",
              b ->
                  b.ttlFromCacheControl()
                      .ttl(Duration.ZERO)
                      .heuristic(10)
                      .heuristicMax(Duration.ofHours(2))
                      .statuses(200, 302))
          .route(
              "kept",
              "/k/**",
              b -> b.ttlFromCacheControl().ttl(Duration.ZERO).keep(Duration.ofHours(1)))
          .route(
              "graced",
              "/g/**",
              b -> b.ttlFromCacheControl().ttl(Duration.ZERO).staleGrace(Duration.ofHours(1)))
          .route("mine", "/pp/**", b -> b.ttlFromCacheControl().perPrincipal(true))
          .route(
              "cdn", "/c/**", b -> b.ttlFromTargetedField("CDN-Cache-Control").ttl(Duration.ZERO))
          .route("asks", "/a/**", b -> b.ttlFromCacheControl().honourRequestDirectives(true))
          .build();

  final CachePolicy policy = new CachePolicy(RULES);

  static Route route(String name) {
    return RULES.route(name).orElseThrow();
  }

  CachePolicy.StoreDecision decide(String route, ResponseFacts response) {
    return policy.onResponse(route(route), response, new Exchange(NOW, NOW, false));
  }

  CachePolicy.Store stored(String route, String... fields) {
    CachePolicy.StoreDecision decision = decide(route, response(200, fields));
    assertThat(decision).isInstanceOf(CachePolicy.Store.class);
    return (CachePolicy.Store) decision;
  }

  Reason refused(String route, int status, String... fields) {
    CachePolicy.StoreDecision decision = decide(route, response(status, fields));
    assertThat(decision).isInstanceOf(CachePolicy.Refuse.class);
    return ((CachePolicy.Refuse) decision).reason();
  }

  /** A stored 200 received at {@code receivedAt} with {@code terms}, fresh until {@code until}. */
  static HttpEntry entry(Instant receivedAt, Instant until, EntryTerms terms) {
    return new HttpEntry(
        "k", 200, headers(), "\"a\"", 4, new byte[4], false, receivedAt, until, Set.of(), 1, terms);
  }

  static EntryTerms mustRevalidate() {
    return new EntryTerms(Duration.ZERO, Duration.ZERO, Duration.ZERO, true);
  }

  // ---- §4.2.1 calculating freshness lifetime

  @Test
  void s4_2_1_sMaxageOverridesMaxAge() {
    assertThat(stored("origin", "Cache-Control", "max-age=10, s-maxage=20").ttl())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void s4_2_1_withoutMaxAgeTheLifetimeIsExpiresMinusDate() {
    assertThat(
            stored("origin", "Date", DATE, "Expires", HttpDates.format(NOW.plusSeconds(120))).ttl())
        .isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void s4_2_1_maxAgeOverridesExpires() {
    assertThat(
            stored(
                    "origin",
                    "Cache-Control",
                    "max-age=10",
                    "Expires",
                    HttpDates.format(NOW.plusSeconds(120)))
                .ttl())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void s5_3_anInvalidExpiresSuchAsZeroRepresentsATimeInThePast() {
    assertThat(refused("origin", 200, "Expires", "0")).isEqualTo(Reason.ZERO_TTL);
  }

  @Test
  void s4_2_1_twoExpiresValuesMakeTheResponseStale() {
    String later = HttpDates.format(NOW.plusSeconds(120));
    assertThat(refused("origin", 200, "Expires", later, "Expires", later))
        .isEqualTo(Reason.ZERO_TTL);
  }

  @Test
  void s4_2_1_withoutAnExplicitLifetimeOrFallbackTheResponseIsNotStored() {
    assertThat(refused("origin", 200)).isEqualTo(Reason.NO_FRESHNESS);
    assertThat(stored("fallback").ttl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void s1_2_2_aDeltaSecondsTooLargeToRepresentIs2147483648() {
    assertThat(stored("origin", "Cache-Control", "max-age=99999999999999999999").ttl())
        .isEqualTo(Duration.ofSeconds(2147483648L));
  }

  @Test
  void s1_2_2_anInvalidDeltaSecondsIsNoDirective() {
    assertThat(refused("origin", 200, "Cache-Control", "max-age=-5"))
        .isEqualTo(Reason.NO_FRESHNESS);
    assertThat(refused("origin", 200, "Cache-Control", "max-age=1.5"))
        .isEqualTo(Reason.NO_FRESHNESS);
  }

  // ---- §4.2.2 heuristic freshness

  @Test
  void s4_2_2_aHeuristicLifetimeIsAFractionOfTheTimeSinceLastModified() {
    String tenHoursAgo = HttpDates.format(NOW.minus(Duration.ofHours(10)));
    assertThat(stored("heuristic", "Date", DATE, "Last-Modified", tenHoursAgo).ttl())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void s4_2_2_aHeuristicLifetimeIsCapped() {
    String aWeekAgo = HttpDates.format(NOW.minus(Duration.ofDays(7)));
    assertThat(stored("heuristic", "Date", DATE, "Last-Modified", aWeekAgo).ttl())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void s4_2_2_noHeuristicForAStatusNotHeuristicallyCacheableUnlessPublic() {
    String tenHoursAgo = HttpDates.format(NOW.minus(Duration.ofHours(10)));
    assertThat(refused("heuristic", 302, "Last-Modified", tenHoursAgo))
        .isEqualTo(Reason.NO_FRESHNESS);
    CachePolicy.StoreDecision marked =
        decide(
            "heuristic",
            response(302, "Last-Modified", tenHoursAgo, "Date", DATE, "Cache-Control", "public"));
    assertThat(((CachePolicy.Store) marked).ttl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void s4_2_2_noHeuristicWhenThereIsAnExplicitLifetime() {
    String tenHoursAgo = HttpDates.format(NOW.minus(Duration.ofHours(10)));
    assertThat(
            stored("heuristic", "Last-Modified", tenHoursAgo, "Cache-Control", "max-age=5").ttl())
        .isEqualTo(Duration.ofSeconds(5));
  }

  // ---- §4.2.3 calculating age, §5.1 Age

  @Test
  void s4_2_3_theReceivedAgeIsSubtractedFromTheLifetime() {
    CachePolicy.Store store = stored("origin", "Cache-Control", "max-age=3600", "Age", "600");
    assertThat(store.ttl()).isEqualTo(Duration.ofSeconds(3000));
    assertThat(store.terms().initialAge()).isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void s4_2_3_aResponseAsOldAsItsLifetimeIsNotFresh() {
    assertThat(refused("origin", 200, "Cache-Control", "max-age=3600", "Age", "3600"))
        .isEqualTo(Reason.ZERO_TTL);
  }

  @Test
  void s4_2_3_theApparentAgeFromDateCountsWhenItIsLarger() {
    CachePolicy.Store store =
        stored(
            "origin",
            "Cache-Control",
            "max-age=300",
            "Date",
            HttpDates.format(NOW.minusSeconds(100)),
            "Age",
            "40");
    assertThat(store.terms().initialAge()).isEqualTo(Duration.ofSeconds(100));
    assertThat(store.ttl()).isEqualTo(Duration.ofSeconds(200));
  }

  @Test
  void s4_2_3_theResponseDelayIsAddedToTheReceivedAge() {
    CachePolicy.StoreDecision decision =
        policy.onResponse(
            route("origin"),
            response(200, "Cache-Control", "max-age=300", "Age", "10"),
            new Exchange(NOW.minusSeconds(5), NOW, false));
    assertThat(((CachePolicy.Store) decision).terms().initialAge())
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void s4_2_3_theCurrentAgeIsTheInitialAgePlusTheResidentTime() {
    HttpEntry entry =
        entry(
            NOW,
            NOW.plusSeconds(60),
            new EntryTerms(Duration.ofSeconds(600), Duration.ZERO, Duration.ZERO, false));
    assertThat(EntryWriter.age(entry, NOW.plusSeconds(30))).isEqualTo(630);
  }

  static Stream<Arguments> ageFields() {
    return Stream.of(
        Arguments.of(new String[] {"10"}, OptionalLong.of(10)),
        Arguments.of(new String[] {"0"}, OptionalLong.of(0)),
        Arguments.of(new String[] {"abc"}, OptionalLong.empty()),
        Arguments.of(new String[] {"10s"}, OptionalLong.empty()),
        Arguments.of(new String[] {"-1"}, OptionalLong.empty()),
        Arguments.of(new String[] {"1.5"}, OptionalLong.empty()),
        Arguments.of(new String[] {""}, OptionalLong.empty()),
        Arguments.of(new String[] {"10, 20"}, OptionalLong.of(20)),
        Arguments.of(new String[] {"5", "30"}, OptionalLong.of(30)),
        Arguments.of(new String[] {"x", "30"}, OptionalLong.of(30)),
        Arguments.of(new String[] {"2147483648"}, OptionalLong.of(2147483648L)),
        Arguments.of(new String[] {"99999999999999999999"}, OptionalLong.of(2147483648L)));
  }

  @ParameterizedTest(name = "Age {0}")
  @MethodSource("ageFields")
  void s5_1_anAgeIsANonNegativeIntegerCappedAt2147483648AndAnInvalidOneIsIgnored(
      String[] values, OptionalLong expected) {
    Headers fields = new Headers();
    for (String value : values) {
      fields.add("Age", value);
    }
    assertThat(AgeField.received(fields)).isEqualTo(expected);
  }

  @Test
  void s5_1_anAgePastTheLargestIntegerIsSentAs2147483648() {
    HttpEntry entry =
        entry(
            NOW,
            NOW,
            new EntryTerms(Duration.ofSeconds(2147483648L), Duration.ZERO, Duration.ZERO, false));
    assertThat(EntryWriter.age(entry, NOW.plusSeconds(100))).isEqualTo(2147483648L);
  }

  // ---- §5.2.2 response directives

  @Test
  void s5_2_2_4_noCacheIsStoredButAlwaysRevalidatedBeforeUse() {
    CachePolicy.Store store = stored("kept", "Cache-Control", "no-cache", "ETag", "\"a\"");
    assertThat(store.ttl()).isZero();
    assertThat(store.terms().mustRevalidate()).isTrue();
  }

  @Test
  void s5_2_2_4_noCacheWithNoWindowToKeepItInIsNotStored() {
    assertThat(refused("origin", 200, "Cache-Control", "no-cache")).isEqualTo(Reason.NO_CACHE);
  }

  @Test
  void s5_2_2_5_noStoreIsNeverStored() {
    assertThat(refused("kept", 200, "Cache-Control", "max-age=60, no-store"))
        .isEqualTo(Reason.NO_STORE);
  }

  @Test
  void s5_2_2_7_privateIsStoredOnlyUnderOnePrincipalsKey() {
    ResponseFacts response = response(200, "Cache-Control", "private, max-age=60");
    assertThat(policy.onResponse(route("mine"), response, new Exchange(NOW, NOW, true)))
        .isInstanceOf(CachePolicy.Store.class);
    assertThat(policy.onResponse(route("mine"), response, new Exchange(NOW, NOW, false)))
        .isEqualTo(new CachePolicy.Refuse(Reason.PRIVATE));
  }

  static Stream<Arguments> revalidationDirectives() {
    return Stream.of(
        Arguments.of("must-revalidate", "max-age=60, must-revalidate"),
        Arguments.of("proxy-revalidate", "max-age=60, proxy-revalidate"),
        Arguments.of("s-maxage implies proxy-revalidate", "s-maxage=60"),
        Arguments.of("no-cache", "no-cache"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("revalidationDirectives")
  void s5_2_2_2_aCopyThatMustBeRevalidatedIsNeverServedStaleNotEvenOnError(
      String name, String cacheControl) {
    CachePolicy.Store store =
        stored("graced", "Cache-Control", cacheControl + ", stale-if-error=600");
    assertThat(store.terms().mustRevalidate()).isTrue();
    HttpEntry entry = entry(NOW, NOW.plus(store.ttl()), store.terms());
    Instant stale = NOW.plus(store.ttl()).plusSeconds(1);
    Route graced = route("graced");
    assertThat(CachePolicy.withinGrace(entry, graced, stale)).isFalse();
    assertThat(CachePolicy.withinErrorGrace(entry, graced, stale)).isFalse();
    // kept for the route's window, to be revalidated
    assertThat(CachePolicy.withinKeep(entry, graced, stale)).isTrue();
    assertThat(policy.onEntry(get(), lookup(get(), graced), entry, stale))
        .isEqualTo(CachePolicy.EntryAction.REVALIDATE);
  }

  @Test
  void rfc5861_s3_staleWhileRevalidateFromTheResponseServesStaleWhileRevalidating() {
    CachePolicy.Store store =
        stored("origin", "Cache-Control", "max-age=60, stale-while-revalidate=30");
    assertThat(store.grace()).isEqualTo(Duration.ofSeconds(30));
    HttpEntry entry = entry(NOW, NOW.plusSeconds(60), store.terms());
    Route origin = route("origin");
    assertThat(CachePolicy.withinGrace(entry, origin, NOW.plusSeconds(89))).isTrue();
    assertThat(CachePolicy.withinGrace(entry, origin, NOW.plusSeconds(90))).isFalse();
    assertThat(CachePolicy.withinErrorGrace(entry, origin, NOW.plusSeconds(61))).isFalse();
  }

  @Test
  void rfc5861_s4_staleIfErrorFromTheResponseServesStaleOnlyOnError() {
    CachePolicy.Store store = stored("origin", "Cache-Control", "max-age=60, stale-if-error=300");
    HttpEntry entry = entry(NOW, NOW.plusSeconds(60), store.terms());
    Route origin = route("origin");
    assertThat(CachePolicy.withinErrorGrace(entry, origin, NOW.plusSeconds(359))).isTrue();
    assertThat(CachePolicy.withinGrace(entry, origin, NOW.plusSeconds(61))).isFalse();
  }

  // ---- RFC 9213 targeted fields

  @Test
  void rfc9213_s2_1_aTargetedFieldReplacesCacheControlAndExpires() {
    CachePolicy.Store store =
        stored(
            "cdn",
            "CDN-Cache-Control",
            "max-age=600",
            "Cache-Control",
            "no-store, max-age=5",
            "Expires",
            "0");
    assertThat(store.ttl()).isEqualTo(Duration.ofSeconds(600));
    assertThat(stored("cdn", "Cache-Control", "max-age=5").ttl()).isEqualTo(Duration.ofSeconds(5));
  }

  static Stream<Arguments> targetedDirectives() {
    return Stream.of(
        Arguments.of("private", Reason.PRIVATE),
        Arguments.of("no-store", Reason.NO_STORE),
        Arguments.of("no-cache", Reason.NO_CACHE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetedDirectives")
  void rfc9213_s3_aTargetedFieldsDirectivesWinOverCacheControl(String directive, Reason reason) {
    assertThat(
            refused(
                "cdn", 200, "CDN-Cache-Control", directive, "Cache-Control", "public, max-age=60"))
        .isEqualTo(reason);
  }

  @Test
  void rfc9213_s3_sMaxageInATargetedFieldMeansRevalidation() {
    assertThat(stored("cdn", "CDN-Cache-Control", "s-maxage=60").terms().mustRevalidate()).isTrue();
  }

  // ---- §5.2.1 request directives, honoured only when the route says so

  static Stream<Arguments> requestDirectives() {
    Instant received = NOW.minusSeconds(20);
    HttpEntry fresh = entry(received, NOW.plusSeconds(40), EntryTerms.NONE);
    HttpEntry stale = entry(received, NOW.minusSeconds(10), EntryTerms.NONE);
    HttpEntry staleMustRevalidate = entry(received, NOW.minusSeconds(10), mustRevalidate());
    return Stream.of(
        Arguments.of("s5_2_1_1 max-age younger", "max-age=30", fresh, "SERVE"),
        Arguments.of("s5_2_1_1 max-age older", "max-age=10", fresh, "FETCH"),
        Arguments.of("s5_2_1_3 min-fresh met", "min-fresh=40", fresh, "SERVE"),
        Arguments.of("s5_2_1_3 min-fresh not met", "min-fresh=41", fresh, "FETCH"),
        Arguments.of("s5_2_1_2 max-stale without a value", "max-stale", stale, "SERVE_STALE"),
        Arguments.of("s5_2_1_2 max-stale long enough", "max-stale=10", stale, "SERVE_STALE"),
        Arguments.of("s5_2_1_2 max-stale too short", "max-stale=9", stale, "REVALIDATE"),
        Arguments.of("s5_2_1_2 max-stale invalid", "max-stale=x", stale, "REVALIDATE"),
        Arguments.of(
            "s5_2_2_2 max-stale never beats must-revalidate",
            "max-stale",
            staleMustRevalidate,
            "REVALIDATE"),
        Arguments.of("s5_2_1_7 only-if-cached, fresh", "only-if-cached", fresh, "SERVE"),
        Arguments.of("s5_2_1_7 only-if-cached, stale", "only-if-cached", stale, "ONLY_IF_CACHED"),
        Arguments.of(
            "s5_2_1_7 only-if-cached, acceptably stale",
            "only-if-cached, max-stale",
            stale,
            "SERVE_STALE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestDirectives")
  void s5_2_1_requestDirectivesLimitWhichCopyIsServed(
      String name, String cacheControl, HttpEntry entry, String expected) {
    RequestFacts request = get("Cache-Control", cacheControl);
    assertThat(policy.onEntry(request, lookup(request, route("asks")), entry, NOW))
        .isEqualTo(CachePolicy.EntryAction.valueOf(expected));
  }

  @Test
  void s5_2_1_requestDirectivesAreIgnoredUnlessTheRouteHonoursThem() {
    HttpEntry fresh = entry(NOW.minusSeconds(20), NOW.plusSeconds(40), EntryTerms.NONE);
    HttpEntry stale = entry(NOW.minusSeconds(20), NOW.minusSeconds(10), EntryTerms.NONE);
    Route plain = route("origin");
    RequestFacts maxAge = get("Cache-Control", "max-age=0");
    assertThat(policy.onEntry(maxAge, lookup(maxAge, plain), fresh, NOW))
        .isEqualTo(CachePolicy.EntryAction.SERVE);
    RequestFacts maxStale = get("Cache-Control", "max-stale");
    assertThat(policy.onEntry(maxStale, lookup(maxStale, plain), stale, NOW))
        .isEqualTo(CachePolicy.EntryAction.REVALIDATE);
    assertThat(CachePolicy.usable(stale, plain, lookup(maxStale, plain), NOW)).isFalse();
    RequestFacts onlyIfCached = get("Cache-Control", "only-if-cached");
    assertThat(lookup(onlyIfCached, plain).asked().onlyIfCached()).isFalse();
    assertThat(policy.onRequest(get("Cache-Control", "no-store"), plain))
        .isInstanceOf(CachePolicy.Lookup.class);
  }

  @Test
  void s5_2_1_5_aRequestNoStoreBypassesTheCacheOnARouteThatHonoursIt() {
    assertThat(policy.onRequest(get("Cache-Control", "max-age=0, no-store"), route("asks")))
        .isEqualTo(new CachePolicy.Bypass(Reason.REQUEST_NO_STORE));
  }

  @Test
  void s5_2_2_2_aFreshCopyThatMustBeRevalidatedOnceStaleIsUsableAsItIs() {
    HttpEntry fresh = entry(NOW.minusSeconds(20), NOW.plusSeconds(40), mustRevalidate());
    assertThat(CachePolicy.usable(fresh, route("origin"), lookup(get(), route("origin")), NOW))
        .isTrue();
    assertThat(policy.onEntry(get(), lookup(get(), route("origin")), fresh, NOW))
        .isEqualTo(CachePolicy.EntryAction.SERVE);
  }

  CachePolicy.Lookup lookup(RequestFacts request, Route route) {
    return (CachePolicy.Lookup) policy.onRequest(request, route);
  }

  // ---- configuration

  @Test
  void ttlZeroMeansNoFallbackOnlyWhenTheOriginGivesTheLifetime() {
    assertThat(
            RouteGrammar.fromParams(
                    Map.of("routes", "o /o/** ttl=0 ttl-from=cache-control heuristic=10%")::get,
                    Set.of("routes"),
                    name -> null)
                .route("o")
                .orElseThrow()
                .heuristicPercent())
        .isEqualTo(10);
    assertThatThrownBy(
            () ->
                RouteGrammar.fromParams(
                    Map.of("routes", "o /o/** ttl=0")::get, Set.of("routes"), name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ttl=0")
        .hasMessageContaining("ttl-from=cache-control");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("heuristic=10", "heuristic"),
        Arguments.of("heuristic=101%", "heuristic"),
        Arguments.of("heuristic=-1%", "heuristic"),
        Arguments.of("heuristic-max=0s", "heuristic-max"),
        Arguments.of("honour-request-directives=yes", "honour-request-directives"),
        Arguments.of("ttl=-1s", "ttl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void aBadSettingFailsAtStartUpNamingIt(String option, String named) {
    assertThatThrownBy(
            () ->
                RouteGrammar.fromParams(
                    Map.of("routes", "o /o/** ttl-from=cache-control " + option)::get,
                    Set.of("routes"),
                    name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'): " + named);
  }
}
