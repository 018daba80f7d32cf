package io.cachelet.filter;

import java.time.Instant;

/**
 * When and for whom the application was asked for a response: what the freshness arithmetic and the
 * {@code private} rule need beyond the response itself.
 *
 * @param requestedAt when the request was handed to the application (RFC 9111 §4.2.3 request_time)
 * @param receivedAt when its response came back (response_time)
 * @param keyedByPrincipal whether the response is stored under its principal's own key
 */
record Exchange(Instant requestedAt, Instant receivedAt, boolean keyedByPrincipal) {}
