package io.cachelet.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP caching rules, as pure functions of (request facts, stored entry, response facts, now):
 * no I/O, no clock, no servlet types. The filter performs the I/O around the decisions taken here.
 * Thread-safe.
 */
final class CachePolicy {

  /** Headers that rewrite a request's URL or method behind the container's back. */
  static final List<String> OVERRIDE_HEADERS =
      List.of(
          "X-Original-URL",
          "X-Rewrite-URL",
          "X-HTTP-Method-Override",
          "X-HTTP-Method",
          "X-Method-Override");

  private final RouteRules rules;
  private final CanonicalKey.Keys keys = new CanonicalKey.Keys();

  CachePolicy(RouteRules rules) {
    this.rules = rules;
  }

  /** What to do with a request before the cache is consulted. */
  sealed interface RequestDecision {}

  /** Go to the application, neither reading nor writing the cache. */
  record Bypass(Reason reason) implements RequestDecision {}

  /**
   * Consult the cache under {@code key}; {@code refresh} means a fresh copy must not be served (the
   * client's own {@code no-cache}, when honoured), though a new one is stored; {@code asked} are
   * the client's limits on which copy it accepts, none unless the route honours them.
   */
  record Lookup(CanonicalKey key, boolean refresh, RequestDirectives asked)
      implements RequestDecision {}

  /** What to do with a stored entry. */
  enum EntryAction {
    /** Serve it: it is fresh. */
    SERVE,
    /** Answer 304: it is fresh and the client's conditional headers match (RFC 9110 §13.1). */
    NOT_MODIFIED,
    /** It is stale but within grace: one request refreshes it, the others get the stale copy. */
    REVALIDATE,
    /** Serve it stale: the client's {@code max-stale} accepts it (RFC 9111 §5.2.1.2). */
    SERVE_STALE,
    /** Answer 504: the client said {@code only-if-cached} and no copy fits (RFC 9111 §5.2.1.7). */
    ONLY_IF_CACHED,
    /** Go to the application and store the result. */
    FETCH
  }

  /** What to do with a response the application produced. */
  sealed interface StoreDecision {}

  /**
   * Store it, fresh for {@code ttl} from now, kept a further {@code grace} to serve stale (or, when
   * {@code terms} say it must be revalidated, to be revalidated), with the origin's {@code terms}.
   */
  record Store(Duration ttl, Duration grace, EntryTerms terms) implements StoreDecision {}

  /** Do not store it, because of {@code reason}. */
  record Refuse(Reason reason) implements StoreDecision {}

  /** How a stored response answers a request's {@code Range} (RFC 9110 §14). */
  sealed interface RangeAnswer {}

  /** The whole representation: no range asked for, one that does not apply, or If-Range failed. */
  record Whole() implements RangeAnswer {}

  /** A 206 with this range of the representation. */
  record Partial(ByteRange range) implements RangeAnswer {}

  /** A 416: the range starts past the end of the representation (RFC 9110 §15.5.17). */
  record Unsatisfiable() implements RangeAnswer {}

  static final RangeAnswer WHOLE = new Whole();
  static final RangeAnswer UNSATISFIABLE = new Unsatisfiable();

