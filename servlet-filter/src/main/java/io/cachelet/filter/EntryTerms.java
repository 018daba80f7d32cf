package io.cachelet.filter;

import java.time.Duration;

/**
 * What a stored response keeps of the origin's freshness terms, beyond its lifetime.
 *
 * @param initialAge the corrected initial age when it was received (RFC 9111 §4.2.3): what the
 *     response's age was then, so that a hit's {@code Age} is its current age
 * @param staleWhileRevalidate how long past freshness the origin lets a stale copy be served while
 *     it is revalidated (RFC 5861 §3)
 * @param staleIfError how long past freshness the origin lets a stale copy be served when it fails
 *     (RFC 5861 §4)
 * @param mustRevalidate whether a stale copy must never be served without the origin confirming it:
 *     {@code must-revalidate}, {@code proxy-revalidate}, {@code s-maxage} (RFC 9111 §5.2.2.2,
 *     §5.2.2.8, §5.2.2.10) or {@code no-cache} (§5.2.2.4)
 */
record EntryTerms(
    Duration initialAge,
    Duration staleWhileRevalidate,
    Duration staleIfError,
    boolean mustRevalidate) {

  /** A response whose freshness the route decides: no age received, no terms of the origin's. */
  static final EntryTerms NONE = new EntryTerms(Duration.ZERO, Duration.ZERO, Duration.ZERO, false);
}
