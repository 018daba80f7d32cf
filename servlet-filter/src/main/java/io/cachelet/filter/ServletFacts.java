package io.cachelet.filter;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@link RequestFacts} from a servlet request: the one place the policy meets servlets. */
final class ServletFacts {

  private ServletFacts() {}

  static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    return PathPattern.normalise(
        (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo));
  }

  static RequestFacts read(HttpServletRequest request, String path, RouteRules rules) {
    HeaderFields headers = new RequestHeaders(request);
    String host = request.getServerName();
    if (rules.trustForwardedHost()) {
      Optional<String> forwarded = headers.elements("X-Forwarded-Host").stream().findFirst();
      if (forwarded.isPresent()) {
        host = forwarded.get().replaceFirst(":\\d+$", "");
      }
    }
    Principal principal = request.getUserPrincipal();
    Set<String> cookies = Set.of();
    Cookie[] sent = headers.has("Cookie") ? request.getCookies() : null;
    if (sent != null) {
      Set<String> names = new HashSet<>();
      for (Cookie cookie : sent) {
        names.add(cookie.getName());
      }
      cookies = Set.copyOf(names);
    }
    return new RequestFacts(
        request.getMethod(),
        request.getScheme(),
        host == null ? "" : host.toLowerCase(Locale.ROOT),
        request.getServerPort(),
        path,
        query(request.getQueryString()),
        headers,
        request.getContentLengthLong() > 0 || headers.has("Transfer-Encoding"),
        principal == null ? Optional.empty() : Optional.of(principal.getName()),
        request.getSession(false) != null,
        cookies);
  }

  /** The decoded parameters of a query string, in order; undecodable ones are kept raw. */
  static List<Map.Entry<String, String>> query(String queryString) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (queryString == null || queryString.isEmpty()) {
      return out;
    }
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(decode(name), decode(value)));
    }
    return out;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /**
   * A request's headers, read from it when the policy asks, not copied. A class, not a record, for
   * the javax build's transformer (see {@code CacheHandler.Request}).
   */
  private static final class RequestHeaders implements HeaderFields {
    private final HttpServletRequest request;

    RequestHeaders(HttpServletRequest request) {
      this.request = request;
    }

    @Override
    public List<String> all(String name) {
      Enumeration<String> values = request.getHeaders(name);
      // most fields asked for are absent: no list for them
      return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
    }

    @Override
    public boolean has(String name) {
      return request.getHeader(name) != null;
    }
  }
}
