package io.cachelet.filter;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a stored entry to a client: the stored status and end-to-end headers, a fresh {@code
 * Date}, {@code Age} (RFC 9111 §4.2.3, §5.1), a recomputed {@code Content-Length}, and the body in
 * the coding the client accepts: the one gzip copy as is, or gunzipped for a client that does not
 * accept gzip. HEAD gets the same headers and no body (RFC 9110 §9.3.2); a 304 only the fields of
 * RFC 9110 §15.4.5; a GET's byte range a 206 with that part of the representation sent, or a 416
 * (RFC 9110 §14, decided by {@link CachePolicy#range}).
 */
final class EntryWriter {

  private EntryWriter() {}

  static void write(
      HttpServletResponse response,
      HttpEntry entry,
      RequestFacts request,
      Instant now,
      boolean notModified)
      throws IOException {
    response.setHeader("Date", HttpDates.format(now));
    response.setHeader("Age", Long.toString(age(entry, now)));
    boolean sendGzipped = entry.gzipped() && request.acceptsGzip();
    if (notModified) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      for (String field : Entries.NOT_MODIFIED_FIELDS) {
        for (String value : entry.headers().all(field)) {
          response.addHeader(field, value);
        }
      }
      response.setHeader("ETag", sentEtag(entry, sendGzipped));
      return;
    }
    String etag = sentEtag(entry, sendGzipped);
    long length = sendGzipped ? entry.body().length : entry.identityLength();
    CachePolicy.RangeAnswer range = CachePolicy.range(request, entry, etag, length);
    if (range instanceof CachePolicy.Unsatisfiable) {
      response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
      response.setHeader("Content-Range", "bytes */" + length);
      response.setHeader("ETag", etag);
      response.setContentLengthLong(0);
      CacheStatus.answeredRange(response);
      return;
    }
    Optional<ByteRange> part =
        range instanceof CachePolicy.Partial partial
            ? Optional.of(partial.range())
            : Optional.empty();
    response.setStatus(part.isPresent() ? HttpServletResponse.SC_PARTIAL_CONTENT : entry.status());
    List<HttpEntry.SentField> fields = entry.sentFields();
    for (int i = 0; i < fields.size(); i++) {
      HttpEntry.SentField field = fields.get(i);
      if (field.contentType()) {
        response.setContentType(field.value());
      } else {
        response.addHeader(field.name(), field.value());
      }
    }
    response.setHeader("ETag", etag);
    if (entry.status() == HttpServletResponse.SC_OK) {
      response.setHeader("Accept-Ranges", "bytes");
    }
    if (sendGzipped) {
      response.setHeader("Content-Encoding", "gzip");
    }
    if (part.isPresent()) {
      response.setHeader("Content-Range", part.get().contentRange(length));
      response.setContentLengthLong(part.get().length());
      CacheStatus.answeredRange(response);
    } else {
      response.setContentLengthLong(length);
    }
    if (request.isHead()) {
      return;
    }
    OutputStream out = response.getOutputStream();
    if (part.isPresent()) {
      out = new RangeWindow(out, part.get());
    }
    if (sendGzipped) {
      out.write(entry.body());
    } else {
      entry.writeIdentity(out);
    }
  }

  /**
   * The gzip-coded body is another representation than the identity one, so it can't share a strong
   * validator (RFC 9110 §8.8.1): it is sent with the weak form of the tag, which still matches
   * {@code If-None-Match} under weak comparison (§8.8.3.2), as nginx does.
   */
  private static String sentEtag(HttpEntry entry, boolean gzipped) {
    String etag = entry.etag();
    return gzipped && !etag.startsWith("W/") ? "W/" + etag : etag;
  }

  /**
   * The entry's current age in whole seconds (RFC 9111 §4.2.3), the age it arrived with included;
   * an age past 2^31 is sent as 2^31 (§5.1).
   */
  static long age(HttpEntry entry, Instant now) {
    return Math.min(DeltaSeconds.LARGEST, entry.currentAge(now).getSeconds());
  }

  /** Whole seconds of freshness left; negative once stale (RFC 9211 §2.5). */
  static long ttl(HttpEntry entry, Instant now) {
    return Duration.between(now, entry.freshUntil()).getSeconds();
  }
}
