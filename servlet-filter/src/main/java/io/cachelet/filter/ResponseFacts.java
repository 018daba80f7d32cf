package io.cachelet.filter;

/**
 * What the policy needs to know about a response the application produced.
 *
 * @param status the final status
 * @param headers the headers the application set, {@code Content-Type} with its final charset
 * @param sentError whether the application called {@code sendError} or {@code sendRedirect}
 * @param overflowed whether the body grew past the route's limit (and was streamed through)
 * @param failed whether the chain threw, or the async request errored or timed out
 */
record ResponseFacts(
    int status, Headers headers, boolean sentError, boolean overflowed, boolean failed) {}
