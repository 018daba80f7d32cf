package io.cachelet.filter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes a stored entry to a client: the stored status and end-to-end headers, a fresh {@code
 * Date}, {@code Age} (RFC 9111 §4.2.3, §5.1), a recomputed {@code Content-Length}, and the body in
 * the coding the client accepts: the one gzip copy as is, or gunzipped for a client that does not
 * accept gzip. HEAD gets the same headers and no body (RFC 9110 §9.3.2); a 304 only the fields of
 * RFC 9110 §15.4.5.
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
      etag(response, entry, sendGzipped);
      return;
    }
    response.setStatus(entry.status());
    List<HttpEntry.SentField> fields = entry.sentFields();
    for (int i = 0; i < fields.size(); i++) {
      HttpEntry.SentField field = fields.get(i);
      if (field.contentType()) {
        response.setContentType(field.value());
      } else {
        response.addHeader(field.name(), field.value());
      }
    }
    // the entity tag is written in the form the coding sent needs
    etag(response, entry, sendGzipped);
    if (sendGzipped) {
      response.setHeader("Content-Encoding", "gzip");
      response.setContentLengthLong(entry.body().length);
    } else {
      response.setContentLengthLong(entry.identityLength());
    }
    if (request.isHead()) {
      return;
    }
    ServletOutputStream out = response.getOutputStream();
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
  private static void etag(HttpServletResponse response, HttpEntry entry, boolean gzipped) {
    String etag = entry.etag();
    response.setHeader("ETag", gzipped && !etag.startsWith("W/") ? "W/" + etag : etag);
  }

  /** Whole seconds since the entry was stored. */
  static long age(HttpEntry entry, Instant now) {
    return Math.max(0, Duration.between(entry.storedAt(), now).getSeconds());
  }

  /** Whole seconds of freshness left; negative once stale (RFC 9211 §2.5). */
  static long ttl(HttpEntry entry, Instant now) {
    return Duration.between(now, entry.freshUntil()).getSeconds();
  }
}
