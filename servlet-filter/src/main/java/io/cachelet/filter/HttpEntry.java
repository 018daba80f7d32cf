package io.cachelet.filter;

import io.cachelet.codec.EntryFormatException;
import io.cachelet.codec.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stored HTTP response. It travels as the payload of an {@link Envelope} (which holds stored-at,
 * fresh-until and the gzip flag), in this versioned layout, all integers big-endian and every
 * string as a 4-byte UTF-8 length followed by its bytes:
 *
 * <pre>
 * size  field
 *    4  magic "CLHT"
 *    1  payload version, {@link #VERSION}
 *    …  canonical key (string), verified on read
 *    2  status
 *    2  header count n, then n × (name string, value string): end-to-end headers only
 *    …  entity tag (string)
 *    8  identity length: the body's length without content coding
 *    4  body length, then the body: gzip-coded when the envelope's FLAG_GZIP is set
 * </pre>
 *
 * A reader meeting another magic or version throws {@link EntryFormatException}; the entry is then
 * a miss.
 *
 * <p>Immutable apart from one memo: a gzip-coded body of at most {@value #REMEMBERED_IDENTITY}
 * bytes is gunzipped once, on the first identity client's request, and kept with the entry, so a
 * hot entry (see {@link DecodedEntries}) is not inflated again for every such client.
 */
final class HttpEntry {

  static final int VERSION = 1;
  private static final byte[] MAGIC = {'C', 'L', 'H', 'T'};

  /** The largest identity body kept in memory; larger ones are streamed through an inflater. */
  static final int REMEMBERED_IDENTITY = 256 * 1024;

  private final String canonicalKey;
  private final int status;
  private final Headers headers;
  private final String etag;
  private final long identityLength;
  private final byte[] body;
  private final boolean gzipped;
  private final Instant storedAt;
  private final Instant freshUntil;
  private final List<SentField> sentFields;
  private volatile byte[] identity;

  /**
   * A stored field as a hit sends it: everything but {@code ETag}, which is sent in the form the
   * coding needs; {@code Content-Type} goes through the servlet API's own setter.
   */
  record SentField(String name, String value, boolean contentType) {}

  /**
   * @param canonicalKey the canonical text of the request it answers, compared on every read
   * @param status the response status
   * @param headers the end-to-end headers to send
   * @param etag the entity tag of the identity body
   * @param identityLength the body's length without content coding
   * @param body the body as stored: gzip-coded when {@code gzipped}
   * @param gzipped whether {@code body} is gzip-coded
   * @param storedAt when it was stored
   * @param freshUntil until when it is fresh
   */
  HttpEntry(
      String canonicalKey,
      int status,
      Headers headers,
      String etag,
      long identityLength,
      byte[] body,
      boolean gzipped,
      Instant storedAt,
      Instant freshUntil) {
    this.canonicalKey = canonicalKey;
    this.status = status;
    this.headers = headers;
    this.etag = etag;
    this.identityLength = identityLength;
    this.body = body;
    this.gzipped = gzipped;
    this.storedAt = storedAt;
    this.freshUntil = freshUntil;
    // worked out once per entry, not on every hit
    List<SentField> sent = new ArrayList<>();
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("ETag")) {
            sent.add(new SentField(name, value, name.equalsIgnoreCase("Content-Type")));
          }
        });
    this.sentFields = List.copyOf(sent);
  }

  String canonicalKey() {
    return canonicalKey;
  }

  int status() {
    return status;
  }

  Headers headers() {
    return headers;
  }

  String etag() {
    return etag;
  }

  /** The stored fields a hit sends, in order. */
  List<SentField> sentFields() {
    return sentFields;
  }

  long identityLength() {
    return identityLength;
  }

  byte[] body() {
    return body;
  }

  boolean gzipped() {
    return gzipped;
  }

  Instant storedAt() {
    return storedAt;
  }

  Instant freshUntil() {
    return freshUntil;
  }

  /** Writes the body without content coding. */
  void writeIdentity(OutputStream out) throws IOException {
    if (!gzipped) {
      out.write(body);
      return;
    }
    byte[] known = identity;
    if (known == null && identityLength <= REMEMBERED_IDENTITY) {
      try (InputStream in = Entries.gunzip(body)) {
        // read one byte more than announced, so a body that inflates beyond it is noticed
        byte[] inflated = in.readNBytes((int) identityLength + 1);
        if (inflated.length == identityLength) {
          known = inflated;
          identity = known;
        }
      }
    }
    if (known != null) {
      out.write(known);
      return;
    }
    try (InputStream in = Entries.gunzip(body)) {
      in.transferTo(out);
    }
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      string(out, canonicalKey);
      out.writeShort(status);
      Map<String, List<String>> fields = headers.asMap();
      int count = fields.values().stream().mapToInt(List::size).sum();
      out.writeShort(count);
      for (Map.Entry<String, List<String>> field : fields.entrySet()) {
        for (String value : field.getValue()) {
          string(out, field.getKey());
          string(out, value);
        }
      }
      string(out, etag);
      out.writeLong(identityLength);
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Envelope(storedAt, freshUntil, gzipped ? Envelope.FLAG_GZIP : 0, bytes.toByteArray())
        .toBytes();
  }

  /**
   * Reads stored bytes.
   *
   * @throws EntryFormatException when they are not an HTTP entry of this version
   */
  static HttpEntry parse(byte[] stored) {
    Envelope envelope = Envelope.parse(stored);
    try (DataInputStream in =
        new DataInputStream(new java.io.ByteArrayInputStream(envelope.payload()))) {
      byte[] magic = in.readNBytes(4);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new EntryFormatException("Not an HTTP entry");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new EntryFormatException(
            "HTTP entry version " + version + " is not the supported version " + VERSION);
      }
      String canonical = string(in);
      int status = in.readUnsignedShort();
      int count = in.readUnsignedShort();
      Headers headers = new Headers();
      for (int i = 0; i < count; i++) {
        headers.add(string(in), string(in));
      }
      String etag = string(in);
      long identityLength = in.readLong();
      int length = in.readInt();
      byte[] body = in.readNBytes(length);
      if (body.length != length || in.read() != -1) {
        throw new EntryFormatException("HTTP entry body is truncated or followed by garbage");
      }
      return new HttpEntry(
          canonical,
          status,
          headers,
          etag,
          identityLength,
          body,
          envelope.isGzipped(),
          envelope.storedAt(),
          envelope.freshUntil());
    } catch (IOException e) {
      throw new EntryFormatException("HTTP entry is truncated: " + e.getMessage());
    }
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new EntryFormatException("HTTP entry has a string of impossible length " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
