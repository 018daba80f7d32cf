package io.cachelet.filter;

/**
 * Why a request went to the application instead of the cache, or why its response was not stored.
 * Each reason is reported as the {@code detail} parameter of the RFC 9211 {@code Cache-Status}
 * header (§2.8), so every bypass explains itself.
 */
enum Reason {
  /** Not GET or HEAD: only safe methods are served from cache (RFC 9111 §3, §4.4). */
  METHOD("METHOD"),
  /** The request carries {@code Authorization} (RFC 9111 §3.5). */
  AUTHORIZATION("AUTHORIZATION"),
  /** The container authenticated the request. */
  PRINCIPAL("AUTHENTICATED"),
  /** The request belongs to an existing session. */
  SESSION("SESSION"),
  /** The request carries a configured session or login cookie. */
  AUTH_COOKIE("AUTH-COOKIE"),
  /** A GET or HEAD with a body: its meaning is undefined (RFC 9110 §9.3.1). */
  REQUEST_BODY("REQUEST-BODY"),
  /** The request carries a header that rewrites its URL or method. */
  OVERRIDE_HEADER("OVERRIDE-HEADER"),
  /** The request carries an untrusted {@code X-Forwarded-Host}. */
  FORWARDED_HOST("FORWARDED-HOST"),
  /** The host is not in the configured allowlist. */
  HOST("HOST-NOT-ALLOWED"),
  /**
   * A range request (RFC 9110 §14.2): answered from the cache with a 206 or 416, or, in shadow
   * mode, by the application.
   */
  RANGE("RANGE"),
  /** The response sets a cookie. */
  SET_COOKIE("SET-COOKIE"),
  /** {@code Cache-Control: private} (RFC 9111 §5.2.2.7). */
  PRIVATE("PRIVATE"),
  /** {@code Cache-Control: no-store} (RFC 9111 §5.2.2.5). */
  NO_STORE("NO-STORE"),
  /** {@code Cache-Control: no-cache} (RFC 9111 §5.2.2.4). */
  NO_CACHE("NO-CACHE"),
  /** {@code Vary: *} never matches (RFC 9111 §4.1). */
  VARY_STAR("VARY-STAR"),
  /** The response varies on a request header the route does not key on. */
  VARY_NOT_KEYED("VARY-NOT-KEYED"),
  /** The status is not in the route's list. */
  STATUS("STATUS"),
  /** The application called {@code sendError} or {@code sendRedirect}. */
  SEND_ERROR("SEND-ERROR"),
  /** A server-sent event stream never ends. */
  EVENT_STREAM("EVENT-STREAM"),
  /** The body is larger than the route's limit. */
  TOO_LARGE("TOO-LARGE"),
  /** The body arrived in a content coding other than gzip. */
  CONTENT_ENCODING("CONTENT-ENCODING"),
  /** No freshness is left of the lifetime from the origin, and no window keeps it past that. */
  ZERO_TTL("ZERO-TTL"),
  /**
   * The origin gives no lifetime (RFC 9111 §4.2.1), and the route neither a heuristic one (§4.2.2)
   * nor a TTL to fall back on.
   */
  NO_FRESHNESS("NO-FRESHNESS"),
  /**
   * The client's {@code no-store} (RFC 9111 §5.2.1.5), on a route that honours request directives:
   * nothing of the exchange is stored.
   */
  REQUEST_NO_STORE("REQUEST-NO-STORE"),
  /** The client asked for a stored copy only, and none fits (RFC 9111 §5.2.1.7). */
  ONLY_IF_CACHED("ONLY-IF-CACHED"),
  /** The application threw, or the async request failed or timed out. */
  ORIGIN_ERROR("ORIGIN-ERROR"),
  /** The store can't be reached: the request went to the application. */
  STORE_UNAVAILABLE("STORE-UNAVAILABLE"),
  /** Shadow mode: the cache decided but did not serve. */
  SHADOW("SHADOW");

  private final String detail;

  Reason(String detail) {
    this.detail = detail;
  }

  /** The {@code detail} token. */
  String detail() {
    return detail;
  }
}
