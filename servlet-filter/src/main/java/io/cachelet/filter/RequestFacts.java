package io.cachelet.filter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy needs to know about a request, read once from the servlet request so that the
 * policy itself stays free of servlet types and can be tested from tables.
 *
 * @param method the request method, as sent
 * @param scheme {@code http} or {@code https}
 * @param host the host the request is for, lower-cased: the server name, or a trusted {@code
 *     X-Forwarded-Host}
 * @param port the server port
 * @param path the path inside the web application, normalised by {@link PathPattern#normalise}
 * @param query the decoded query parameters in the order sent
 * @param headers the request headers, read on demand
 * @param hasBody whether the request has a body ({@code Content-Length} above 0 or a {@code
 *     Transfer-Encoding})
 * @param principal the authenticated principal's name, if any
 * @param hasSession whether the request belongs to an existing session
 * @param cookieNames the names of the cookies sent
 */
record RequestFacts(
    String method,
    String scheme,
    String host,
    int port,
    String path,
    List<Map.Entry<String, String>> query,
    HeaderFields headers,
    boolean hasBody,
    Optional<String> principal,
    boolean hasSession,
    Set<String> cookieNames) {

  boolean isHead() {
    return method.equals("HEAD");
  }

  /** Whether this is a GET asking for part of the representation (RFC 9110 §14.2). */
  boolean asksForRange() {
    return method.equals("GET") && headers.has("Range");
  }

  /** Whether the method is one whose 2xx response invalidates stored entries (RFC 9111 §4.4). */
  boolean isUnsafe() {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
      default -> true;
    };
  }

  /** Whether the client accepts a gzip-coded body (RFC 9110 §12.5.3); q=0 refuses it. */
  boolean acceptsGzip() {
    for (String element : headers.elements("Accept-Encoding")) {
      String[] parts = element.split(";");
      String coding = parts[0].trim();
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        return !refused(parts);
      }
    }
    return false;
  }

  private static boolean refused(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2)) <= 0;
        } catch (NumberFormatException e) {
          return true;
        }
      }
    }
    return false;
  }
}
