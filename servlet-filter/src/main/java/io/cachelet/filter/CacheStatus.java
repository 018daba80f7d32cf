package io.cachelet.filter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the diagnostic headers: {@code X-Cache} and the RFC 9211 {@code Cache-Status} field
 * ({@code hit}, {@code fwd}, {@code fwd-status}, {@code stored}, {@code collapsed}, {@code ttl},
 * {@code detail}).
 */
final class CacheStatus {

  static final String X_CACHE = "X-Cache";
  static final String CACHE_STATUS = "Cache-Status";

  private final String name;

  CacheStatus(String name) {
    this.name = name;
  }

  /** Served from a fresh entry; {@code ttl} is its remaining freshness in seconds. */
  void hit(HttpServletResponse response, long ttl, boolean collapsed) {
    set(response, "HIT", name + "; hit; ttl=" + ttl + (collapsed ? "; collapsed" : ""));
  }

  /** Served from a stale entry while another request refreshes it. */
  void stale(HttpServletResponse response, long ttl) {
    set(response, "STALE", name + "; hit; ttl=" + ttl);
  }

  /** Served from a stale entry because the application failed (stale-if-error). */
  void staleOnError(HttpServletResponse response, long ttl, int status) {
    set(
        response,
        "STALE",
        name
            + "; fwd=stale"
            + (status > 0 ? "; fwd-status=" + status : "")
            + "; ttl="
            + ttl
            + "; detail="
            + Reason.ORIGIN_ERROR.detail());
  }

  /**
   * Asked the application whether a stale copy is still current, it said so with a 304, and the
   * copy was served and stored again; {@code ttl} is its renewed freshness.
   */
  void revalidated(HttpServletResponse response, long ttl) {
    set(response, "REVALIDATED", name + "; fwd=stale; fwd-status=304; stored; ttl=" + ttl);
  }

  /** Went to the application; whether the response is stored is not known yet. */
  void miss(HttpServletResponse response) {
    set(response, "MISS", name + "; fwd=miss");
  }

  /** Went to the application and stored the response. */
  void stored(HttpServletResponse response, int status) {
    set(response, "MISS", name + "; fwd=miss; fwd-status=" + status + "; stored");
  }

  /** Went to the application, which was asked for the response; not stored, and why. */
  void notStored(HttpServletResponse response, int status, Reason reason) {
    set(
        response,
        "BYPASS",
        name + "; fwd=miss; fwd-status=" + status + "; detail=" + reason.detail());
  }

  /** Answered 504 without asking the application: no copy fits an {@code only-if-cached}. */
  void onlyIfCached(HttpServletResponse response) {
    set(response, "MISS", name + "; detail=" + Reason.ONLY_IF_CACHED.detail());
  }

  /** Did not consult the cache, and why. */
  void bypass(HttpServletResponse response, Reason reason) {
    String fwd = reason == Reason.METHOD ? "method" : "bypass";
    set(response, "BYPASS", name + "; fwd=" + fwd + "; detail=" + reason.detail());
  }

  /** Adds that the response is a range cut from the stored representation (206 or 416). */
  static void answeredRange(HttpServletResponse response) {
    String status = response.getHeader(CACHE_STATUS);
    if (status != null && !status.contains("; detail=") && !response.isCommitted()) {
      response.setHeader(CACHE_STATUS, status + "; detail=" + Reason.RANGE.detail());
    }
  }

  private static void set(HttpServletResponse response, String xCache, String status) {
    if (!response.isCommitted()) {
      response.setHeader(X_CACHE, xCache);
      response.setHeader(CACHE_STATUS, status);
    }
  }
}
