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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stored HTTP response, kept as two values so that a renewal (a 304 from the application)
 * rewrites only the small one. The head travels as the payload of an {@link Envelope} (which holds
 * stored-at, fresh-until and the gzip flag), in this versioned layout, all integers big-endian and
 * every string as a 4-byte UTF-8 length followed by its bytes:
 *
 * <pre>
 * size  field
 *    4  magic "CLHT"
 *    1  payload version, {@link #VERSION}
 *    …  canonical key (string), verified on read
 *    2  status
 *    2  header count n, then n × (name string, value string): end-to-end headers only
 *    …  entity tag (string)
 *    2  tag count t, then t × tag (string): the tags it is indexed under, renewed with it
 *    8  identity length: the body's length without content coding
 *    8  body id: names the body this head was written with
 *    4  body length
 *    8  initial age in milliseconds: the corrected initial age on receipt (RFC 9111 §4.2.3)
 *    8  stale-while-revalidate in milliseconds, from the response (RFC 5861 §3)
 *    8  stale-if-error in milliseconds, from the response (RFC 5861 §4)
 *    1  flags: bit 0 set when a stale copy must never be served unvalidated (RFC 9111 §4.2.4)
 * </pre>
 *
 * The body value is the magic "CLHB", the same body id, then the body: gzip-coded when the
 * envelope's FLAG_GZIP is set. A new response gets a new random body id and a renewal keeps it, so
 * a head read together with another response's body (a renewal racing a new fill, or a body evicted
 * and written again) is noticed without reading the body. A reader meeting another magic, version
 * or body id throws {@link EntryFormatException}; the entry is then a miss.
 *
 * <p>Immutable apart from one memo: a gzip-coded body is gunzipped once, on the first identity
 * client's request, and kept with the entry when it is no longer than the entry's bound ({@value
 * #REMEMBERED_IDENTITY} bytes, or more for an entry {@link DecodedEntries} holds and weighs), so a
 * hot entry is not inflated again for every such client.
 */
final class HttpEntry {

  static final int VERSION = 3;
  private static final int FLAG_MUST_REVALIDATE = 1;
  private static final byte[] MAGIC = {'C', 'L', 'H', 'T'};
  private static final byte[] BODY_MAGIC = {'C', 'L', 'H', 'B'};
  private static final int BODY_PREFIX = BODY_MAGIC.length + Long.BYTES;

  /**
   * The largest identity body an entry keeps on its own; larger ones are streamed through an
   * inflater on every write, unless a holder {@linkplain #rememberIdentityUpTo allows more}.
   */
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
  private final Set<String> tags;
  private final long bodyId;
  private final List<SentField> sentFields;
  private final EntryTerms terms;
  private volatile byte[] identity;
  private volatile long identityBound = REMEMBERED_IDENTITY;

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
   * @param tags the tags it is indexed under
   * @param bodyId names the body: new for a new response, kept by a renewal
   * @param terms the origin's terms it keeps beyond its lifetime
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
      Instant freshUntil,
      Set<String> tags,
      long bodyId,
      EntryTerms terms) {
    this.canonicalKey = canonicalKey;
    this.status = status;
    this.headers = headers;
    this.etag = etag;
    this.identityLength = identityLength;
    this.body = body;
    this.gzipped = gzipped;
    this.storedAt = storedAt;
    this.freshUntil = freshUntil;
    this.tags = Set.copyOf(tags);
    this.bodyId = bodyId;
    this.terms = terms;
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

  Set<String> tags() {
    return tags;
  }

  long bodyId() {
    return bodyId;
  }

  EntryTerms terms() {
    return terms;
  }

  /**
   * The {@code current_age} of RFC 9111 §4.2.3: the age it was received with plus the time it has
   * been stored (its resident time).
   */
  Duration currentAge(Instant now) {
    Duration resident = Duration.between(storedAt, now);
    return terms.initialAge().plus(resident.isNegative() ? Duration.ZERO : resident);
  }

  /**
   * This entry as the application confirmed it (RFC 9111 §4.3.4): the same body, with {@code
   * headers}, {@code etag}, a new lifetime and the terms of the confirming response.
   */
  HttpEntry renewed(
      Headers headers, String etag, Instant storedAt, Instant freshUntil, EntryTerms terms) {
    HttpEntry renewed =
        new HttpEntry(
            canonicalKey,
            status,
            headers,
            etag,
            identityLength,
            body,
            gzipped,
            storedAt,
            freshUntil,
            tags,
            bodyId,
            terms);
    renewed.identity = identity;
    renewed.identityBound = identityBound;
    return renewed;
  }

  /**
   * Lets this entry keep its gunzipped body when it is up to {@code bytes} long: for a holder that
   * keeps the entry for many hits and counts that memory against a bound of its own.
   */
  void rememberIdentityUpTo(long bytes) {
    identityBound = Math.max(identityBound, bytes);
  }

  /** Writes the body without content coding. */
  void writeIdentity(OutputStream out) throws IOException {
    if (!gzipped) {
      out.write(body);
      return;
    }
    byte[] known = identity;
    if (known == null && identityLength <= identityBound) {
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

  /** The head value: everything but the body, in the layout above. */
  byte[] headBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
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
      out.writeShort(tags.size());
      for (String tag : tags) {
        string(out, tag);
      }
      out.writeLong(identityLength);
      out.writeLong(bodyId);
      out.writeInt(body.length);
      out.writeLong(terms.initialAge().toMillis());
      out.writeLong(terms.staleWhileRevalidate().toMillis());
      out.writeLong(terms.staleIfError().toMillis());
      out.writeByte(terms.mustRevalidate() ? FLAG_MUST_REVALIDATE : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Envelope(storedAt, freshUntil, gzipped ? Envelope.FLAG_GZIP : 0, bytes.toByteArray())
        .toBytes();
  }

  /** The body value: its magic and id, then the body as stored. */
  byte[] bodyBytes() {
    ByteBuffer out = ByteBuffer.allocate(BODY_PREFIX + body.length);
    out.put(BODY_MAGIC).putLong(bodyId).put(body);
    return out.array();
  }

  /**
   * Reads a stored head and the body stored beside it.
   *
   * @throws EntryFormatException when they are not an HTTP entry of this version, or not the head
   *     and body of one response
   */
  static HttpEntry parse(byte[] head, byte[] storedBody) {
    Envelope envelope = Envelope.parse(head);
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
      int tagCount = in.readUnsignedShort();
      Set<String> tags = new LinkedHashSet<>();
      for (int i = 0; i < tagCount; i++) {
        tags.add(string(in));
      }
      long identityLength = in.readLong();
      long bodyId = in.readLong();
      int length = in.readInt();
      EntryTerms terms =
          new EntryTerms(
              Duration.ofMillis(in.readLong()),
              Duration.ofMillis(in.readLong()),
              Duration.ofMillis(in.readLong()),
              (in.readUnsignedByte() & FLAG_MUST_REVALIDATE) != 0);
      if (in.read() != -1) {
        throw new EntryFormatException("HTTP entry head is followed by garbage");
      }
      return new HttpEntry(
          canonical,
          status,
          headers,
          etag,
          identityLength,
          body(storedBody, bodyId, length),
          envelope.isGzipped(),
          envelope.storedAt(),
          envelope.freshUntil(),
          tags,
          bodyId,
          terms);
    } catch (IOException e) {
      throw new EntryFormatException("HTTP entry is truncated: " + e.getMessage());
    }
  }

  /** The body in {@code stored}, when it is the one a head with {@code bodyId} was written with. */
  private static byte[] body(byte[] stored, long bodyId, int length) {
    if (stored.length != BODY_PREFIX + length
        || !java.util.Arrays.equals(stored, 0, BODY_MAGIC.length, BODY_MAGIC, 0, BODY_MAGIC.length)
        || ByteBuffer.wrap(stored, BODY_MAGIC.length, Long.BYTES).getLong() != bodyId) {
      throw new EntryFormatException("HTTP entry body is not the one its head was written with");
    }
    return java.util.Arrays.copyOfRange(stored, BODY_PREFIX, stored.length);
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
