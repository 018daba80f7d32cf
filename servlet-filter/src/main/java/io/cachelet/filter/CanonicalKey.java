package io.cachelet.filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The canonical identity of a cached response: scheme, host, port, normalised path, the kept query
 * parameters sorted, the normalised values of the route's vary headers and, on per-principal
 * routes, a hash of the principal.
 *
 * <p>Every field is written as its UTF-8 byte length, a colon and its bytes, so no crafted value
 * can make two different requests produce the same canonical text (a value holding a separator
 * still has its own length). The store key is the SHA-256 of that text; the entry stores the text
 * itself and a read compares it, so even a hash collision can't serve the wrong entry.
 *
 * @param canonical the length-prefixed canonical text
 * @param hash its SHA-256, lower-case hex
 */
record CanonicalKey(String canonical, String hash) {

  private static final HexFormat HEX = HexFormat.of();
  private static final String VERSION = "1";

  /**
   * Everything a canonical key is made of, as read from a request: equal inputs make equal keys, so
   * a key can be remembered by its inputs ({@link Keys}).
   *
   * @param route the route (compared by identity: a rule set has one object per route)
   * @param query the decoded query parameters in the order sent
   * @param varied the normalised values of the route's vary headers, in the route's order
   * @param principal the principal's name on per-principal routes, else empty
   */
  record Inputs(
      Route route,
      String scheme,
      String host,
      int port,
      String path,
      List<Map.Entry<String, String>> query,
      List<String> varied,
      String principal) {

    static Inputs of(RequestFacts request, Route route) {
      List<String> varied = new ArrayList<>(route.vary().size());
      for (String header : route.vary()) {
        varied.add(varyValue(header, request));
      }
      return new Inputs(
          route,
          request.scheme(),
          request.host(),
          request.port(),
          request.path(),
          request.query(),
          varied,
          route.perPrincipal() ? request.principal().orElse("") : "");
    }
  }

  /**
   * The keys of the requests seen lately, by their inputs: a repeated request skips building the
   * canonical text and hashing it. Bounded by {@value #REMEMBERED} keys. Thread-safe.
   */
  static final class Keys {
    static final int REMEMBERED = 4096;

    private final RecentResults<Inputs, CanonicalKey> recent =
        new RecentResults<>(REMEMBERED, CanonicalKey::of);

    CanonicalKey of(RequestFacts request, Route route) {
      return recent.get(Inputs.of(request, route));
    }
  }

  static CanonicalKey of(Inputs inputs) {
    Route route = inputs.route();
    StringBuilder out = new StringBuilder(256);
    field(out, VERSION);
    field(out, inputs.scheme().toLowerCase(Locale.ROOT));
    field(out, inputs.host());
    field(out, Integer.toString(inputs.port()));
    field(out, inputs.path());
    List<Map.Entry<String, String>> query = keptQuery(inputs.query(), route);
    field(out, Integer.toString(query.size()));
    for (Map.Entry<String, String> parameter : query) {
      field(out, parameter.getKey());
      field(out, parameter.getValue());
    }
    field(out, Integer.toString(route.vary().size()));
    for (int i = 0; i < route.vary().size(); i++) {
      field(out, route.vary().get(i));
      field(out, inputs.varied().get(i));
    }
    field(out, route.perPrincipal() ? sha256(inputs.principal()) : "");
    String canonical = out.toString();
    return new CanonicalKey(canonical, sha256(canonical));
  }

  private static List<Map.Entry<String, String>> keptQuery(
      List<Map.Entry<String, String>> query, Route route) {
    List<Map.Entry<String, String>> kept = new ArrayList<>();
    for (Map.Entry<String, String> parameter : query) {
      if (route
          .queryAllowlist()
          .map(allowed -> allowed.contains(parameter.getKey()))
          .orElse(true)) {
        kept.add(Map.entry(parameter.getKey(), parameter.getValue()));
      }
    }
    // sorted by name, then value: parameter order carries no meaning for the routes we cache
    kept.sort(
        Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    return kept;
  }

  /**
   * The normalised value of a vary header: Accept-Encoding reduced to gzip-or-identity,
   * Accept-Language to its first tag, anything else trimmed with inner whitespace collapsed.
   */
  static String varyValue(String header, RequestFacts request) {
    HeaderFields headers = request.headers();
    return switch (header) {
      case "accept-encoding" -> request.acceptsGzip() ? "gzip" : "identity";
      case "accept-language" -> {
        List<String> tags = headers.elements("Accept-Language");
        yield tags.isEmpty() ? "" : tags.get(0).split(";")[0].trim().toLowerCase(Locale.ROOT);
      }
      default -> String.join(",", headers.all(header)).trim().replaceAll("\\s+", " ");
    };
  }

  /** Whether the key depends on request {@code header}, for checking a response's Vary. */
  static boolean dependsOn(Route route, String header) {
    return route.vary().contains(header.toLowerCase(Locale.ROOT));
  }

  static Set<String> implicitlyVaried() {
    return Set.of("accept-encoding");
  }

  private static void field(StringBuilder out, String value) {
    out.append(utf8Length(value)).append(':').append(value);
  }

  /**
   * What {@code value.getBytes(UTF_8).length} is, without encoding it: a lone surrogate, which the
   * encoder replaces by {@code ?}, counts one byte.
   */
  static int utf8Length(String value) {
    int length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return length;
  }

  static String sha256(String text) {
    return HEX.formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    return SHA_256.get().digest(bytes);
  }

  /** One digest per thread: looking the algorithm up costs more than hashing a key. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("Every Java platform must support SHA-256", e);
            }
          });
}
