package io.cachelet.codec;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The binary envelope every stored entry is wrapped in: what it is, when it was stored and until
 * when it is fresh, in front of an opaque payload.
 *
 * <pre>
 * offset size  field
 *      0    1  magic, 0xCA
 *      1    1  format version, {@link #VERSION}
 *      2    1  flags: bit 0 = the cached value is null (the payload is empty),
 *                     bit 1 = the payload is gzip-compressed; other bits must be 0
 *      3    8  stored-at, epoch milliseconds, big-endian
 *     11    8  fresh-until, epoch milliseconds, big-endian
 *     19    …  payload
 * </pre>
 *
 * <p>The store's own TTL is the fresh TTL plus any stale grace, so an entry past {@code freshUntil}
 * can still be served stale while it is refreshed or while the origin fails. A reader that finds
 * another magic, version or unknown flags throws {@link EntryFormatException}: the entry is treated
 * as a miss, never guessed at. A new layout gets a new version number.
 *
 * @param storedAt when the entry was written
 * @param freshUntil until when the entry may be served without revalidation
 * @param flags the {@code FLAG_*} bits
 * @param payload the encoded value, empty for a cached null
 */
public record Envelope(Instant storedAt, Instant freshUntil, int flags, byte[] payload) {

  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  /** The cached value is {@code null}. */
  public static final int FLAG_NULL = 1;

  /** The payload is gzip-compressed. */
  public static final int FLAG_GZIP = 1 << 1;

  private static final byte MAGIC = (byte) 0xCA;
  private static final int KNOWN_FLAGS = FLAG_NULL | FLAG_GZIP;
  private static final int HEADER = 19;

  public Envelope {
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(freshUntil, "freshUntil");
    Objects.requireNonNull(payload, "payload");
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new IllegalArgumentException("Unknown envelope flags " + Integer.toBinaryString(flags));
    }
  }

  /** An envelope for a cached value. */
  public static Envelope of(byte[] payload, Instant storedAt, Instant freshUntil) {
    return new Envelope(storedAt, freshUntil, 0, payload);
  }

  /** An envelope for a cached {@code null}. */
  public static Envelope ofNull(Instant storedAt, Instant freshUntil) {
    return new Envelope(storedAt, freshUntil, FLAG_NULL, new byte[0]);
  }

  /** Whether the cached value is {@code null}. */
  public boolean isNull() {
    return (flags & FLAG_NULL) != 0;
  }

  /** Whether the payload is gzip-compressed. */
  public boolean isGzipped() {
    return (flags & FLAG_GZIP) != 0;
  }

  /** Whether the entry may still be served as fresh at {@code now}. */
  public boolean isFreshAt(Instant now) {
    return now.isBefore(freshUntil);
  }

  /** The envelope and its payload, as stored. */
  public byte[] toBytes() {
    return ByteBuffer.allocate(HEADER + payload.length)
        .put(MAGIC)
        .put((byte) VERSION)
        .put((byte) flags)
        .putLong(storedAt.toEpochMilli())
        .putLong(freshUntil.toEpochMilli())
        .put(payload)
        .array();
  }

  /**
   * Reads stored bytes back.
   *
   * @throws EntryFormatException when they are not an envelope of this version
   */
  public static Envelope parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < HEADER || bytes[0] != MAGIC) {
      throw new EntryFormatException("Not a Cachelet entry (" + bytes.length + " bytes)");
    }
    if (bytes[1] != VERSION) {
      throw new EntryFormatException(
          "Entry format version " + bytes[1] + " is not the supported version " + VERSION);
    }
    int flags = bytes[2] & 0xFF;
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new EntryFormatException("Entry has unknown flags " + Integer.toBinaryString(flags));
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 3, 16);
    Instant storedAt = Instant.ofEpochMilli(buffer.getLong());
    Instant freshUntil = Instant.ofEpochMilli(buffer.getLong());
    if ((flags & FLAG_NULL) != 0 && bytes.length != HEADER) {
      throw new EntryFormatException("A null entry must not carry a payload");
    }
    return new Envelope(
        storedAt, freshUntil, flags, Arrays.copyOfRange(bytes, HEADER, bytes.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e
        && storedAt.equals(e.storedAt)
        && freshUntil.equals(e.freshUntil)
        && flags == e.flags
        && Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(storedAt, freshUntil, flags, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "Envelope[storedAt="
        + storedAt
        + ", freshUntil="
        + freshUntil
        + ", flags="
        + flags
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
