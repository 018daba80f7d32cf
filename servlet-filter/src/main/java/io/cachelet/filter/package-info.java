/**
 * A servlet filter that caches whole GET responses per configured route in the Cachelet store, with
 * the HTTP semantics of RFC 9110 and RFC 9111: nothing cached that could belong to one user, {@code
 * Age}, conditional requests, one gzip copy for every client, stale-while-revalidate and
 * stale-if-error (RFC 5861), diagnostics in the RFC 9211 {@code Cache-Status} field, and TTLs from
 * targeted fields (RFC 9213).
 *
 * <p>Public: {@link io.cachelet.filter.ResponseCacheFilter}, {@link io.cachelet.filter.RouteRules}
 * and {@link io.cachelet.filter.Route} (configuration), {@link
 * io.cachelet.filter.HttpCacheInvalidator} and {@link io.cachelet.filter.FilterStats}; {@link
 * io.cachelet.filter.FragmentListener} is the web fragment's opt-in registration. The policy
 * ({@code CachePolicy}) is a pure decision object; everything else is package-private I/O around
 * it.
 */
package io.cachelet.filter;
