package io.cachelet.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The request directives of RFC 9111 §5.2.1 that limit which stored copy a client accepts, {@code
 * max-age}, {@code max-stale}, {@code min-fresh} and {@code only-if-cached}, and whether it lets
 * anything be stored at all ({@code no-store}). Read only on routes that honour them. Immutable.
 */
final class RequestDirectives {

  private final OptionalLong maxAge;
  private final OptionalLong minFresh;
  private final boolean maxStale;
  private final OptionalLong maxStaleLimit;
  private final boolean onlyIfCached;
  private final boolean noStore;

  /** No limits: what a route that does not honour request directives uses. */
  static final RequestDirectives NONE =
      new RequestDirectives(
          OptionalLong.empty(), OptionalLong.empty(), false, OptionalLong.empty(), false, false);

  private RequestDirectives(
      OptionalLong maxAge,
      OptionalLong minFresh,
      boolean maxStale,
      OptionalLong maxStaleLimit,
      boolean onlyIfCached,
      boolean noStore) {
    this.maxAge = maxAge;
    this.minFresh = minFresh;
    this.maxStale = maxStale;
    this.maxStaleLimit = maxStaleLimit;
    this.onlyIfCached = onlyIfCached;
    this.noStore = noStore;
  }

  static RequestDirectives of(HeaderFields headers) {
    OptionalLong maxStaleLimit = headers.directiveSeconds("Cache-Control", "max-stale");
    return new RequestDirectives(
        headers.directiveSeconds("Cache-Control", "max-age"),
        headers.directiveSeconds("Cache-Control", "min-fresh"),
        // §5.2.1.2: max-stale without a value accepts a copy however stale; one with an invalid
        // value is taken as absent, so a malformed request never gets a stale copy it did not ask
        // for
        maxStaleLimit.isPresent() || bare(headers, "max-stale"),
        maxStaleLimit,
        headers.hasDirective("Cache-Control", "only-if-cached"),
        headers.hasDirective("Cache-Control", "no-store"));
  }

  /** §5.2.1.5: nothing of this request or its response may be stored. */
  boolean noStore() {
    return noStore;
  }

  /** §5.2.1.7: the client wants a stored copy or a 504, never the origin. */
  boolean onlyIfCached() {
    return onlyIfCached;
  }

  /** Whether the client stated a limit of age or freshness that a copy may fail. */
  boolean limitsFreshness() {
    return maxAge.isPresent() || minFresh.isPresent();
  }

  /**
   * Whether {@code entry} at {@code now} is a copy the client accepts: no older than its {@code
   * max-age} (§5.2.1.1), fresh for at least its {@code min-fresh} (§5.2.1.3), and, when stale,
   * within its {@code max-stale} (§5.2.1.2), which never reaches a copy the origin said must be
   * revalidated (§5.2.2.2).
   */
  boolean accepts(HttpEntry entry, Instant now) {
    if (maxAge.isPresent() && entry.currentAge(now).getSeconds() > maxAge.getAsLong()) {
      return false;
    }
    Instant freshUntil = entry.freshUntil();
    if (minFresh.isPresent()
        && Duration.between(now, freshUntil).getSeconds() < minFresh.getAsLong()) {
      return false;
    }
    if (now.isBefore(freshUntil)) {
      return true;
    }
    if (!maxStale || entry.terms().mustRevalidate()) {
      return false;
    }
    return maxStaleLimit.isEmpty()
        || Duration.between(freshUntil, now).getSeconds() <= maxStaleLimit.getAsLong();
  }

  private static boolean bare(HeaderFields headers, String directive) {
    for (String element : headers.elements("Cache-Control")) {
      if (element.equalsIgnoreCase(directive)) {
        return true;
      }
    }
    return false;
  }
}
