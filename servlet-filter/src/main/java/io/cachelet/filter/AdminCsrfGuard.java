package io.cachelet.filter;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses state-changing admin calls a browser could have been tricked into sending: credentials a
 * browser attaches on its own (Basic, Digest, form login, a session cookie) ride along with a
 * cross-site form post, so the role alone proves nothing about who chose to send the call.
 * Immutable and thread-safe; {@link #decide} is pure.
 *
 * <p>A call is refused when {@code Sec-Fetch-Site} is {@code cross-site} (or {@code same-site}
 * unless allowed), when {@code Origin} or {@code Referer} names an origin that is neither the
 * request's own nor an allowed one, or when it is a "simple" request a plain HTML form can send: it
 * must carry {@code X-Cachelet-Admin: 1} or {@code Content-Type: application/json}, which make a
 * browser ask a CORS preflight first — and the admin servlet never grants one.
 */
public final class AdminCsrfGuard {

  /** The header the dashboard and scripts send to mark a call as deliberate. */
  public static final String MARKER_HEADER = "X-Cachelet-Admin";

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Set<String> allowedOrigins;
  private final boolean allowSameSite;

  private AdminCsrfGuard(Set<String> allowedOrigins, boolean allowSameSite) {
    this.allowedOrigins = allowedOrigins;
    this.allowSameSite = allowSameSite;
  }

  /** Only the request's own origin; {@code same-site} refused. The default. */
  public static AdminCsrfGuard sameOrigin() {
    return new AdminCsrfGuard(Set.of(), false);
  }

  /**
   * This guard with {@code origins} ({@code scheme://host[:port]}, comma- or space-separated, as
   * the {@code cachelet.admin.allowed-origins} init-param) also allowed; a site-mate origin listed
   * here is trusted even when the browser says {@code same-site}.
   */
  public AdminCsrfGuard allowingOrigins(String origins) {
    Objects.requireNonNull(origins, "origins");
    Set<String> parsed =
        Set.of(origins.trim().split("[,\\s]+")).stream()
            .filter(s -> !s.isEmpty())
            .map(AdminCsrfGuard::requireOrigin)
            .collect(Collectors.toUnmodifiableSet());
    return new AdminCsrfGuard(parsed, allowSameSite || !parsed.isEmpty());
  }

  private static String requireOrigin(String value) {
    Optional<String> origin = originOf(value);
    if (origin.isEmpty() || !origin.get().equals(value.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "cachelet.admin.allowed-origins: '"
              + value
              + "' is not an origin; write scheme://host or scheme://host:port, no path");
    }
    return origin.get();
  }

  /** The facts of one request the decision needs, header values as sent (null when absent). */
  public record Facts(
      String method,
      boolean browserCredentials,
      String ownOrigin,
      String secFetchSite,
      String origin,
      String referer,
      String marker,
      String contentType) {}

  /** Why a call was refused, or empty when it may proceed. */
  public Optional<String> decide(Facts facts) {
    if (!facts.browserCredentials() || SAFE.contains(facts.method().toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String site = facts.secFetchSite();
    if (site != null) {
      String value = site.trim().toLowerCase(Locale.ROOT);
      if (value.equals("cross-site")) {
        return Optional.of("cross-site request refused (Sec-Fetch-Site: cross-site)");
      }
      if (value.equals("same-site") && !allowSameSite) {
        return Optional.of("same-site request refused (Sec-Fetch-Site: same-site)");
      }
    }
    Optional<String> refused = foreign("Origin", facts.origin(), facts.ownOrigin());
    if (refused.isEmpty()) {
      refused = foreign("Referer", facts.referer(), facts.ownOrigin());
    }
    if (refused.isPresent()) {
      return refused;
    }
    if (!"1".equals(trim(facts.marker())) && !isJson(facts.contentType())) {
      return Optional.of(
          "send "
              + MARKER_HEADER
              + ": 1 or Content-Type: application/json; a plain form post is never accepted");
    }
    return Optional.empty();
  }

  private Optional<String> foreign(String header, String value, String ownOrigin) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<String> origin = originOf(value.trim());
    if (origin.isPresent()
        && (origin.equals(originOf(ownOrigin)) || allowedOrigins.contains(origin.get()))) {
      return Optional.empty();
    }
    return Optional.of(
        header + " " + value.trim() + " is not this server's origin nor an allowed origin");
  }

  /** {@code scheme://host[:port]} of a URL, lower case, default ports dropped; empty if none. */
  static Optional<String> originOf(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return Optional.of(
          scheme
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (defaultPort ? "" : ":" + port));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