  RequestDecision onRequest(RequestFacts request, Route route) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return new Bypass(Reason.METHOD);
    }
    for (String header : OVERRIDE_HEADERS) {
      if (request.headers().has(header)) {
        return new Bypass(Reason.OVERRIDE_HEADER);
      }
    }
    if (request.headers().has("X-Forwarded-Host") && !rules.trustForwardedHost()) {
      return new Bypass(Reason.FORWARDED_HOST);
    }
    if (!rules.hosts().isEmpty() && !rules.hosts().contains(request.host())) {
      return new Bypass(Reason.HOST);
    }
    // a range is cut from the stored representation; shadow mode serves nothing from it, so there
    // the application answers the range itself
    if (rules.shadow() && request.headers().has("Range")) {
      return new Bypass(Reason.RANGE);
    }
    if (request.hasBody()) {
      return new Bypass(Reason.REQUEST_BODY);
    }
    if (!keyedByPrincipal(request, route)) {
      if (request.headers().has("Authorization")) {
        return new Bypass(Reason.AUTHORIZATION);
      }
      if (request.principal().isPresent()) {
        return new Bypass(Reason.PRINCIPAL);
      }
      if (request.hasSession()) {
        return new Bypass(Reason.SESSION);
      }
      for (String cookie : rules.authCookies()) {
        if (request.cookieNames().contains(cookie)) {
          return new Bypass(Reason.AUTH_COOKIE);
        }
      }
    }
    // RFC 9111 §5.2.1.4 lets a cache ignore a request's no-cache; by default we do, so a
    // hard refresh can't be used to stampede the origin
    boolean refresh =
        rules.honourRequestNoCache()
            && (request.headers().hasDirective("Cache-Control", "no-cache")
                || request.headers().hasDirective("Pragma", "no-cache"));
    RequestDirectives asked =
        route.honourRequestDirectives()
            ? RequestDirectives.of(request.headers())
            : RequestDirectives.NONE;
    if (asked.noStore()) {
      return new Bypass(Reason.REQUEST_NO_STORE);
    }
    return new Lookup(keys.of(request, route), refresh, asked);
  }

  /** Whether the request is stored under its principal's own key rather than a shared one. */
  static boolean keyedByPrincipal(RequestFacts request, Route route) {
    return route.perPrincipal() && request.principal().isPresent();
  }

  /**
   * What to do with {@code entry}, a copy within its route's grace or one the client accepts stale
   * (see {@link #usable}).
   */
  EntryAction onEntry(RequestFacts request, Lookup lookup, HttpEntry entry, Instant now) {
    if (lookup.refresh()) {
      return EntryAction.FETCH;
    }
    RequestDirectives asked = lookup.asked();
    if (asked.accepts(entry, now)) {
      if (!now.isBefore(entry.freshUntil())) {
        return EntryAction.SERVE_STALE;
      }
      return notModified(request, entry) ? EntryAction.NOT_MODIFIED : EntryAction.SERVE;
    }
    if (asked.onlyIfCached()) {
      return EntryAction.ONLY_IF_CACHED;
    }
    // a copy too old for this client's limits is asked about, and never served stale to it
    return asked.limitsFreshness() ? EntryAction.FETCH : EntryAction.REVALIDATE;
  }

  /**
   * Whether {@code entry} may answer the request at {@code now}, served or revalidated: it is
   * fresh, within the route's grace, or a stale copy the client accepts by its {@code max-stale}.
   */
  static boolean usable(HttpEntry entry, Route route, Lookup lookup, Instant now) {
    return now.isBefore(entry.freshUntil())
        || withinGrace(entry, route, now)
        || lookup.asked().accepts(entry, now);
  }

  /**
   * Whether a stale copy may be served while it is revalidated at {@code now}: within the route's
   * grace or the response's {@code stale-while-revalidate} (RFC 5861 §3), and never when the origin
   * said it must be revalidated (RFC 9111 §4.2.4).
   */
  static boolean withinGrace(HttpEntry entry, Route route, Instant now) {
    EntryTerms terms = entry.terms();
    return !terms.mustRevalidate()
        && now.isBefore(
            entry.freshUntil().plus(longer(route.staleGrace(), terms.staleWhileRevalidate())));
  }

  /**
   * Whether a stale copy may be served in place of an error at {@code now}: within the route's
   * grace or the response's {@code stale-if-error} (RFC 5861 §4), and never when the origin said it
   * must be revalidated (RFC 9111 §5.2.2.2: not even when the origin fails).
   */
  static boolean withinErrorGrace(HttpEntry entry, Route route, Instant now) {
    EntryTerms terms = entry.terms();
    return !terms.mustRevalidate()
        && now.isBefore(entry.freshUntil().plus(longer(route.staleGrace(), terms.staleIfError())));
  }

  /** Whether a copy past its grace is still kept to be revalidated at {@code now}. */
  static boolean withinKeep(HttpEntry entry, Route route, Instant now) {
    return now.isBefore(
        entry.freshUntil().plus(staleWindow(route, entry.terms())).plus(route.keep()));
  }

  /** How long past freshness a copy is kept to be served stale or revalidated, before keep. */
  private static Duration staleWindow(Route route, EntryTerms terms) {
    return longer(route.staleGrace(), longer(terms.staleWhileRevalidate(), terms.staleIfError()));
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * The conditional fields that ask the application whether a stored copy is still current (RFC
   * 9111 §4.3.1): its entity tag, and its {@code Last-Modified} when that is a valid date.
   */
  static Map<String, String> validators(HttpEntry entry) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("If-None-Match", entry.etag());
    entry
        .headers()
        .first("Last-Modified")
        .filter(date -> HttpDates.parse(date).isPresent())
        .ifPresent(date -> fields.put("If-Modified-Since", date));
    return fields;
  }

  /**
   * Whether the client's validators match the entry (RFC 9110 §13.2.2): {@code If-None-Match} with
   * weak comparison (§8.8.3.2) takes precedence; {@code If-Modified-Since} is evaluated only
   * without it, and only against a stored {@code Last-Modified}. Only a 200 is answered with 304.
   */
  static boolean notModified(RequestFacts request, HttpEntry entry) {
    HeaderFields headers = request.headers();
    // most requests carry neither validator: asking whether they do is cheaper than reading them
    if (entry.status() != 200
        || !headers.has("If-None-Match") && !headers.has("If-Modified-Since")) {
      return false;
    }
    List<String> tags = headers.elements("If-None-Match");
    if (!tags.isEmpty()) {
      String mine = opaque(entry.etag());
      for (String tag : tags) {
        if (tag.equals("*") || opaque(tag).equals(mine)) {
          return true;
        }
      }
      return false;
    }
    Optional<String> since = headers.first("If-Modified-Since");
    Optional<String> lastModified = entry.headers().first("Last-Modified");
    if (since.isPresent() && lastModified.isPresent()) {
      Optional<Instant> sinceAt = HttpDates.parse(since.get());
      Optional<Instant> modifiedAt = HttpDates.parse(lastModified.get());
      return sinceAt.isPresent()
          && modifiedAt.isPresent()
          && !modifiedAt.get().isAfter(sinceAt.get());
    }
    return false;
  }

  /**
   * RFC 9110 §14.2: a GET's single byte range is answered from a stored 200, whose representation
   * as sent has {@code length} bytes and entity tag {@code etag}, when its {@code If-Range}, if
   * any, holds (§13.1.5). Several ranges, another unit or a malformed value get the whole
   * representation, as a server may answer them.
   */
  static RangeAnswer range(RequestFacts request, HttpEntry entry, String etag, long length) {
    HeaderFields headers = request.headers();
    if (!request.asksForRange() || entry.status() != 200) {
      return WHOLE;
    }
    List<String> values = headers.all("Range");
    Optional<ByteRange.Request> asked =
        values.size() == 1 ? ByteRange.parse(values.get(0)) : Optional.empty();
    if (asked.isEmpty() || !ifRangeHolds(headers, etag, entry)) {
      return WHOLE;
    }
    if (asked.get() instanceof ByteRange.Suffix suffix) {
      if (suffix.count() == 0 || length == 0) {
        return UNSATISFIABLE;
      }
      return new Partial(new ByteRange(length - Math.min(suffix.count(), length), length - 1));
    }
    ByteRange.Span span = (ByteRange.Span) asked.get();
    if (span.first() >= length) {
      return UNSATISFIABLE;
    }
    return new Partial(
        new ByteRange(span.first(), Math.min(span.last().orElse(Long.MAX_VALUE), length - 1)));
  }

  /**
   * RFC 9110 §13.1.5: an entity tag must match by strong comparison, so the weak tag of a
   * gzip-coded copy never does; a date must equal the stored {@code Last-Modified}.
   */
  private static boolean ifRangeHolds(HeaderFields headers, String etag, HttpEntry entry) {
    Optional<String> condition = headers.first("If-Range");
    if (condition.isEmpty()) {
      return true;
    }
    String value = condition.get().trim();
    if (value.startsWith("\"") || value.startsWith("W/")) {
      return !value.startsWith("W/") && !etag.startsWith("W/") && value.equals(etag.trim());
    }
    Optional<Instant> at = HttpDates.parse(value);
    return at.isPresent()
        && at.equals(entry.headers().first("Last-Modified").flatMap(HttpDates::parse));
  }

  private static String opaque(String etag) {
    String tag = etag.trim();
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  StoreDecision onResponse(Route route, ResponseFacts response, Exchange exchange) {
    Headers headers = response.headers();
    if (response.failed()) {
      return new Refuse(Reason.ORIGIN_ERROR);
    }
    if (response.sentError()) {
      return new Refuse(Reason.SEND_ERROR);
    }
    if (response.overflowed()) {
      return new Refuse(Reason.TOO_LARGE);
    }
    if (!route.statuses().contains(response.status())) {
      return new Refuse(Reason.STATUS);
    }
    if (headers.has("Set-Cookie") && !route.stripSetCookie()) {
      return new Refuse(Reason.SET_COOKIE);
    }
    // RFC 9213 §2.1: a targeted field, when present and valid, replaces Cache-Control for us
    String field =
        route.ttlSource() == Route.TtlSource.TARGETED && headers.has(route.targetedField())
            ? route.targetedField()
            : "Cache-Control";
    // RFC 9111 §5.2.2.7: a private response is for one user; only a per-principal entry is
    // one user's. A private="field" is refused whole, more strictly than the RFC asks
    if (headers.hasDirective(field, "private") && !exchange.keyedByPrincipal()) {
      return new Refuse(Reason.PRIVATE);
    }
    if (headers.hasDirective(field, "no-store")) {
      return new Refuse(Reason.NO_STORE);
    }
    boolean noCache = headers.hasDirective(field, "no-cache");
    if (noCache && route.ttlSource() == Route.TtlSource.ROUTE) {
      return new Refuse(Reason.NO_CACHE);
    }
    List<String> varied = headers.elements("Vary");
    if (varied.contains("*")) {
      return new Refuse(Reason.VARY_STAR);
    }
    for (String variedField : varied) {
      String name = variedField.toLowerCase(Locale.ROOT);
      if (!CanonicalKey.dependsOn(route, name) && !CanonicalKey.implicitlyVaried().contains(name)) {
        return new Refuse(Reason.VARY_NOT_KEYED);
      }
    }
    String type = headers.first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/event-stream")) {
      return new Refuse(Reason.EVENT_STREAM);
    }
    Set<String> codings = Set.copyOf(headers.elements("Content-Encoding"));
    if (!codings.isEmpty()
        && !codings.equals(Set.of("gzip"))
        && !codings.equals(Set.of("identity"))) {
      return new Refuse(Reason.CONTENT_ENCODING);
    }
    if (route.ttlSource() == Route.TtlSource.ROUTE) {
      return new Store(route.ttl(), route.staleGrace(), EntryTerms.NONE);
    }
    return fromOrigin(route, response.status(), headers, field, noCache, exchange);
  }

  /**
   * The store decision of a route that takes freshness from the origin (RFC 9111 §4.2): the
   * lifetime left once the age the response arrived with is subtracted, and the origin's terms for
   * serving it stale. A {@code no-cache} response (§5.2.2.4; a qualified one is taken as
   * unqualified) is stored stale, to be revalidated before every use; any response without
   * freshness left is kept only when the route or the response gives it a window past freshness.
   */
  private static StoreDecision fromOrigin(
      Route route, int status, Headers headers, String field, boolean noCache, Exchange exchange) {
    Instant date = Freshness.dateValue(headers, exchange.receivedAt());
    Optional<Duration> lifetime =
        noCache
            ? Optional.of(Duration.ZERO)
            : Freshness.lifetime(route, status, headers, field, date);
    if (lifetime.isEmpty()) {
      return new Refuse(Reason.NO_FRESHNESS);
    }
    Duration age =
        Freshness.correctedInitialAge(headers, exchange.requestedAt(), exchange.receivedAt());
    boolean mustRevalidate =
        noCache
            || headers.hasDirective(field, "must-revalidate")
            || headers.hasDirective(field, "proxy-revalidate")
            // §5.2.2.10: s-maxage implies proxy-revalidate for a shared cache
            || headers.directiveSeconds(field, "s-maxage").isPresent();
    EntryTerms terms =
        new EntryTerms(
            age,
            seconds(headers, field, "stale-while-revalidate"),
            seconds(headers, field, "stale-if-error"),
            mustRevalidate);
    Duration left = lifetime.get().minus(age);
    Duration ttl = left.isNegative() ? Duration.ZERO : left;
    Duration window = staleWindow(route, terms);
    if (ttl.isZero() && window.plus(route.keep()).isZero()) {
      return new Refuse(noCache ? Reason.NO_CACHE : Reason.ZERO_TTL);
    }
    return new Store(ttl, window, terms);
  }

  private static Duration seconds(Headers headers, String field, String directive) {
    return Duration.ofSeconds(headers.directiveSeconds(field, directive).orElse(0));
  }
}
