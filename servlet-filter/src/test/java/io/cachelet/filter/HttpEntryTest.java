package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.codec.EntryFormatException;
import io.cachelet.codec.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpEntryTest {

  static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  static Headers headers(String... fields) {
    Headers h = new Headers();
    for (int i = 0; i < fields.length; i += 2) {
      h.add(fields[i], fields[i + 1]);
    }
    return h;
  }

  @Test
  void anEntryRoundTripsThroughItsVersionedFormat() {
    byte[] body = "ünïcödé body ".repeat(50).getBytes(StandardCharsets.UTF_8);
    Headers fields =
        headers(
            "Content-Type",
            "text/html;charset=UTF-8",
            "X-App",
            "one",
            "x-app",
            "two",
            "Set-Cookie",
            "a=b",
            "Connection",
            "close, X-Hop",
            "X-Hop",
            "1",
            "Date",
            "yesterday");
    CanonicalKey key = new CanonicalKey("1:k", "h");
    HttpEntry entry =
        Entries.build(
            key,
            200,
            fields,
            Entries.etag(fields, body),
            body,
            NOW,
            Duration.ofMinutes(1),
            Set.of(),
            EntryTerms.NONE);
    HttpEntry read = HttpEntry.parse(entry.headBytes(), entry.bodyBytes());
    assertThat(read.canonicalKey()).isEqualTo("1:k");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.gzipped()).isTrue();
    assertThat(read.identityLength()).isEqualTo(body.length);
    assertThat(read.body()).isEqualTo(entry.body()).isNotEqualTo(body);
    assertThat(read.storedAt()).isEqualTo(NOW);
    assertThat(read.freshUntil()).isEqualTo(NOW.plusSeconds(60));
    assertThat(read.headers().all("X-App")).containsExactly("one", "two");
    assertThat(read.headers().has("Set-Cookie")).isFalse();
    assertThat(read.headers().has("X-Hop")).isFalse();
    assertThat(read.headers().has("Connection")).isFalse();
    assertThat(read.headers().has("Date")).isFalse();
    assertThat(read.headers().all("Vary")).containsExactly("Accept-Encoding");
    assertThat(read.etag()).startsWith("\"").endsWith("\"").hasSize(45);
    assertThat(read.headers().first("ETag")).contains(read.etag());
    assertThat(read.bodyId()).isEqualTo(entry.bodyId());
  }

  @Test
  void aHeadIsNeverReadWithAnotherResponsesBody() {
    CanonicalKey key = new CanonicalKey("1:k", "h");
    HttpEntry first = small(key, "\"1\"");
    HttpEntry second = small(key, "\"2\"");
    assertThatThrownBy(() -> HttpEntry.parse(first.headBytes(), second.bodyBytes()))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("body");
    // a renewal keeps the body: its new head reads with the body stored before
    HttpEntry renewed =
        first.renewed(
            headers("X-New", "1"),
            "\"1\"",
            NOW.plusSeconds(5),
            NOW.plusSeconds(65),
            EntryTerms.NONE);
    HttpEntry read = HttpEntry.parse(renewed.headBytes(), first.bodyBytes());
    assertThat(read.headers().all("X-New")).containsExactly("1");
    assertThat(read.freshUntil()).isEqualTo(NOW.plusSeconds(65));
    byte[] cut = Arrays.copyOf(first.bodyBytes(), first.bodyBytes().length - 1);
    assertThatThrownBy(() -> HttpEntry.parse(first.headBytes(), cut))
        .isInstanceOf(EntryFormatException.class);
  }

  @Test
  void smallOrBinaryBodiesAreStoredAsTheyAre() {
    byte[] small = "tiny".getBytes(StandardCharsets.US_ASCII);
    assertThat(Entries.willGzip(headers("Content-Type", "text/plain"), small)).isFalse();
    byte[] big = new byte[4096];
    assertThat(Entries.willGzip(headers("Content-Type", "image/png"), big)).isFalse();
    assertThat(Entries.willGzip(headers("Content-Type", "application/problem+json"), big)).isTrue();
  }

  @Test
  void theApplicationsEtagIsKept() {
    assertThat(Entries.etag(headers("ETag", "W/\"v7\""), new byte[1])).isEqualTo("W/\"v7\"");
  }

  @Test
  void anotherVersionOrAGarbledPayloadIsNotAnEntry() {
    CanonicalKey key = new CanonicalKey("1:k", "h");
    HttpEntry entry = small(key, "\"e\"");
    byte[] bytes = entry.headBytes();
    byte[] body = entry.bodyBytes();
    Envelope envelope = Envelope.parse(bytes);
    byte[] payload = envelope.payload().clone();
    payload[4] = 9;
    byte[] otherVersion =
        new Envelope(envelope.storedAt(), envelope.freshUntil(), 0, payload).toBytes();
    assertThatThrownBy(() -> HttpEntry.parse(otherVersion, body))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("version 9");
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 2);
    assertThatThrownBy(() -> HttpEntry.parse(truncated, body))
        .isInstanceOf(EntryFormatException.class);
    byte[] notHttp = Envelope.of("plain json".getBytes(StandardCharsets.UTF_8), NOW, NOW).toBytes();
    assertThatThrownBy(() -> HttpEntry.parse(notHttp, body))
        .isInstanceOf(EntryFormatException.class);
  }

  @Test
  void aGzippedBodyIsInflatedOnceForIdentityClientsAndStreamedWhenItIsNotWhatItClaims()
      throws Exception {
    byte[] body = "{\"name\":\"value\"}".repeat(200).getBytes(StandardCharsets.UTF_8);
    HttpEntry entry = gzipped(body);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    entry.writeIdentity(first);
    entry.writeIdentity(second);
    assertThat(first.toByteArray()).isEqualTo(body);
    assertThat(second.toByteArray()).isEqualTo(body);
    // an entry whose announced length is wrong (another writer's bytes, say) is never
    // remembered short: its whole body is streamed
    HttpEntry lying =
        new HttpEntry(
            "1:k",
            200,
            headers(),
            "\"e\"",
            10,
            entry.body(),
            true,
            NOW,
            NOW.plusSeconds(60),
            Set.of(),
            1,
            EntryTerms.NONE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lying.writeIdentity(out);
    assertThat(out.toByteArray()).isEqualTo(body);
  }

  @Test
  void aDecodedEntryIsReusedOnlyForTheSameBytes() {
    DecodedEntries decoded = new DecodedEntries();
    CanonicalKey key = new CanonicalKey("1:k", "h");
    HttpEntry one = small(key, "\"1\"");
    HttpEntry two = small(key, "\"2\"");
    HttpEntry first = decoded.decode(stored("k", one.headBytes(), one.bodyBytes()));
    assertThat(decoded.decode(stored("k", one.headBytes(), one.bodyBytes()))).isSameAs(first);
    assertThat(decoded.decode(stored("k", two.headBytes(), two.bodyBytes())).etag())
        .isEqualTo("\"2\"");
    assertThat(decoded.decode(stored("other", one.headBytes(), one.bodyBytes())))
        .isNotSameAs(first);
    // the same head with another body (a renewal racing a new fill) is decoded again
    assertThatThrownBy(() -> decoded.decode(stored("k", one.headBytes(), two.bodyBytes())))
        .isInstanceOf(EntryFormatException.class);
    byte[] garbled = Arrays.copyOf(one.headBytes(), one.headBytes().length - 1);
    assertThatThrownBy(() -> decoded.decode(stored("k", garbled, one.bodyBytes())))
        .isInstanceOf(EntryFormatException.class);
  }

  @Test
  void aHotGzippedMebibyteIsInflatedOnceForIdentityClientsNotOnEveryHit() throws Exception {
    // the 1 MB point of the HTTP bench's curves: a compressible body at the default body limit
    byte[] body = json((int) Route.DEFAULT_MAX_BODY_BYTES);
    HttpEntry built = gzipped(body);
    assertThat(built.body().length).isLessThan(DecodedEntries.MAX_ENTRY_BYTES);

    Writes[] hits = twoIdentityHits(built);

    Writes first = hits[0];
    Writes second = hits[1];
    assertThat(first.bytes()).isEqualTo(body);
    assertThat(second.bytes()).isEqualTo(body);
    // the second hit sends the body the first one inflated, in one write, inflating nothing
    assertThat(second.writes).as("writes of the second hit").isEqualTo(1);
    assertThat(second.arrays.get(0) == first.arrays.get(0)).as("the first hit's array").isTrue();
  }

  @Test
  void aGzippedBodyBeyondWhatTheDecodeMemoKeepsIsStreamedThroughAnInflaterOnEveryHit()
      throws Exception {
    byte[] body = json((int) Route.DEFAULT_MAX_BODY_BYTES + 1);

    Writes[] hits = twoIdentityHits(gzipped(body));

    Writes first = hits[0];
    Writes second = hits[1];
    assertThat(second.bytes()).isEqualTo(body);
    // memory stays bounded: nothing of the identity body was kept from the first hit
    assertThat(second.writes).as("writes of the second hit").isGreaterThan(1);
    assertThat(second.arrays.stream().noneMatch(first.arrays::contains))
        .as("none of them the first hit's")
        .isTrue();
  }

  /**
   * What two clients that do not accept gzip are sent for {@code entry}, each read from the store
   * and through the decode memo as the filter reads a hit.
   */
  private static Writes[] twoIdentityHits(HttpEntry entry) throws IOException {
    DecodedEntries decoded = new DecodedEntries();
    Writes[] hits = {new Writes(), new Writes()};
    for (Writes hit : hits) {
      decoded.decode(stored("k", entry.headBytes(), entry.bodyBytes())).writeIdentity(hit);
    }
    return hits;
  }

  /** A JSON array of exactly {@code size} bytes, as compressible as a product listing. */
  private static byte[] json(int size) {
    byte[] body = new byte[size];
    byte[] item =
        "{\"id\":1234,\"name\":\"a product\",\"tags\":[\"x\",\"y\"]},"
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      body[i] = item[i % item.length];
    }
    body[0] = '[';
    body[size - 1] = ']';
    return body;
  }

  private static HttpEntry gzipped(byte[] body) {
    HttpEntry entry =
        Entries.build(
            new CanonicalKey("1:k", "h"),
            200,
            headers("Content-Type", "application/json"),
            "\"e\"",
            body,
            NOW,
            Duration.ofMinutes(1),
            Set.of(),
            EntryTerms.NONE);
    assertThat(entry.gzipped()).isTrue();
    return entry;
  }

  /** What a response's stream was given: the bytes, and each array it was handed. */
  private static final class Writes extends OutputStream {
    final List<byte[]> arrays = new ArrayList<>();
    int writes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      writes++;
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      if (arrays.stream().noneMatch(known -> known == b)) {
        arrays.add(b);
      }
      bytes.write(b, off, len);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private static DecodedEntries.Stored stored(String key, byte[] head, byte[] body) {
    return new DecodedEntries.Stored(key, head, HttpStore.bodyKey(key), body);
  }

  /** A three-byte 200 for {@code key}, tagged {@code etag}, with a body of its own. */
  private static HttpEntry small(CanonicalKey key, String etag) {
    return Entries.build(
        key,
        200,
        headers(),
        etag,
        new byte[3],
        NOW,
        Duration.ofMinutes(1),
        Set.of(),
        EntryTerms.NONE);
  }
}
