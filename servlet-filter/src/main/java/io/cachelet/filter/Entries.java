package io.cachelet.filter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a captured response into an {@link HttpEntry}: which headers are kept, the entity tag, and
 * the one gzip-coded copy of a compressible body.
 */
final class Entries {

  /** Bodies shorter than this are not worth compressing. */
  static final int MIN_GZIP_BYTES = 256;

  /**
   * Fields never stored: hop-by-hop fields (RFC 9110 §7.6.1), framing fields recomputed on every
   * response (RFC 9112 §6), {@code Date} and {@code Age} (regenerated, RFC 9111 §4.2.3), cookies,
   * and the cache's own diagnostics.
   */
  private static final Set<String> NOT_STORED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "content-encoding",
          "date",
          "age",
          "set-cookie",
          "set-cookie2",
          "x-cache",
          "cache-status");

  private Entries() {}

  /**
   * Whether the body will be stored gzip-coded (decided before any byte is sent): never when the
   * origin said {@code no-transform}, which forbids changing the content coding (RFC 9110 §7.7).
   */
  static boolean willGzip(Headers headers, byte[] body) {
    if (headers.elements("Content-Encoding").contains("gzip")) {
      return true;
    }
    if (body.length < MIN_GZIP_BYTES || headers.hasDirective("Cache-Control", "no-transform")) {
      return false;
    }
    String type = headers.first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    String media = type.split(";")[0].trim();
    return media.startsWith("text/")
        || media.endsWith("+json")
        || media.endsWith("+xml")
        || media.equals("application/json")
        || media.equals("application/xml")
        || media.equals("application/javascript")
        || media.equals("image/svg+xml");
  }

  /** The app's entity tag, or a strong one from the SHA-256 of the body (RFC 9110 §8.8.3). */
  static String etag(Headers headers, byte[] body) {
    return headers
        .first("ETag")
        .orElseGet(
            () ->
                "\""
                    + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(CanonicalKey.sha256(body))
                    + "\"");
  }

  /** The headers to store, and {@code Vary: Accept-Encoding} when the body is stored gzip-coded. */
  static Headers storedHeaders(Headers headers, boolean gzip) {
    Headers out = new Headers();
    Set<String> connectionNamed =
        Set.copyOf(
            headers.elements("Connection").stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    headers
        .asMap()
        .forEach(
            (name, values) -> {
              String key = name.toLowerCase(Locale.ROOT);
              if (!NOT_STORED.contains(key) && !connectionNamed.contains(key)) {
                values.forEach(v -> out.add(name, v));
              }
            });
    if (gzip && !varies(out, "Accept-Encoding")) {
      out.add("Vary", "Accept-Encoding");
    }
    return out;
  }

  static boolean varies(Headers headers, String field) {
    return headers.elements("Vary").stream().anyMatch(v -> v.equalsIgnoreCase(field));
  }

  static HttpEntry build(
      CanonicalKey key,
      int status,
      Headers finalHeaders,
      String etag,
      byte[] body,
      Instant now,
      Duration ttl,
      Set<String> tags,
      EntryTerms terms) {
    boolean gzip = willGzip(finalHeaders, body);
    boolean arrivedGzipped = finalHeaders.elements("Content-Encoding").contains("gzip");
    Headers stored = storedHeaders(finalHeaders, gzip);
    stored.set("ETag", etag);
    byte[] storedBody;
    long identityLength;
    if (arrivedGzipped) {
      // never compress twice: an encoded body is stored as it came
      storedBody = body;
      identityLength = gunzippedLength(body);
    } else if (gzip) {
      storedBody = gzip(body);
      identityLength = body.length;
    } else {
      storedBody = body;
      identityLength = body.length;
    }
    return new HttpEntry(
        key.canonical(),
        status,
        stored,
        etag,
        identityLength,
        storedBody,
        gzip,
        now,
        now.plus(ttl),
        tags,
        // a new body: a head renewed for an older one must not be read with it
        ThreadLocalRandom.current().nextLong(),
        terms);
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static InputStream gunzip(byte[] body) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(body));
  }

  private static long gunzippedLength(byte[] body) {
    try (InputStream in = gunzip(body)) {
      long total = 0;
      byte[] chunk = new byte[8192];
      for (int n; (n = in.read(chunk)) > 0; ) {
        total += n;
      }
      return total;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The stored headers updated by a 304 (RFC 9111 §4.3.4): each field the 304 carries replaces
   * every stored value of that field, except the fields never stored and those that describe the
   * stored body's framing and coding, which a 304 can't change.
   */
  static Headers renewedHeaders(Headers stored, Headers notModified, boolean gzip) {
    Headers renewed = stored.copy();
    Headers update = storedHeaders(notModified, false);
    update.asMap().keySet().forEach(renewed::remove);
    update.forEach(renewed::add);
    if (gzip && !varies(renewed, "Accept-Encoding")) {
      renewed.add("Vary", "Accept-Encoding");
    }
    return renewed;
  }

  /** Fields a 304 carries (RFC 9110 §15.4.5). */
  static final List<String> NOT_MODIFIED_FIELDS =
      List.of("Cache-Control", "Content-Location", "ETag", "Expires", "Vary", "Last-Modified");
}
